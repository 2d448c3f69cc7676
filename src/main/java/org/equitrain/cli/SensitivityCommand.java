package org.equitrain.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.equitrain.data.Dataset;
import org.equitrain.data.Split;
import org.equitrain.io.AtomicFiles;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.report.Histogram;
import org.equitrain.report.LinePlot;
import org.equitrain.report.Report;
import org.equitrain.report.Table;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.sensitivity.nn.Classifier;
import org.equitrain.sensitivity.nn.ClassifierTraining;
import org.equitrain.sensitivity.nn.DiagonalPosterior;
import org.equitrain.sensitivity.nn.Ivon;
import org.equitrain.sensitivity.nn.Laplace;
import org.equitrain.sensitivity.nn.NetworkSensitivity;
import org.equitrain.sensitivity.nn.PosteriorCovariance;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equitrain sensitivity}: trains a classifier, then ranks the training examples by their MPE sensitivity
 * (prediction error × prediction variance) and writes the LOO estimate of the NLL against the test NLL over training.
 */
@Command(name = "sensitivity", mixinStandardHelpOptions = true,
        description = "Rank training examples by their memory-perturbation sensitivity and estimate the LOO NLL.")
public final class SensitivityCommand implements Callable<Integer> {
    /** Where the posterior variances come from (MPE spec §3). */
    enum Variance { IVON, ADAM, LAPLACE_DIAG, KFAC }

    /** The classifier trained. */
    enum Model { LOGISTIC, MLP, LENET5 }

    @Option(names = "--data", required = true, paramLabel = "NAME|FILE",
            description = "A dataset name from 'equitrain data list', or a CSV file (then --label).")
    String data;

    @Option(names = "--label", paramLabel = "COL",
            description = "Label column of a CSV file (a dataset's label is fixed: if given, --label must name it).")
    String label;

    @Option(names = "--model", defaultValue = "mlp", description = "logistic | mlp | lenet5 (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--variance", defaultValue = "ivon",
            description = "ivon | adam | laplace-diag | kfac (default: ${DEFAULT-VALUE}).")
    String variance;

    @Option(names = "--covariance", defaultValue = "full",
            description = "full | diagonal per-example K×K covariance (default: ${DEFAULT-VALUE}).")
    String covariance;

    @Option(names = "--top", defaultValue = "20", description = "Examples listed (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--epochs", defaultValue = "20", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-train", defaultValue = "5000",
            description = "Training rows used at most, a seeded subset (default: ${DEFAULT-VALUE}).")
    int maxTrain;

    @Option(names = "--prior", defaultValue = "10", description = "Prior precision δ (default: ${DEFAULT-VALUE}).")
    double prior;

    @Option(names = "--lr", description = "Learning rate (default: 0.5 for ivon, 3e-3 otherwise).")
    Double lr;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "out/sensitivity", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    private static final int BATCH = 64;

    @Override
    public Integer call() throws Exception {
        Variance source = Choices.parse("--variance", variance, Variance.values());
        PredictionCovariance mode = Choices.parse("--covariance", covariance, PredictionCovariance.values());
        Model arch = Choices.parse("--model", model, Model.values());
        OptionChecks.atLeast("--top", top, 1);
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--max-train", maxTrain, 2); // leave-one-out needs a second row
        OptionChecks.positive("--prior", prior);
        double rate = OptionChecks.positive("--lr", lr != null ? lr : source == Variance.IVON ? 0.5 : 3e-3);
        OptionChecks.outputFolder(out);
        Split split = SensitivityData.load(data, label, seed);
        Dataset train = split.train();
        if (train.size() > maxTrain) {
            train = train.select(Permutations.sample(train.size(), maxTrain, new SplittableRandom(seed)));
        }
        Tensor x = train.features().to(DType.FLOAT64);
        int[] y = train.labels();
        Tensor xt = split.test().features().to(DType.FLOAT64);
        int[] yt = split.test().labels();
        Module net = module(arch, train.featureCount(), train.classCount());
        Classifier clf = new Classifier(net, Params.init(net, DType.FLOAT64, seed));
        long steps = (long) epochs * ((y.length + BATCH - 1) / BATCH);
        LrSchedule schedule = LrSchedule.cosine(rate, steps, 0);
        Ivon ivon = source == Variance.IVON ? new Ivon(Ivon.Config.of(rate, 0.1, prior, y.length), clf.params()) : null;
        Adam adam = new Adam(Adam.Config.adam(rate).withWeightDecay(prior / y.length));
        SplittableRandom rng = new SplittableRandom(seed);
        List<Double> epochAxis = new ArrayList<>();
        List<Double> looCurve = new ArrayList<>();
        List<Double> testCurve = new ArrayList<>();
        NetworkSensitivity sens = null;
        int every = Math.max(1, epochs / 10);
        for (int e = 0; e < epochs; e++) {
            try {
                if (ivon != null) {
                    ClassifierTraining.epoch(clf, ivon, schedule, x, y, BATCH, seed, e, rng);
                } else {
                    ClassifierTraining.epoch(clf, adam, schedule, x, y, null, BATCH, seed, e);
                }
            } catch (TrainingDivergedException d) {
                throw new IllegalArgumentException(d.getMessage() + "; try a smaller --lr than " + rate, d);
            }
            if ((e + 1) % every == 0 || e + 1 == epochs) {
                sens = NetworkSensitivity.compute(clf, x, y, posterior(source, clf, x, ivon, adam), mode, 256);
                epochAxis.add((double) e + 1);
                looCurve.add(sens.looNll());
                testCurve.add(ClassifierTraining.evaluate(clf, xt, yt, 500)[0]);
                System.err.printf(Locale.ROOT, "epoch %d: LOO estimate %.4f, test NLL %.4f%n", e + 1, sens.looNll(),
                        testCurve.get(testCurve.size() - 1));
            }
        }
        write(train, sens, epochAxis, looCurve, testCurve, spelled(arch) + ", " + spelled(source));
        System.out.printf(Locale.ROOT, "wrote %s (LOO estimate %.4f, test NLL %.4f)%n", out.resolve("report.html"),
                looCurve.get(looCurve.size() - 1), testCurve.get(testCurve.size() - 1));
        return 0;
    }

