package org.equitrain.data;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.tensor.Tensor;

/**
 * Feature standardisation z = (x − mean) / sd with statistics fitted on training rows only, then applied to any
 * dataset with the same feature columns (held-out, test). Only {@link Feature.Kind#NUMERIC} features are rescaled
 * unless {@link #fitAll} is used. The sd is the population sd (divisor n, as scikit-learn's StandardScaler); a
 * constant column gets sd 1. Missing values (NaN, see {@link NaPolicy#INDICATOR}) are ignored when fitting and
 * replaced by the training mean, i.e. by 0 after standardisation. Sums run over x / 2^k ≥ max |x|, so a column of
 * values such as 1e150, whose squares overflow, is standardised too.
 */
public final class Standardizer {
    private final List<Feature> features;
    private final double[] mean;
    private final double[] sd;

    private Standardizer(List<Feature> features, double[] mean, double[] sd) {
        this.features = features;
        this.mean = mean;
        this.sd = sd;
    }

    /** Fits on every row of {@code train}, rescaling numeric features. */
    public static Standardizer fit(Dataset train) {
        return fit(train, false);
    }

    /** Fits on every row of {@code train}, rescaling every feature (indicators and pixels too). */
    public static Standardizer fitAll(Dataset train) {
        return fit(train, true);
    }

    private static Standardizer fit(Dataset train, boolean all) {
        int n = train.size();
        int d = train.featureCount();
        Tensor x = train.features();
        double[] mean = new double[d];
        double[] sd = new double[d];
        long[] count = new long[d];
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.getFlat(i * d + j);
                if (!Double.isNaN(v)) {
                    scale[j] = Math.max(scale[j], Math.abs(v));
                    count[j]++;
                }
            }
        }
        for (int j = 0; j < d; j++) { // a power of two ≥ max |x|: x / scale is exact, and its sums cannot overflow
            int exponent = Math.min(Math.getExponent(scale[j]) + 1, Double.MAX_EXPONENT);
            scale[j] = scale[j] > 0 ? Math.scalb(1.0, exponent) : 1;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.getFlat(i * d + j);
                if (!Double.isNaN(v)) {
                    mean[j] += v / scale[j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] = count[j] > 0 ? mean[j] / count[j] : 0; // in units of scale
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x.getFlat(i * d + j);
                if (!Double.isNaN(v)) {
                    double z = v / scale[j] - mean[j]; // |z| ≤ 2
                    sd[j] += z * z;
                }
            }
        }
        List<Feature> info = train.featureInfo();
        for (int j = 0; j < d; j++) {
            boolean scaled = all || info.get(j).kind() == Feature.Kind.NUMERIC;
            double s = count[j] > 0 ? Math.sqrt(sd[j] / count[j]) * scale[j] : 0;
            mean[j] *= scale[j];
            sd[j] = s > 0 ? s : 1;
            if (!scaled) {
                mean[j] = 0;
                sd[j] = 1;
            }
        }
        return new Standardizer(info, mean, sd);
    }

    /** The fitted means, one per feature (0 for features not rescaled); a copy. */
    public double[] means() {
        return mean.clone();
    }

    /** The fitted standard deviations, one per feature (1 for features not rescaled or constant); a copy. */
    public double[] sds() {
        return sd.clone();
    }

    /** {@code data} with standardised features; its feature columns must be those fitted on. */
    public Dataset apply(Dataset data) {
        if (!data.featureInfo().equals(features)) {
            throw new IllegalArgumentException("dataset '" + data.name() + "' has features " + names(data.featureInfo())
                    + ", the standardizer was fitted on " + names(features));
        }
        int n = data.size();
        int d = data.featureCount();
        Tensor src = data.features();
        Tensor out = Tensor.zeros(src.dtype(), n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = src.getFlat(i * d + j);
                out.setFlat(i * d + j, Double.isNaN(v) ? 0 : (v - mean[j]) / sd[j]);
            }
        }
        return data.withFeatures(out, features, "standardised with training statistics");
    }

    private static List<String> names(List<Feature> fs) {
        List<String> out = new ArrayList<>();
        for (Feature f : fs) {
            out.add(f.name());
        }
        return out.size() > 12 ? out.subList(0, 12) : out;
    }
}
