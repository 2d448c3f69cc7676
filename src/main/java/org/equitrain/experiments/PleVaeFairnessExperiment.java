package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autophagy.FrechetDistance;
import org.equitrain.autophagy.hypernet.HeadsConfig;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.autophagy.ple.DataSets;
import org.equitrain.autophagy.ple.FreeParameters;
import org.equitrain.autophagy.ple.HypernetEstimator;
import org.equitrain.autophagy.ple.LearnedEstimator;
import org.equitrain.autophagy.ple.PleObjective;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.autophagy.ple.PleTrainer;
import org.equitrain.autophagy.ple.VaeFamily;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Rows;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.nn.Params;
import org.equitrain.report.ImageGrid;
import org.equitrain.report.LinePlot;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.Table;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * {@code ple-vae-fairness} (PLE spec §8 "VAE fairness", fairness-metrics.md §8): MNIST 3s (majority) plus 6s
 * (minority) at imbalance R_I = |3s|/|6s|; a small MLP VAE ({@link VaeFamily}) fitted by maximum likelihood
 * (directly), through a hypernetwork with chunked heads at λ = 0, and by PLE. Generated digits are classified by a
 * fixed equitrain MLP; R_gen = #3/#6 (fair target R_gen = R_I), the minority share, the minority class's negative
 * ELBO on test 6s, and the Fréchet distance between classifier features of generated 6s and real test 6s.
 */
public final class PleVaeFairnessExperiment implements Experiment {
    static final int MAJORITY = MnistDigits.MAJORITY;
    static final int MINORITY = MnistDigits.MINORITY;
    static final int HIDDEN = 64;
    static final int LATENT = 8;
    static final int BATCH = 64;
    /** torchhyper's MNIST VAE config uses ple_weight 1.0 (spec §6). */
    static final double LAMBDA = 1.0;
    /** Generated 6s the Fréchet distance to the real 6s needs (fewer give no usable covariance). */
    static final int MIN_FRECHET_ROWS = 20;

    @Override
    public String name() {
        return "ple-vae-fairness";
    }

    @Override
    public String title() {
        return "PLE on an imbalanced MNIST VAE (3s majority, 6s minority): generated class ratio";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        DatasetRegistry registry = DatasetRegistry.standard();
        Dataset train = registry.load("mnist", "train", NaPolicy.DROP_ROWS);
        Dataset test = registry.load("mnist", "test", NaPolicy.DROP_ROWS);
        int[] ratios = settings.quick() ? new int[] {2, 10} : new int[] {2, 5, 10, 20};
        int majorityCount = settings.pick(600, 3000);
        int steps = settings.pick(400, 4000);
        int generated = settings.pick(1000, 5000);
        results.seeds(settings.seed(0)).dataset("mnist", Map.of("train", train.size(), "test", test.size()));

        ClassifierJudge judge = ClassifierJudge.train(train, test, settings.pick(20_000, 60_000),
                settings.pick(2, 5), settings.seed(1));
        Tensor realMinority = MnistDigits.classRows(test, MINORITY, 1000);
        Tensor realFeatures = judge.features(realMinority);

        Report report = new Report(title());
        Table table = Table.of("R_I", "model", "R_gen", "|R_gen − R_I|/R_I", "minority share", "minority −ELBO",
                "Fréchet (6s)").caption("Generated-class statistics (" + generated + " samples per model). R_gen is ∞ "
                + "when no 6 is generated; the Fréchet distance needs at least " + MIN_FRECHET_ROWS + " generated 6s "
                + "(n/a with fewer).");
        LinePlot sharePlot = new LinePlot().title("generated minority share").xLabel("R_I").yLabel("#6 / (#3 + #6)");
        ImageGrid grid = new ImageGrid().title("Generated digits at R_I = " + ratios[ratios.length - 1]).columns(12);
        Map<String, double[]> shares = new LinkedHashMap<>();
        Map<String, Object> byRatio = new LinkedHashMap<>();
        String sizeReport = "";
        for (int ri = 0; ri < ratios.length; ri++) {
            int r = ratios[ri];
            Tensor data = MnistDigits.imbalanced(train, majorityCount, majorityCount / r, settings.seed(r));
            Map<String, Object> perModel = new LinkedHashMap<>();
            for (String model : new String[] {"MLE", "hyper (λ = 0)", "PLE λ = " + (int) LAMBDA}) {
                VaeFamily family = new VaeFamily(784, HIDDEN, LATENT, settings.seed(50 + ri));
                LearnedEstimator est = model.equals("MLE") ? new FreeParameters(family)
                        : HypernetEstimator.forFamily(family, HypernetConfig.of(784, 32, 64, 96)
                                .withHeads(HeadsConfig.chunked(512, 64)));
                if (est instanceof HypernetEstimator h) {
                    sizeReport = h.hypernetwork().sizeReport();
                }
                double lambda = model.startsWith("PLE") ? LAMBDA : 0;
                PleOptions options = PleOptions.defaults().withWeight(lambda);
                PleTrainer.Options opt = new PleTrainer.Options(steps, 1, 3e-3, Double.NaN, settings.seed(ri), 0);
                Params phi = new PleTrainer(new PleObjective(family, est, options), opt)
                        .train(est.initialParams(DType.FLOAT64, settings.seed(ri)), DataSets.minibatches(data, BATCH))
                        .phi();
                Params theta = PleTrainer.finalParameters(est, phi, data);
                Map<String, Object> m = evaluate(family, theta, judge, realMinority, realFeatures,
                        generated, r, settings.seed(70 + ri), ri == ratios.length - 1 ? grid : null, model);
                perModel.put(model, m);
                shares.computeIfAbsent(model, k -> new double[ratios.length])[ri] = (double) m.get("minority_share");
                table.row(r, model, m.get("r_gen"), m.get("relative_error"), m.get("minority_share"),
                        m.get("minority_neg_elbo"), m.get("frechet_minority"));
            }
            byRatio.put("r_" + r, perModel);
        }
        double[] x = new double[ratios.length];
        double[] ideal = new double[ratios.length];
        for (int i = 0; i < ratios.length; i++) {
            x[i] = ratios[i];
            ideal[i] = 1.0 / (1 + ratios[i]);
        }
        sharePlot.series("training share 1/(1 + R_I)", x, ideal);
        shares.forEach((k, v) -> sharePlot.series(k, x, v));
        results.metric("by_ratio", byRatio);
        results.metric("classifier_test_accuracy", judge.testAccuracy());
        results.metric("hypernetwork_size", sizeReport);
        report.paragraph(String.format(Locale.ROOT, "%d majority 3s and %d/R_I minority 6s from MNIST train; VAE "
                + "784-%d-%d (LeakyReLU, no BatchNorm), Adam 3e-3, batch %d, %d steps for every model. Hypernetwork: "
                + "encoder 32-64-96, chunked heads (C = 512, d_e = 64): %s. PLE: λ = %s (torchhyper's MNIST config), "
                + "debiased penalty, M = 2, ñ = batch. θ* = H(whole training set). Classifier: MLP 784-128-10, "
                + "test accuracy %.3f.", majorityCount, majorityCount, HIDDEN, LATENT, BATCH, steps, sizeReport,
                LAMBDA, judge.testAccuracy()));
        report.table(table);
        report.figure(sharePlot, "Generated minority share against R_I; the fair target is the training share.");
        report.figure(grid, "Generated digits at R_I = " + ratios[ratios.length - 1] + " (label: model, predicted "
                + "class).");
        StringBuilder reading = new StringBuilder("Reading: generated minority share by R_I (training share in "
                + "brackets) — ");
        for (int i = 0; i < ratios.length; i++) {
            reading.append(String.format(Locale.ROOT, "R_I = %d (%.3f):", ratios[i], ideal[i]));
            for (Map.Entry<String, double[]> e : shares.entrySet()) {
                reading.append(String.format(Locale.ROOT, " %s %.3f", e.getKey(), e.getValue()[i]));
            }
            reading.append(i < ratios.length - 1 ? "; " : ". ");
        }
        reading.append("A share below the training share means R_gen > R_I (the minority is under-generated). The "
                + "fair comparison for the penalty is PLE against the λ = 0 hypernetwork (same architecture, data and "
                + "steps); the directly trained VAE is a different parameterisation (free θ rather than θ = H(X) "
                + "through low-rank chunked heads) at the same step budget. The conditioning set is a minibatch of "
                + BATCH + ", where the O(1/n) bias of maximum likelihood is small, so a large effect of the penalty "
                + "on the class ratio is not expected at this scale.");
        report.paragraph(reading.toString());
        results.write(dir.resolve("results.json"));
        report.provenance(results.provenance()).write(dir.resolve("report.html"));
        Map<?, ?> last = (Map<?, ?>) byRatio.get("r_" + ratios[ratios.length - 1]);
        return String.format(Locale.ROOT, "R_I = %d: R_gen MLE %s, hyper %s, PLE %s",
                ratios[ratios.length - 1], rGen(last, "MLE"), rGen(last, "hyper (λ = 0)"),
                rGen(last, "PLE λ = " + (int) LAMBDA));
    }

