package org.equitrain.fairness.metrics;

/**
 * Exponential Rényi mutual information (FERMI, Lowy et al., arXiv 2102.12586; spec §7), a χ²-type dependence
 * between the predictions Ŷ and the group S that is zero iff Ŷ ⟂ S. Works for multiclass predictions and
 * many-valued groups; probabilities are weighted empirical frequencies.
 */
public final class Ermi {
    private Ermi() {
    }

    private static final int ALL = -1;

    /** D_R(Ŷ; S) = Σ_{j,r} p(ŷ=j, s=r)² / (p(ŷ=j) p(s=r)) − 1 (FERMI Def. of ERMI). */
    public static MetricValue of(FrameInput data) {
        double[] d = dependence(data, ALL);
        return d[0] > 0 ? MetricValue.of(d[1]) : MetricValue.undefined(RateMetrics.NO_ROWS);
    }

    /**
     * Equalized-odds form Σ_y p(y) D_R(Ŷ; S | Y=y) [derived]: zero iff Ŷ ⟂ S given Y, i.e. all groups have the
     * same prediction distribution within each true class.
     */
    public static MetricValue equalizedOdds(FrameInput data) {
        double total = 0;
        double sum = 0;
        for (int y = 0; y < data.numClasses(); y++) {
            double[] d = dependence(data, y);
            if (d[0] > 0) {
                sum += d[0] * d[1];
                total += d[0];
            }
        }
        return total > 0 ? MetricValue.of(sum / total) : MetricValue.undefined(RateMetrics.NO_ROWS);
    }

    /** Equal-opportunity form D_R(Ŷ; S | Y = favourable) [derived]. */
    public static MetricValue equalOpportunity(FrameInput data) {
        double[] d = dependence(data, data.favourable());
        return d[0] > 0 ? MetricValue.of(d[1]) : MetricValue.undefined(RateMetrics.NO_POSITIVES);
    }

    /** {total weight, D_R} over the rows whose true label is {@code label} (all rows for {@link #ALL}). */
    private static double[] dependence(FrameInput data, int label) {
        int k = data.numClasses();
        int groups = data.groups().size();
        double[] joint = new double[k * groups];
        double[] pj = new double[k];
        double[] pr = new double[groups];
        double total = 0;
        for (int i = 0; i < data.size(); i++) {
            if (label != ALL && data.yTrue(i) != label) {
                continue;
            }
            double w = data.weight(i);
            int j = data.yPred(i);
            int r = data.groupIndex().groupOf(i);
            joint[j * groups + r] += w;
            pj[j] += w;
            pr[r] += w;
            total += w;
        }
        if (!(total > 0)) {
            return new double[] {0, Double.NaN};
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            for (int r = 0; r < groups; r++) {
                double p = joint[j * groups + r];
                if (p > 0) { // p(j, r) > 0 implies p(j) > 0 and p(r) > 0; zero cells add nothing
                    sum += p * p / (pj[j] * pr[r]);
                }
            }
        }
        // in counts: Σ p_jr² / (p_j p_r) = Σ c_jr² / (c_j c_r); rounding can dip below zero when independent
        return new double[] {total, Math.max(0, sum - 1)};
    }
}
