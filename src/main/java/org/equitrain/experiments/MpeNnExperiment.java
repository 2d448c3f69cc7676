package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.report.NumberText;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.sensitivity.nn.Classifier;
import org.equitrain.sensitivity.nn.ClassifierTraining;
import org.equitrain.sensitivity.nn.DiagonalPosterior;
import org.equitrain.sensitivity.nn.Ivon;
import org.equitrain.sensitivity.nn.Laplace;
import org.equitrain.sensitivity.nn.NetworkSensitivity;
import org.equitrain.sensitivity.nn.PosteriorCovariance;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * {@code mpe-nn} (MPE spec §5): MNIST MLP(32,16) and Fashion-MNIST LeNet-5 — estimated vs true prediction deviation for removed
 * examples (warm-started retraining), and the LOO estimate vs the test NLL over training for IVON, Adam, the
 * diagonal-GGN Laplace and K-FAC, with full and diagonal V. Quick mode: 2000 MNIST training images, LeNet-5 on 500.
 */
public final class MpeNnExperiment implements Experiment {
    static final double PRIOR = 10;
    private static final int BATCH = 64;
    private static final double IVON_LR = 0.5;

    /** Sizes by mode. */
    private record Setup(int train, int test, int epochs, int every, int removed, int retrainEpochs, int lenetTrain,
            int lenetEpochs, int lenetRemoved, int lenetRetrainEpochs) {
        static Setup of(RunSettings s) {
            return s.quick() ? new Setup(2000, 1000, 24, 4, 100, 4, 500, 20, 100, 2)
                    : new Setup(10000, 10000, 60, 5, 300, 10, 5000, 30, 100, 3);
        }
    }

    /** Adam's L2 weight decay for the prior δ in the mean-loss convention: wd = δ/N. */
    static double weightDecay(int n) {
        return PRIOR / n;
    }

    @Override
    public String name() {
        return "mpe-nn";
    }

    @Override
    public String title() {
        return "MPE for neural networks: removal deviations and LOO estimates (MNIST MLP, Fashion-MNIST LeNet-5)";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        Setup setup = Setup.of(settings);
        DatasetRegistry registry = DatasetRegistry.standard();
        Dataset train = subset(registry.load("mnist", "train", NaPolicy.DROP_ROWS), setup.train, settings.seed(1));
        Dataset test = subset(registry.load("mnist", "test", NaPolicy.DROP_ROWS), setup.test, settings.seed(2));
        Tensor x = train.features().to(DType.FLOAT64);
        int[] y = train.labels();
        Tensor xt = test.features().to(DType.FLOAT64);
        int[] yt = test.labels();
        results.seeds(settings.seed(0))
                .dataset("mnist", Map.of("train", y.length, "test", yt.length));
        Report report = new Report(title());

        // MLP trained with Adam: curves for Adam, diagonal GGN and K-FAC, then the removal check.
        Classifier mlp = new Classifier(Mlp.of(784, 32, 16, 10),
                Params.init(Mlp.of(784, 32, 16, 10), DType.FLOAT64, settings.seed(3)));
        MpeNnCurves adamCurves = new MpeNnCurves();
        Adam adam = new Adam(Adam.Config.adam(1e-3).withWeightDecay(weightDecay(y.length)));
        LrSchedule schedule = LrSchedule.cosine(1e-2, (long) setup.epochs * steps(y.length), 0);
        double epochSeconds = 0;
        for (int e = 0; e < setup.epochs; e++) {
            long t0 = System.nanoTime();
            ClassifierTraining.epoch(mlp, adam, schedule, x, y, null, BATCH, settings.seed(4), e);
            epochSeconds += (System.nanoTime() - t0) * 1e-9 / setup.epochs;
            if ((e + 1) % setup.every == 0) {
                adamCurves.record(e + 1, mlp, x, y, xt, yt, Map.of("adam", adamPosterior(adam, mlp, y.length),
                        "laplace-diag", Laplace.diagonal(mlp, x, 256, PRIOR), "kfac", Laplace.kfac(mlp, x, 256, PRIOR)));
            }
        }
        double[] accuracy = {ClassifierTraining.evaluate(mlp, x, y, 500)[1], ClassifierTraining.evaluate(mlp, xt, yt,
                500)[1]};
        long t0 = System.nanoTime();
        PosteriorCovariance kfac = Laplace.kfac(mlp, x, 256, PRIOR);
        NetworkSensitivity sens = NetworkSensitivity.compute(mlp, x, y, kfac, PredictionCovariance.FULL, 256);
        double sensitivitySeconds = (System.nanoTime() - t0) * 1e-9;
        // Leave-class-out: the cheap LOCO of Eq. (16) and the parameter-step form (b) over all rows.
        Map<String, Double> loco = new LinkedHashMap<>();
        Map<String, Double> classRemoval = new LinkedHashMap<>();
        double[] locoNll = sens.leaveClassOutNll();
        for (int c = 0; c < locoNll.length; c++) {
            int cls = c;
            String label = train.classNames().get(c);
            loco.put(label, locoNll[c]);
            int[] members = java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == cls).toArray();
            classRemoval.put(label, NetworkSensitivity.removeGroup(label, members, mlp, x, y, kfac, 256)
                    .meanChange(null));
        }
        Map<String, PosteriorCovariance> sources = new LinkedHashMap<>();
        sources.put("kfac", kfac);
        sources.put("laplace-diag", Laplace.diagonal(mlp, x, 256, PRIOR));
        sources.put("adam", adamPosterior(adam, mlp, y.length));
        int[] removed = MpeRidgeExperiment.sampleRows(y.length, setup.removed, settings.seed(5));
        MpeNnRemoval.Outcome mlpRemoval = MpeNnRemoval.run(mlp, x, y, removed, sources, setup.retrainEpochs, 1e-3,
                BATCH, settings.seed(6));