    private static Module module(Model arch, int features, int classes) {
        return switch (arch) {
            case LOGISTIC -> new Linear(features, classes);
            case MLP -> Mlp.of(features, 32, 16, classes);
            case LENET5 -> {
                if (features != 784) {
                    throw new IllegalArgumentException("--model lenet5 needs 28×28 images, the data has " + features
                            + " features");
                }
                yield new LeNet5(classes);
            }
        };
    }

    private PosteriorCovariance posterior(Variance source, Classifier clf, Tensor x, Ivon ivon, Adam adam) {
        return switch (source) {
            case IVON -> DiagonalPosterior.ivon(ivon, clf.params());
            case ADAM -> DiagonalPosterior.adam(adam.state(), clf.params(), x.dim(0), prior);
            case LAPLACE_DIAG -> Laplace.diagonal(clf, x, 256, prior);
            case KFAC -> Laplace.kfac(clf, x, 256, prior);
        };
    }

    private void write(Dataset train, NetworkSensitivity sens, List<Double> epochAxis, List<Double> looCurve,
            List<Double> testCurve, String setup) throws Exception {
        double[] scores = sens.probabilityDeviations();
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        StringBuilder csv = new StringBuilder("rank,row,label,score,logit_deviation,train_nll,loo_nll\n");
        double[] logit = sens.logitDeviations();
        double[] trainNll = sens.trainingNllTerms();
        double[] looNll = sens.looNllTerms();
        Table table = Table.of("rank", "row", "label", "score Σ|ΛVe|", "‖Ve‖", "train NLL", "LOO NLL");
        for (int r = 0; r < order.length; r++) {
            int i = order[r];
            String cls = train.classNames().get(train.label(i));
            csv.append(r + 1).append(',').append(train.rowIds()[i]).append(',').append(cls).append(',')
                    .append(scores[i]).append(',').append(logit[i]).append(',').append(trainNll[i]).append(',')
                    .append(looNll[i]).append('\n');
            if (r < top) {
                table.row(r + 1, train.rowIds()[i], cls, scores[i], logit[i], trainNll[i], looNll[i]);
            }
        }
        AtomicFiles.writeString(out.resolve("sensitivity.csv"), csv.toString());
        double[] xs = epochAxis.stream().mapToDouble(Double::doubleValue).toArray();
        Report report = new Report("Sensitivity of " + train.name() + " (" + setup + ")")
                .summary(Map.of("training rows", train.size(), "LOO estimate (final)", looCurve.get(looCurve.size() - 1),
                        "test NLL (final)", testCurve.get(testCurve.size() - 1), "training NLL", sens.trainingNll()))
                .table(table.caption("Most sensitive training examples"));
        if (train.sampleShape().length >= 2) {
            report.figure(org.equitrain.experiments.MpeNnImages.top(train, scores, top),
                    "Most sensitive training examples");
        }
        report.figure(new Histogram().title("Sensitivity of every training example").series("scores", scores)
                        .bins(40).xLabel("sensitivity Σ_k |(Λ V e)_k|"), "Sensitivity histogram")
                .figure(new LinePlot().title("LOO estimate and test NLL").xLabel("epoch").yLabel("NLL")
                        .series("LOO estimate", xs, doubles(looCurve)).series("test NLL", xs, doubles(testCurve)),
                        "LOO estimate vs test NLL over training")
                .write(out.resolve("report.html"));
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("epoch", epochAxis);
        curve.put("loo", looCurve);
        curve.put("test_nll", testCurve);
        AtomicFiles.writeString(out.resolve("curve.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(curve));
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** A choice as the user spells it: "laplace-diag". */
    private static String spelled(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
