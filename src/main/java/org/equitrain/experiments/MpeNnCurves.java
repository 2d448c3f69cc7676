package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.sensitivity.PredictionCovariance;
import org.equitrain.sensitivity.nn.Classifier;
import org.equitrain.sensitivity.nn.ClassifierTraining;
import org.equitrain.sensitivity.nn.NetworkSensitivity;
import org.equitrain.sensitivity.nn.PosteriorCovariance;
import org.equitrain.tensor.Tensor;

/**
 * The LOO-estimate-vs-test-NLL curves of {@code mpe-nn} (MPE spec §4 Fig. 5): at each evaluation epoch, the
 * estimated LOO NLL (Eq. 15) under each variance source, with full and diagonal V, and the test NLL at the same
 * parameters (the mean m for IVON).
 */
final class MpeNnCurves {
    final List<Integer> epochs = new ArrayList<>();
    final List<Double> testNll = new ArrayList<>();
    final List<Double> trainNll = new ArrayList<>();
    final Map<String, List<Double>> loo = new LinkedHashMap<>();

    void record(int epoch, Classifier model, Tensor x, int[] y, Tensor xTest, int[] yTest,
            Map<String, PosteriorCovariance> sources) {
        epochs.add(epoch);
        testNll.add(ClassifierTraining.evaluate(model, xTest, yTest, 500)[0]);
        Double train = null;
        for (Map.Entry<String, PosteriorCovariance> s : sources.entrySet()) {
            for (PredictionCovariance mode : PredictionCovariance.values()) {
                NetworkSensitivity sens = NetworkSensitivity.compute(model, x, y, s.getValue(), mode, 256);
                loo.computeIfAbsent(s.getKey() + "_" + mode.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(sens.looNll());
                train = sens.trainingNll();
            }
        }
        trainNll.add(train);
    }

    /** mean over evaluation epochs of |LOO estimate − test NLL|, per source and covariance mode. */
    Map<String, Double> meanAbsoluteGaps() {
        Map<String, Double> out = new LinkedHashMap<>();
        loo.forEach((k, v) -> {
            double s = 0;
            for (int t = 0; t < v.size(); t++) {
                s += Math.abs(v.get(t) - testNll.get(t));
            }
            out.put(k, s / v.size());
        });
        return out;
    }

    /** The numbers behind the figure, for results.json. */
    Map<String, Object> figure() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("epoch", epochs);
        f.put("test_nll", testNll);
        f.put("train_nll", trainNll);
        f.put("loo", loo);
        return f;
    }

    static double[] doubles(List<? extends Number> v) {
        return v.stream().mapToDouble(Number::doubleValue).toArray();
    }
}
