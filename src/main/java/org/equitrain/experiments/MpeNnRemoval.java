package org.equitrain.experiments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.sensitivity.Correlation;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.sensitivity.nn.Classifier;
import org.equitrain.sensitivity.nn.ClassifierTraining;
import org.equitrain.sensitivity.nn.NetworkSensitivity;
import org.equitrain.sensitivity.nn.PosteriorCovariance;
import org.equitrain.tensor.Tensor;

/**
 * The per-example removal check of {@code mpe-nn} (MPE spec §4 Fig. 2, §5): for each removed example i, retrain
 * warm-started from θ* without i, and compare the true deviation Σ_k |softmax(f_i(θ^{\i}))_k − softmax(f_i(θ₀))_k|
 * with the MPE estimate Σ_k |softmax(f_i + V_i e_i)_k − softmax(f_i)_k|. θ₀ is the control: the same warm-started
 * retraining with every example kept (same batches, same schedule), so optimisation drift cancels.
 */
final class MpeNnRemoval {
    /** The truth and, per variance source, the estimates for the removed examples. */
    record Outcome(int[] removed, double[] truth, Map<String, double[]> estimates, double retrainSeconds) {
        Map<String, Double> pearson() {
            Map<String, Double> out = new LinkedHashMap<>();
            estimates.forEach((k, v) -> out.put(k, Correlation.pearson(v, truth)));
            return out;
        }

        Map<String, Double> spearman() {
            Map<String, Double> out = new LinkedHashMap<>();
            estimates.forEach((k, v) -> out.put(k, Correlation.spearman(v, truth)));
            return out;
        }
    }

    private MpeNnRemoval() {
    }

    static Outcome run(Classifier trained, Tensor x, int[] y, int[] removed, Map<String, PosteriorCovariance> sources,
            int epochs, double lr, int batchSize, long seed) {
        Map<String, double[]> estimates = new LinkedHashMap<>();
        for (Map.Entry<String, PosteriorCovariance> s : sources.entrySet()) {
            NetworkSensitivity sens = NetworkSensitivity.compute(trained, x, y, s.getValue(),
                    PredictionCovariance.FULL, 256);
            double[] e = new double[removed.length];
            for (int r = 0; r < removed.length; r++) {
                e[r] = sens.perturbedProbabilityChange(removed[r]);
            }
            estimates.put(s.getKey(), e);
        }
        double[] keep = new double[y.length];
        java.util.Arrays.fill(keep, 1.0);
        double[][] control = retrainedLogits(trained, x, y, keep, removed, epochs, lr, batchSize, seed);
        double[] truth = new double[removed.length];
        long start = System.nanoTime();
        for (int r = 0; r < removed.length; r++) {
            int i = removed[r];
            keep[i] = 0;
            double[] f = retrainedLogits(trained, x, y, keep, new int[] {i}, epochs, lr, batchSize, seed)[0];
            keep[i] = 1;
            truth[r] = NetworkSensitivity.probabilityChange(control[r], f);
        }
        double seconds = (System.nanoTime() - start) * 1e-9 / removed.length;
        return new Outcome(removed, truth, estimates, seconds);
    }

    /** Warm-started Adam retraining from θ* (cosine lr → 0), then the logits of {@code rows}. */
    private static double[][] retrainedLogits(Classifier trained, Tensor x, int[] y, double[] keep, int[] rows,
            int epochs, double lr, int batchSize, long seed) {
        Classifier copy = new Classifier(trained.module(), copyOf(trained.params()));
        int steps = epochs * ((y.length + batchSize - 1) / batchSize);
        Adam adam = new Adam(Adam.Config.adam(lr).withWeightDecay(MpeNnExperiment.weightDecay(y.length)));
        LrSchedule schedule = LrSchedule.cosine(lr, steps, 0);
        for (int e = 0; e < epochs; e++) {
            ClassifierTraining.epoch(copy, adam, schedule, x, y, keep, batchSize, seed, 1000 + e);
        }
        double[] f = copy.logitValues(Classifier.rows(x, rows)).toDoubleArray();
        int k = f.length / rows.length;
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = java.util.Arrays.copyOfRange(f, r * k, (r + 1) * k);
        }
        return out;
    }

    static Params copyOf(Params p) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        List<String> names = p.names();
        for (int i = 0; i < names.size(); i++) {
            t.put(names.get(i), p.tensors().get(i).copy());
        }
        return Params.fromTensors(t);
    }
}
