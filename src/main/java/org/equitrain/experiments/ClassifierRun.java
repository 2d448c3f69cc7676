package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.equitrain.autodiff.Var;
import org.equitrain.data.ArgmaxPredictions;
import org.equitrain.data.Dataset;
import org.equitrain.data.Rows;
import org.equitrain.nn.Context;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.train.Trainer;
import org.equitrain.report.Progress;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * Trains a classifier with softmax cross-entropy in float32 and records test accuracy after every epoch: the
 * plain supervised run that experiments compare methods against.
 */
public final class ClassifierRun {
    /** Per-epoch history and cost of one run. */
    public record History(double[] testAccuracy, double[] trainLoss, double seconds, long steps, Params params) {
        /** Test accuracy after the last epoch. */
        public double finalAccuracy() {
            return testAccuracy[testAccuracy.length - 1];
        }

        /** Optimizer steps per second of wall time. */
        public double stepsPerSecond() {
            return steps / seconds;
        }
    }

    private ClassifierRun() {
    }

    /** One labelled minibatch in float32. */
    record Batch(Var x, int[] y) {
    }

    /**
     * Trains {@code model} from seed {@code seed} on {@code train} for {@code epochs}, evaluating on {@code test}
     * after each epoch; {@code optimizer} and {@code schedule} (per epoch, may be null) are used as given.
     */
    public static History train(String label, Module model, Dataset train, Dataset test, Supplier<Optimizer> optimizer,
            LrSchedule schedule, int epochs, int batchSize, long seed) {
        Tensor x = train.features().to(DType.FLOAT32);
        int[] y = train.labels();
        Tensor xTest = test.features().to(DType.FLOAT32);
        Params params = Params.init(model, DType.FLOAT32, seed);
        Trainer.Builder<Batch> builder = Trainer.<Batch>builder(params, optimizer.get(),
                (p, b, ctx) -> CrossEntropy.of(model.forward(p, b.x(), ctx), b.y()).mean(),
                idx -> new Batch(Var.constant(Rows.select(x, idx)), Rows.pick(y, idx)), train.size())
                .epochs(epochs).batchSize(batchSize).seed(seed);
        if (schedule != null) {
            builder.schedule(schedule, Trainer.ScheduleUnit.EPOCH);
        }
        long totalSteps = (long) epochs * ((train.size() + batchSize - 1) / batchSize);
        double[] acc = new double[epochs];
        double[] loss = new double[epochs];
        long t0 = System.nanoTime();
        try (Progress progress = Progress.start(label, totalSteps)) {
            Trainer<Batch> trainer = builder.listener((step, epoch, l) -> progress.advance()).build();
            for (int e = 0; e < epochs; e++) {
                loss[e] = trainer.fitEpoch().lastLoss();
                acc[e] = ArgmaxPredictions.accuracy(ArgmaxPredictions.of(model, params, xTest, Context.eval()),
                        test.labels());
            }
        }
        return new History(acc, loss, (System.nanoTime() - t0) / 1e9, totalSteps, params);
    }

    /** Epoch numbers 1..n as doubles, for plotting. */
    static double[] epochAxis(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    static List<Double> boxed(double[] v) {
        List<Double> l = new ArrayList<>();
        for (double d : v) {
            l.add(d);
        }
        return l;
    }
}