        // MLP trained with IVON: its own variances during training.
        Classifier ivonMlp = new Classifier(Mlp.of(784, 32, 16, 10),
                Params.init(Mlp.of(784, 32, 16, 10), DType.FLOAT64, settings.seed(3)));
        Ivon ivon = new Ivon(Ivon.Config.of(IVON_LR, 0.1, PRIOR, y.length), ivonMlp.params());
        LrSchedule ivonSchedule = LrSchedule.cosine(IVON_LR, (long) setup.epochs * steps(y.length), 0);
        SplittableRandom rng = new SplittableRandom(settings.seed(7));
        MpeNnCurves ivonCurves = new MpeNnCurves();
        for (int e = 0; e < setup.epochs; e++) {
            ClassifierTraining.epoch(ivonMlp, ivon, ivonSchedule, x, y, BATCH, settings.seed(4), e, rng);
            if ((e + 1) % setup.every == 0) {
                ivonCurves.record(e + 1, ivonMlp, x, y, xt, yt,
                        Map.of("ivon", DiagonalPosterior.ivon(ivon, ivonMlp.params())));
            }
        }
        double ivonAccuracy = ClassifierTraining.evaluate(ivonMlp, xt, yt, 500)[1];

        // LeNet-5 on Fashion-MNIST (no K-FAC: its convolutions have no Kronecker factors here).
        // IVON is not run on it: with 500 examples its posterior noise σ² = 1/(N(h + wd)) kept LeNet-5 at chance.
        Dataset lenetTrain = subset(registry.load("fashion-mnist", "train", NaPolicy.DROP_ROWS), setup.lenetTrain,
                settings.seed(8));
        Dataset lenetTest = subset(registry.load("fashion-mnist", "test", NaPolicy.DROP_ROWS), setup.test,
                settings.seed(2));
        results.dataset("fashion-mnist", Map.of("train", lenetTrain.size(), "test", lenetTest.size()));
        Tensor xl = lenetTrain.features().to(DType.FLOAT64);
        int[] yl = lenetTrain.labels();
        Tensor xlt = lenetTest.features().to(DType.FLOAT64);
        int[] ylt = lenetTest.labels();
        Module lenetModule = new LeNet5();
        Classifier lenet = new Classifier(lenetModule, Params.init(lenetModule, DType.FLOAT64, settings.seed(9)));
        Adam lenetAdam = new Adam(Adam.Config.adam(1e-3).withWeightDecay(weightDecay(yl.length)));
        LrSchedule lenetSchedule = LrSchedule.cosine(3e-3, (long) setup.lenetEpochs * steps(yl.length), 0);
        MpeNnCurves lenetCurves = new MpeNnCurves();
        for (int e = 0; e < setup.lenetEpochs; e++) {
            ClassifierTraining.epoch(lenet, lenetAdam, lenetSchedule, xl, yl, null, BATCH, settings.seed(10), e);
            if ((e + 1) % Math.max(1, setup.lenetEpochs / 4) == 0) {
                lenetCurves.record(e + 1, lenet, xl, yl, xlt, ylt, Map.of("adam", adamPosterior(lenetAdam, lenet,
                        yl.length), "laplace-diag", Laplace.diagonal(lenet, xl, 128, PRIOR)));
            }
        }
        Map<String, PosteriorCovariance> lenetSources = new LinkedHashMap<>();
        lenetSources.put("laplace-diag", Laplace.diagonal(lenet, xl, 128, PRIOR));
        lenetSources.put("adam", adamPosterior(lenetAdam, lenet, yl.length));
        int[] lenetRemoved = MpeRidgeExperiment.sampleRows(yl.length, setup.lenetRemoved, settings.seed(11));
        MpeNnRemoval.Outcome lenetRemoval = MpeNnRemoval.run(lenet, xl, yl, lenetRemoved, lenetSources,
                setup.lenetRetrainEpochs, 1e-3, BATCH, settings.seed(12));