    /** A model's R_gen for the summary line: two decimals, or "∞ (no 6s generated)". */
    static String rGen(Map<?, ?> m, String model) {
        double r = (double) ((Map<?, ?>) m.get(model)).get("r_gen");
        return Double.isInfinite(r) ? "∞ (no 6s generated)" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static Map<String, Object> evaluate(VaeFamily family, Params theta, ClassifierJudge judge,
            Tensor realMinority, Tensor realFeatures, int n, int ratio, long seed, ImageGrid grid, String model) {
        Map<String, Object> m = new LinkedHashMap<>();
        try (GradMode off = GradMode.off()) {
            Tensor samples = family.sample(theta, n, new SplittableRandom(seed)).value();
            int[] pred = judge.classes(samples);
            int maj = 0;
            int min = 0;
            int count = 0;
            for (int p : pred) {
                maj += p == MAJORITY ? 1 : 0;
                min += p == MINORITY ? 1 : 0;
            }
            int[] minorityRows = new int[min];
            for (int i = 0; i < pred.length; i++) {
                if (pred[i] == MINORITY) {
                    minorityRows[count++] = i;
                }
            }
            double rGen = min == 0 ? Double.POSITIVE_INFINITY : maj / (double) min;
            m.put("generated_majority", maj);
            m.put("generated_minority", min);
            m.put("generated_other", n - maj - min);
            m.put("r_gen", rGen);
            m.put("relative_error", Math.abs(rGen - ratio) / ratio);
            m.put("minority_share", maj + min == 0 ? Double.NaN : min / (double) (maj + min));
            m.put("minority_neg_elbo", family.meanNegativeElbo(theta, realMinority, new SplittableRandom(seed)));
            double fd = Double.NaN;
            if (min >= MIN_FRECHET_ROWS) {
                fd = FrechetDistance.between(judge.features(Rows.select(samples, minorityRows)), realFeatures);
            }
            m.put("frechet_minority", fd);
            if (grid != null) {
                double[] px = samples.toDoubleArray();
                for (int i = 0; i < 12; i++) {
                    double[] img = new double[784];
                    System.arraycopy(px, i * 784, img, 0, 784);
                    grid.image(img, 28, 28, model.split(" ")[0] + " → " + pred[i]);
                }
            }
        }
        return m;
    }
}
