package org.equitrain.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equitrain.autophagy.Estimator;
import org.equitrain.autophagy.GaussianEstimator;
import org.equitrain.autophagy.GaussianMixtureEm;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.autophagy.SelfConsumingLoop;
import org.equitrain.experiments.GaussianPle;
import org.equitrain.experiments.LoopCurves;
import org.equitrain.experiments.MixturePle;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equitrain autophagy}: a self-consuming loop simulator (PLE spec §7). Generation 1 fits the estimator to
 * {@code --samples} real draws; every later generation fits it to n synthetic samples from the previous generation
 * plus {@code --fresh} fresh real samples. Learned estimators ({@code hyper}: hypernetwork at λ = 0; {@code ple})
 * are trained once on many sets of the size of a later generation's data (n + fresh) and then frozen. Writes
 * {@code DIR/results.json} (per-generation mean, SE, median, 2.5/97.5 percentiles of every metric) and
 * {@code DIR/report.html} (curves).
 */
@Command(name = "autophagy", mixinStandardHelpOptions = true,
        description = "Simulate a self-consuming (autophagous) training loop and report metrics per generation.")
public final class AutophagyCommand implements Callable<Integer> {
    enum Model { gaussian, gmm }

    enum Kind { mle, unbiased, hyper, ple }

    @Option(names = "--model", description = "True distribution and model family: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}; gmm = 0.8 N(0,1) + 0.2 N(2,1)).")
    Model model = Model.gaussian;

    @Option(names = "--estimator", description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind estimator = Kind.mle;

    @Option(names = "--generations", description = "Generations T (default: ${DEFAULT-VALUE}).")
    int generations = 20;

    @Option(names = "--fresh", description = "Fresh real samples per generation F (default: ${DEFAULT-VALUE}).")
    int fresh = 0;

    @Option(names = "--samples", description = "Samples n per generation (default: ${DEFAULT-VALUE}).")
    int samples = 10;

    @Option(names = "--seeds", description = "Replicates of the whole loop (default: ${DEFAULT-VALUE}).")
    int seeds = 100;

    @Option(names = "--seed", description = "Base seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--lambda", description = "PLE penalty weight λ (default: ${DEFAULT-VALUE}, the paper's).")
    double lambda = 0.1;

    @Option(names = "--train-steps", description = "Training steps of a learned estimator (default: "
            + "${DEFAULT-VALUE}).")
    int trainSteps = 1500;

    @Option(names = "--out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out/autophagy");

    @Override
    public Integer call() throws Exception {
        if (samples < 2 || generations < 1 || seeds < 2 || fresh < 0 || trainSteps < 1) {
            throw new IllegalArgumentException("autophagy: need --samples >= 2, --generations >= 1, --seeds >= 2, "
                    + "--fresh >= 0 and --train-steps >= 1");
        }
        GenerativeModel truth = model == Model.gaussian ? GaussianModel.univariate(0, 1) : MixturePle.truth();
        Estimator<?> est = estimator();
        SelfConsumingLoop loop = fresh == 0 ? SelfConsumingLoop.fullySynthetic(truth, est, samples)
                : SelfConsumingLoop.freshData(truth, est, samples, samples, fresh);
        LoopResult result = loop.withGenerations(generations).withReplicates(seeds).withSeed(seed).run();
        Files.createDirectories(out);
        String title = String.format(Locale.ROOT, "Self-consuming loop: %s, %s, n = %d, fresh = %d, %d generations, "
                + "%d replicates", model, est, samples, fresh, generations, seeds);
        Results results = Results.start("autophagy").seeds(seed);
        results.metric("config", Map.of("model", model.name(), "estimator", estimator.name(), "samples", samples,
                "fresh", fresh, "generations", generations, "seeds", seeds, "lambda", lambda));
        Report report = new Report(title);
        for (String metric : result.metricNames()) {
            results.metric(metric, LoopCurves.json(result, metric));
            boolean logY = metric.equals("varianceRatio") || metric.equals("kl");
            for (LoopCurves.Statistic stat : LoopCurves.Statistic.values()) {
                report.figure(LoopCurves.plot(metric, Map.of(est.toString(), result), metric, stat, logY),
                        stat.name().toLowerCase(Locale.ROOT) + " " + metric + " per generation" + (logY ? " (log "
                                + "scale)" : "") + ".");
            }
        }
        results.write(out.resolve("results.json"));
        report.provenance(results.provenance()).write(out.resolve("report.html"));
        String first = result.metricNames().get(1);
        System.out.printf(Locale.ROOT, "%s: %s at generation %d: mean %.4g, median %.4g -> %s%n", title, first,
                generations, result.summary(first, generations).mean(), result.summary(first, generations).median(),
                out.resolve("report.html"));
        return 0;
    }

    private Estimator<?> estimator() {
        int setSize = fresh == 0 ? samples : samples + fresh;
        GaussianPle.Budget budget = new GaussianPle.Budget(trainSteps, 12);
        double weight = estimator == Kind.hyper ? 0 : lambda;
        return switch (model) {
            case gaussian -> switch (estimator) {
                case mle -> GaussianEstimator.mle();
                case unbiased -> GaussianEstimator.unbiased();
                case hyper, ple -> GaussianPle.train(setSize, weight, budget, seed);
            };
            case gmm -> switch (estimator) {
                case mle -> GaussianMixtureEm.of(2);
                case unbiased -> throw new IllegalArgumentException("autophagy: no closed-form unbiased estimator "
                        + "for a Gaussian mixture; use --estimator mle, hyper or ple");
                case hyper, ple -> MixturePle.train(setSize, weight, budget, seed);
            };
        };
    }
}