        // Results.
        results.metric("prior_delta", PRIOR).metric("mlp_train_accuracy", accuracy[0])
                .metric("mlp_test_accuracy", accuracy[1]).metric("ivon_mlp_test_accuracy", ivonAccuracy)
                .metric("removed_examples", removed.length).metric("mlp_removal_pearson", mlpRemoval.pearson())
                .metric("mlp_removal_spearman", mlpRemoval.spearman())
                .metric("lenet_removed_examples", lenetRemoved.length)
                .metric("lenet_removal_pearson", lenetRemoval.pearson())
                .metric("lenet_removal_spearman", lenetRemoval.spearman())
                .metric("mlp_adam_training_mean_abs_gap", adamCurves.meanAbsoluteGaps())
                .metric("mlp_ivon_training_mean_abs_gap", ivonCurves.meanAbsoluteGaps())
                .metric("lenet_adam_training_mean_abs_gap", lenetCurves.meanAbsoluteGaps())
                .metric("mlp_kfac_loco_nll", loco).metric("mlp_kfac_class_removal_mean_prob_change", classRemoval)
                .metric("epoch_seconds", epochSeconds).metric("sensitivity_seconds_kfac_all_n", sensitivitySeconds)
                .metric("sensitivity_cost_in_epochs", sensitivitySeconds / epochSeconds)
                .metric("retrain_seconds_per_example", mlpRemoval.retrainSeconds())
                .metric("speedup_vs_brute_force", mlpRemoval.retrainSeconds() * y.length / sensitivitySeconds);
        results.figure("mlp_removal", removalFigure(mlpRemoval)).figure("lenet_removal", removalFigure(lenetRemoval))
                .figure("mlp_adam_curves", adamCurves.figure()).figure("mlp_ivon_curves", ivonCurves.figure())
                .figure("lenet_curves", lenetCurves.figure());
        results.write(dir.resolve("results.json"));

        MpeNnReport.write(report, results, dir, train, sens, mlpRemoval, lenetRemoval, adamCurves, ivonCurves,
                lenetCurves, accuracy, ivonAccuracy, loco, classRemoval);
        return "MLP removal Pearson/Spearman (K-FAC) " + NumberText.of(mlpRemoval.pearson().get("kfac")) + "/"
                + NumberText.of(mlpRemoval.spearman().get("kfac")) + "; LOO gap IVON "
                + NumberText.of(ivonCurves.meanAbsoluteGaps().get("ivon_full")) + ", K-FAC "
                + NumberText.of(adamCurves.meanAbsoluteGaps().get("kfac_full")) + String.format(Locale.ROOT,
                "; K-FAC fit + sensitivities for all N cost %.1f epochs", sensitivitySeconds / epochSeconds);
    }

    static DiagonalPosterior adamPosterior(Adam adam, Classifier model, int n) {
        return DiagonalPosterior.adam(adam.state(), model.params(), n, PRIOR);
    }

    private static int steps(int n) {
        return (n + BATCH - 1) / BATCH;
    }

    static Dataset subset(Dataset d, int n, long seed) {
        return n >= d.size() ? d : d.select(MpeRidgeExperiment.sampleRows(d.size(), n, seed));
    }

    private static Map<String, Object> removalFigure(MpeNnRemoval.Outcome o) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("removed", o.removed());
        f.put("true_deviation", o.truth());
        f.put("estimated_deviation", o.estimates());
        return f;
    }
}
