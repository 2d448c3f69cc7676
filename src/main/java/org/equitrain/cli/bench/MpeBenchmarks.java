package org.equitrain.cli.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.sensitivity.nn.Classifier;
import org.equitrain.sensitivity.nn.ClassifierTraining;
import org.equitrain.sensitivity.nn.DiagonalPosterior;
import org.equitrain.sensitivity.nn.Laplace;
import org.equitrain.sensitivity.nn.NetworkSensitivity;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * MPE costs (spec issue: "sensitivities and the LOO estimate for all N training examples cost at most 2× one
 * training epoch"), on an MLP 784-32-16-10 in float64 over N = 512 fixed random examples: one Adam epoch at batch 64;
 * sensitivities and LOO estimate for all N with a diagonal posterior (IVON or Adam variances: no fitting) and with
 * K-FAC (fit included), their samples taken in turn; and brute force, N warm-started retrainings of 4 epochs
 * (timed on one, times N).
 */
public final class MpeBenchmarks {
    static final int N = 512;
    static final int BATCH = 64;
    static final int RETRAIN_EPOCHS = 4;

    /** The four timings. */
    public record Result(Measurement epoch, Measurement diagonal, Measurement kfac, Measurement bruteForce) {
    }

    private MpeBenchmarks() {
    }

    /**
     * Builds the fixed model and data, then times the four costs, each with at least {@code warmupSeconds} of
     * warm-up and {@code samples} timed samples.
     */
    public static Result run(double warmupSeconds, int samples) throws Exception {
        Module net = Mlp.of(784, 32, 16, 10);
        Classifier model = new Classifier(net, Params.init(net, DType.FLOAT64, 1));
        SplittableRandom rng = new SplittableRandom(2);
        Tensor x = Tensor.uniform(DType.FLOAT64, rng, 0, 1, N, 784);
        int[] y = new int[N];
        Arrays.setAll(y, i -> rng.nextInt(10));
        double prior = 10;
        Adam adam = new Adam(Adam.Config.adam(1e-3).withWeightDecay(prior / N));
        LrSchedule lr = LrSchedule.constant(1e-3);
        int[] epoch = {0};
        Map<String, Tensor> variances = new LinkedHashMap<>();
        for (String name : model.params().names()) {
            variances.put(name, Tensor.full(DType.FLOAT64, 1e-3, model.params().get(name).shape()));
        }
        DiagonalPosterior diagonal = new DiagonalPosterior(variances);
        String[] names = {"equitrain MPE: one Adam epoch, N 512",
            "equitrain MPE: sensitivities + LOO for all N, diagonal posterior",
            "equitrain MPE: K-FAC fit + sensitivities + LOO for all N"};
        Measurement.Op[] ops = {() -> ClassifierTraining.epoch(model, adam, lr, x, y, null, BATCH, 3, epoch[0]++),
            () -> NetworkSensitivity.compute(model, x, y, diagonal, PredictionCovariance.FULL, 256).looNll(),
            () -> NetworkSensitivity.compute(model, x, y, Laplace.kfac(model, x, 256, prior),
                    PredictionCovariance.FULL, 256).looNll()};
        Measurement[] m = Measurement.interleaved(names, ops, warmupSeconds, samples, 50);
        double[] keep = new double[N];
        Arrays.fill(keep, 1.0);
        keep[0] = 0;
        Measurement one = Measurement.of("retrain without one example", () -> {
            Classifier copy = new Classifier(net, Params.fromTensors(copy(model.params())));
            Adam fresh = new Adam(Adam.Config.adam(1e-3).withWeightDecay(prior / N));
            for (int e = 0; e < RETRAIN_EPOCHS; e++) {
                ClassifierTraining.epoch(copy, fresh, lr, x, y, keep, BATCH, 4, e);
            }
        }, warmupSeconds, samples, 50);
        Measurement brute = new Measurement("brute force: N warm-started retrains of " + RETRAIN_EPOCHS + " epochs",
                one.medianNanosPerOp() * N, one.minNanosPerOp() * N, one.maxNanosPerOp() * N, one.samples(),
                one.opsPerSample());
        return new Result(m[0], m[1], m[2], brute);
    }

    private static Map<String, Tensor> copy(Params p) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : p.names()) {
            out.put(name, p.get(name).value().copy());
        }
        return out;
    }
}
