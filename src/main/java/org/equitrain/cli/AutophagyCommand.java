package org.equitrain.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.equitrain.autophagy.Estimator;
import org.equitrain.autophagy.GaussianEstimator;
import org.equitrain.autophagy.GaussianMixtureEm;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.autophagy.SelfConsumingLoop;
import org.equitrain.autophagy.ple.EstimatesDivergedException;
import org.equitrain.autophagy.ple.LoopEstimator;
import org.equitrain.autophagy.ple.MixtureFamily;
import org.equitrain.autophagy.ple.PleOptions;
import org.equitrain.autophagy.ple.PlePenalty;
import org.equitrain.autophagy.ple.VaeLoop;
import org.equitrain.experiments.GaussianPle;
import org.equitrain.experiments.LoopCurves;
import org.equitrain.experiments.MixturePle;
import org.equitrain.experiments.MnistDigits;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.report.Progress;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code equitrain autophagy}: a self-consuming loop simulator (PLE spec §7). Generation 1 fits the estimator to
 * {@code --samples} real draws; every later generation fits it to n synthetic samples from the previous generation
 * plus {@code --fixed} samples of generation 1's real set plus {@code --fresh} fresh real samples. For the toy
 * models, learned estimators ({@code hyper}: hypernetwork at λ = 0; {@code ple}) are trained once on many sets of the
 * size of a later generation's data (n + fixed + fresh) and then frozen. {@code --model vae} trains a fresh MNIST
 * VAE every generation ({@link VaeLoop}; defaults: 1000 images of 3s and 6s at R_I = 5, 20 epochs, 5 generations,
 * 3 seeds; Fréchet distance on the features of a fixed MLP classifier trained on 10,000 MNIST images). Writes
 * {@code DIR/results.json} (per-generation mean, SE, median, 2.5/97.5 percentiles of every metric) and
 * {@code DIR/report.html} (the configuration, as in results.json's {@code metrics.config}, and the curves).
 */
@Command(name = "autophagy", mixinStandardHelpOptions = true,
        description = "Simulate a self-consuming (autophagous) training loop and report metrics per generation.")
public final class AutophagyCommand implements Callable<Integer> {
    /** MNIST training images the VAE loop's judge (MLP 784-128-10, 2 epochs) is trained on. */
    static final int VAE_CLASSIFIER_ROWS = 10_000;
    /** Conditioning sets averaged per optimizer step of a learned toy estimator. */
    static final int SETS_PER_STEP = 12;
    /** The options of the PLE objective: they apply to --estimator ple only. */
    private static final List<String> PLE_OPTIONS = List.of("--lambda", "--draws", "--penalty", "--synthetic-size",
            "--synthetic-grad", "--reduction", "--coordinates");

    enum Model { gaussian, gmm, vae }

    enum Kind { mle, unbiased, hyper, ple }

    @Option(names = "--model", description = "True distribution and model family: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}; gmm = 0.8 N(0,1) + 0.2 N(2,1); vae = MLP VAE on MNIST 3s and 6s).")
    Model model = Model.gaussian;

    @Option(names = "--estimator", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind estimator = Kind.mle;

    @Option(names = "--generations", description = "Generations T (default: 20; vae: 5).")
    Integer generations;

    @Option(names = "--fresh", description = "Fresh real samples per generation F (default: ${DEFAULT-VALUE}).")
    int fresh = 0;

    @Option(names = "--fixed", description = "Samples per generation from the fixed generation-1 real set, <= n "
            + "(default: ${DEFAULT-VALUE}).")
    int fixed = 0;

    @Option(names = "--samples", description = "Samples n per generation (default: 10; vae: 1000 images).")
    Integer samples;

    @Option(names = "--seeds", description = "Replicates of the whole loop (default: 100; vae: 3).")
    Integer seeds;

    @Option(names = "--seed", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--lambda", description = "PLE penalty weight λ (default: ${DEFAULT-VALUE}, the paper's).")
    double lambda = 0.1;

    @Option(names = "--draws", paramLabel = "M", description = "PLE synthetic sets per conditioning set (default: "
            + "${DEFAULT-VALUE}; the debiased penalty needs M >= 2, cost grows linearly in M).")
    int draws = 2;

    @Option(names = "--penalty", description = "PLE penalty: debiased | plain (default: ${DEFAULT-VALUE}).")
    String penalty = "debiased";

    @Option(names = "--synthetic-size", description = "PLE samples per synthetic set; 0 = the conditioning set's "
            + "size (default: ${DEFAULT-VALUE}).")
    int syntheticSize = 0;

    @Option(names = "--synthetic-grad", description = "PLE gradient through the synthetic sets: full | stop-target "
            + "| stop-sampling (default: ${DEFAULT-VALUE}). stop-target is unstable: it pulls each estimate towards "
            + "the refit of its own samples, a fixed point that repels (for σ̂² = cS the refit's mean is c²(n−1)S, "
            + "above σ̂² whenever c > 1/(n−1)); training stops when the estimates run away.")
    String syntheticGrad = "full";

    @Option(names = "--reduction", description = "PLE penalty reduction: sum | per-tensor-mean (default: "
            + "${DEFAULT-VALUE}).")
    String reduction = "sum";

    @Option(names = "--coordinates", description = "PLE penalty coordinates: constrained (model-facing) | raw "
            + "(default: ${DEFAULT-VALUE}).")
    String coordinates = "constrained";

    @Option(names = "--train-steps", description = "gaussian, gmm: training steps of a learned estimator (hyper, "
            + "ple; default: ${DEFAULT-VALUE}).")
    int trainSteps = 1500;

    @Option(names = "--straight-through", paramLabel = "TAU", description = "gmm, learned estimators: sample "
            + "synthetic sets with straight-through Gumbel-softmax at temperature TAU (PLE spec §5 option; "
            + "torchhyper's floor is 0.5); 0 (default) = arg-max sampling, no gradient to the weights through "
            + "samples.")
    double straightThrough = 0;

    @Option(names = "--epochs", description = "vae: training epochs of each generation's VAE (default: "
            + "${DEFAULT-VALUE}).")
    int epochs = VaeLoop.Options.defaults().epochs();

    @Option(names = "--imbalance", description = "vae: majority 3s per minority 6 in the real data, R_I (default: "
            + "${DEFAULT-VALUE}).")
    int imbalance = 5;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out/autophagy");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Results results = Results.start("autophagy").seeds(seed); // the wall clock runs from here
        boolean vae = model == Model.vae;
        int n = OptionChecks.atLeast("--samples", samples != null ? samples : vae ? 1000 : 10, 2);
        int t = OptionChecks.atLeast("--generations", generations != null ? generations : vae ? 5 : 20, 1);
        int r = OptionChecks.atLeast("--seeds", seeds != null ? seeds : vae ? 3 : 100, 2); // intervals need two
        checkNumbers(n);
        rejectInapplicable();
        PleOptions ple = pleOptions();
        OptionChecks.outputFolder(out);
        Map<String, Object> config = config(n, t, r, ple);
        String name;
        LoopResult result;
        if (vae) {
            if (estimator == Kind.unbiased) {
                throw new IllegalArgumentException("--estimator unbiased: no unbiased estimator for a VAE; use "
                        + "--estimator mle, hyper or ple");
            }
            VaeLoop.Options options = VaeLoop.Options.defaults().withFit(VaeLoop.Fit.valueOf(estimator.name()
                    .toUpperCase(Locale.ROOT)), ple).withTraining(VaeLoop.Options.defaults().batchSize(), epochs,
                    VaeLoop.Options.defaults().learningRate());
            MnistDigits.Loop mnist = MnistDigits.vaeLoop(imbalance, options.evalSamples(), VAE_CLASSIFIER_ROWS, 2,
                    options, seed);
            config.put("vae", options.settings());
            config.put("pool_images", mnist.poolSize());
            config.put("classifier_test_accuracy", mnist.judge().testAccuracy());
            config.put("reference_minority_share", mnist.loop().referenceMinorityShare());
            name = "VAE " + estimator;
            try (Progress p = Progress.start("VAE generations", (long) r * t)) {
                result = mnist.loop().run(new VaeLoop.Plan(t, n, n, fixed, fresh, r, seed),
                        Runtime.getRuntime().availableProcessors(), p::advance);
            } catch (EstimatesDivergedException | TrainingDivergedException e) {
                throw diverged(e, ple);
            }
        } else {
            GenerativeModel truth = model == Model.gaussian ? GaussianModel.univariate(0, 1) : MixturePle.truth();
            Estimator<?> est = estimator(n, ple);
            name = est.toString();
            try (Progress p = Progress.start("loop replicates", r)) {
                result = SelfConsumingLoop.fullySynthetic(truth, est, n).withSizes(n, n, fixed, fresh)
                        .withGenerations(t).withReplicates(r).withSeed(seed).run(p::advance);
            }
        }
        String title = String.format(Locale.ROOT, "Self-consuming loop: %s, %s, n = %d, fixed = %d, fresh = %d, %d "
                + "generations, %d replicates", model, name, n, fixed, fresh, t, r);
        results.metric("config", config);
        Report report = new Report(title).heading("Configuration").summary(configurationRows(config))
                .heading("Metrics per generation");
        for (String metric : result.metricNames()) {
            results.metric(metric, LoopCurves.json(result, metric));
            boolean logY = metric.equals("varianceRatio") || metric.equals("kl");
            for (LoopCurves.Statistic stat : LoopCurves.Statistic.values()) {
                report.figure(LoopCurves.plot(LoopCurves.label(metric), Map.of(name, result), metric, stat, logY),
                        stat.name().toLowerCase(Locale.ROOT) + " " + LoopCurves.label(metric) + " per generation"
                                + (logY ? " (log scale)" : "") + ".");
            }
        }
        results.write(out.resolve("results.json"));
        report.provenance(results.provenance()).write(out.resolve("report.html"));
        String first = result.metricNames().get(vae ? 0 : 1);
        System.out.printf(Locale.ROOT, "%s: %s at generation %d: mean %.4g, median %.4g -> %s%n", title, first,
                t, result.summary(first, t).mean(), result.summary(first, t).median(), out.resolve("report.html"));
        return 0;
    }

    /** The numeric options other than the loop's sizes, checked before any work. */
    private void checkNumbers(int n) {
        OptionChecks.atLeast("--fresh", fresh, 0);
        OptionChecks.atLeast("--fixed", fixed, 0);
        if (fixed > n) {
            throw new IllegalArgumentException("--fixed must be at most --samples (" + n + "), got " + fixed);
        }
        OptionChecks.nonNegative("--lambda", lambda);
        OptionChecks.atLeast("--synthetic-size", syntheticSize, 0);
        OptionChecks.atLeast("--train-steps", trainSteps, 1);
        OptionChecks.nonNegative("--straight-through", straightThrough);
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--imbalance", imbalance, 1);
    }

    /**
     * Options that apply to some models or estimators only: given elsewhere they would be silently ignored, so they
     * are an error naming where they apply.
     */
    private void rejectInapplicable() {
        boolean learned = estimator == Kind.hyper || estimator == Kind.ple;
        onlyFor("--straight-through", model == Model.gmm && learned, "--model gmm with --estimator hyper or ple");
        onlyFor("--train-steps", model != Model.vae && learned, "--model gaussian or gmm with --estimator hyper "
                + "or ple (--model vae trains for --epochs)");
        onlyFor("--epochs", model == Model.vae, "--model vae");
        onlyFor("--imbalance", model == Model.vae, "--model vae");
        for (String option : PLE_OPTIONS) {
            onlyFor(option, estimator == Kind.ple, "--estimator ple");
        }
    }

    private void onlyFor(String option, boolean applies, String where) {
        OptionChecks.onlyFor(spec, option, applies, where, "--model " + model + " --estimator " + estimator);
    }

    /** The PLE objective (λ = 0 for the plain hypernetwork); --draws is checked against --penalty here. */
    private PleOptions pleOptions() {
        PlePenalty.Kind kind = Choices.parse("--penalty", penalty, PlePenalty.Kind.values());
        if (kind == PlePenalty.Kind.DEBIASED && draws < 2) {
            throw new IllegalArgumentException("--draws must be 2 or more with --penalty debiased (the default), got "
                    + draws + "; --penalty plain allows 1");
        }
        OptionChecks.atLeast("--draws", draws, 1);
        return PleOptions.defaults().withWeight(estimator == Kind.hyper ? 0 : lambda)
                .withPenalty(kind, draws)
                .withSyntheticSize(syntheticSize)
                .withGradient(Choices.parse("--synthetic-grad", syntheticGrad,
                        PleOptions.SyntheticGradient.values()))
                .withReduction(Choices.parse("--reduction", reduction, PlePenalty.Reduction.values()))
                .withCoordinates(Choices.parse("--coordinates", coordinates, PleOptions.Coordinates.values()));
    }

    /** The run's configuration for results.json, in a fixed order, with only the options that applied. */
    private Map<String, Object> config(int n, int t, int r, PleOptions ple) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model", model.name());
        config.put("estimator", estimator.name());
        config.put("samples", n);
        config.put("fresh", fresh);
        config.put("fixed", fixed);
        config.put("generations", t);
        config.put("seeds", r);
        if (model == Model.vae) {
            config.put("imbalance", imbalance);
        } else if (estimator == Kind.hyper || estimator == Kind.ple) {
            config.put("train_steps", trainSteps);
            config.put("sets_per_step", SETS_PER_STEP);
            if (model == Model.gmm) {
                config.put("straight_through_temperature", straightThrough);
            }
        }
        if (estimator == Kind.ple) {
            config.put("ple_options", ple.settings());
        }
        return config;
    }

    /** Entries of the configuration that are measured, not set: the report writes them as numbers. */
    private static final Set<String> MEASURED = Set.of("pool_images", "classifier_test_accuracy",
            "reference_minority_share");

    /**
     * The configuration as report summary rows: one per setting, named as in results.json with spaces for
     * underscores, nested settings prefixed ("PLE weight", "VAE epochs"); settings written as given, {@link
     * #MEASURED} values as numbers.
     */
    static Map<String, Object> configurationRows(Map<String, Object> config) {
        Map<String, Object> rows = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                String prefix = key.equals("ple_options") ? "PLE" : key.toUpperCase(Locale.ROOT);
                nested.forEach((k, v) -> rows.put(prefix + " " + k.toString().replace('_', ' '), String.valueOf(v)));
            } else {
                rows.put(key.replace('_', ' '), MEASURED.contains(key) ? value : String.valueOf(value));
            }
        });
        return rows;
    }

    /** A diverged training run as a user error naming the options to change. */
    private RuntimeException diverged(RuntimeException e, PleOptions ple) {
        if (estimator != Kind.ple) {
            return e;
        }
        return new IllegalStateException(e.getMessage() + "; " + (ple.gradient() == PleOptions.SyntheticGradient
                .STOP_TARGET ? "--synthetic-grad stop-target pulls each estimate towards the refit of its own "
                + "samples, a fixed point that repels: use --synthetic-grad full (the default) or stop-sampling"
                : "try a smaller --lambda"), e);
    }

    /** The estimator of a Gaussian or mixture loop; a learned one is trained with the PLE objective {@code ple}. */
    private Estimator<?> estimator(int n, PleOptions ple) {
        int setSize = n + fixed + fresh;
        GaussianPle.Budget budget = new GaussianPle.Budget(trainSteps, SETS_PER_STEP);
        return switch (model) {
            case gaussian -> switch (estimator) {
                case mle -> GaussianEstimator.mle();
                case unbiased -> GaussianEstimator.unbiased();
                case hyper, ple -> trained(onStep -> GaussianPle.train(setSize, ple, budget, seed, onStep), ple);
            };
            case vae -> throw new IllegalStateException("the VAE loop fits its own estimators");
            case gmm -> switch (estimator) {
                case mle -> GaussianMixtureEm.of(2);
                case unbiased -> throw new IllegalArgumentException("--estimator unbiased: no closed-form unbiased "
                        + "estimator for a Gaussian mixture; use --estimator mle, hyper or ple");
                case hyper, ple -> trained(onStep -> MixturePle.train(straightThrough > 0 ? new MixtureFamily(2, 1)
                        .withStraightThrough(straightThrough) : new MixtureFamily(2, 1), setSize, ple, budget, seed,
                        onStep), ple);
            };
        };
    }

    /** A learned estimator, trained under a progress bar over its optimizer steps. */
    private LoopEstimator trained(Function<IntConsumer, LoopEstimator> training, PleOptions ple) {
        try (Progress p = Progress.start("training the " + estimator + " estimator", trainSteps)) {
            return training.apply(step -> p.advance());
        } catch (EstimatesDivergedException | TrainingDivergedException e) {
            throw diverged(e, ple);
        }
    }
}
