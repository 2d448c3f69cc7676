package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.equitrain.data.Dataset;
import org.equitrain.report.LinePlot;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.SeedSummary;
import org.equitrain.report.Table;

/**
 * The α grid of renyi-dml.md §7 for one dataset and cohort: every α trained from the same seeds, the final
 * accuracy (last-5-epoch mean, §5) summarised over seeds, test curves per α, and an honest verdict on whether an
 * α ≠ 1 beats α = 1 (DML) and α = 0 (independent training) beyond the seed spread.
 */
public final class AlphaGrid {
    /** One α: per seed the peers' mean final accuracy, per seed and peer, and the peer-mean test curve. */
    public record Cell(double alpha, double[] accuracy, double[][] perPeer, double[][] curves) {
        /** Mean, standard deviation and 95% interval over seeds of the peers' mean final accuracy. */
        public SeedSummary summary() {
            return SeedSummary.of(accuracy);
        }
    }

    /** Sees every trained cohort (for extra metrics such as per-group accuracy). */
    @FunctionalInterface
    public interface OutcomeListener {
        /** Called once per trained cohort with its α, the seed's index and the outcome. */
        void onOutcome(double alpha, int seedIndex, CohortRun.Outcome outcome);
    }

    private AlphaGrid() {
    }

    /** "0", "0.5", "1", "1.5": α as it appears in metric keys. */
    public static String alphaKey(double alpha) {
        return alpha == Math.rint(alpha) ? Long.toString((long) alpha) : Double.toString(alpha);
    }

    /**
     * Trains every α on every seed, records {@code <key>.alpha_<a>.accuracy} (with _mean/_std/...) and per peer
     * {@code <key>.alpha_<a>.peer_<i>.accuracy} in {@code results}, appends rows to {@code table}, and adds the
     * curves and the verdict to {@code report}.
     */
    public static List<Cell> run(String key, CohortRun.Setup setup, double[] alphas, long[] seeds, Dataset train,
            Dataset test, Results results, Report report, Table table) {
        return run(key, setup, alphas, seeds, train, test, results, report, table, (a, s, o) -> { });
    }

    /** {@link #run(String, CohortRun.Setup, double[], long[], Dataset, Dataset, Results, Report, Table)} that
     * also hands every trained cohort to {@code listener}. */
    public static List<Cell> run(String key, CohortRun.Setup setup, double[] alphas, long[] seeds, Dataset train,
            Dataset test, Results results, Report report, Table table, OutcomeListener listener) {
        List<Cell> cells = new ArrayList<>();
        LinePlot curves = new LinePlot().title(key + ": test accuracy (mean of peers and seeds, band ± 1 sd)")
                .xLabel("epoch").yLabel("accuracy");
        for (double alpha : alphas) {
            double[] acc = new double[seeds.length];
            double[][] perPeer = new double[seeds.length][];
            double[][] curve = new double[seeds.length][];
            for (int s = 0; s < seeds.length; s++) {
                CohortRun.Outcome o = CohortRun.run(setup, alpha, train, test, seeds[s],
                        key + " α=" + alphaKey(alpha) + " seed " + (s + 1) + "/" + seeds.length);
                listener.onOutcome(alpha, s, o);
                acc[s] = o.history().meanFinalAccuracy();
                perPeer[s] = new double[setup.peers()];
                curve[s] = new double[setup.epochs()];
                for (int i = 0; i < setup.peers(); i++) {
                    perPeer[s][i] = o.history().finalAccuracy(i);
                    for (int e = 0; e < setup.epochs(); e++) {
                        curve[s][e] += o.history().testAccuracy()[i][e] / setup.peers();
                    }
                }
            }
            Cell cell = new Cell(alpha, acc, perPeer, curve);
            cells.add(cell);
            String prefix = key + ".alpha_" + alphaKey(alpha);
            SeedSummary sum = results.seedMetric(prefix + ".accuracy", acc);
            for (int i = 0; i < setup.peers(); i++) {
                double[] peer = new double[seeds.length];
                for (int s = 0; s < seeds.length; s++) {
                    peer[s] = perPeer[s][i];
                }
                SeedSummary ps = results.seedMetric(prefix + ".peer_" + i + ".accuracy", peer);
                table.row(key, "α = " + alphaKey(alpha), "peer " + i + " (" + setup.model(i) + ")", ps.mean(),
                        ps.std());
            }
            table.row(key, "α = " + alphaKey(alpha), "peer mean", sum.mean(), sum.std());
            results.figure(prefix + ".test_accuracy_curves", curve);
            double[][] band = meanBand(curve);
            curves.series("α = " + alphaKey(alpha), ClassifierRun.epochAxis(setup.epochs()), band[0], band[1],
                    band[2]);
        }
        report.figure(curves, key + ": test accuracy per epoch for each α (" + setup.peers() + " peers, "
                + seeds.length + " seeds).");
        report.paragraph(verdict(key, cells));
        return cells;
    }

    /**
     * Whether the best α ∉ {0, 1} beats α = 1 and α = 0 beyond the seed spread: its mean exceeds the other's by
     * more than the sum of the two across-seed standard deviations.
     */
    public static String verdict(String key, List<Cell> cells) {
        Cell zero = find(cells, 0);
        Cell one = find(cells, 1);
        Cell best = null;
        for (Cell c : cells) {
            if (c.alpha() != 0 && c.alpha() != 1 && (best == null || c.summary().mean() > best.summary().mean())) {
                best = c;
            }
        }
        if (best == null || (zero == null && one == null)) {
            return key + ": the grid has no α ≠ 0, 1 to compare with α = 0 or α = 1.";
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: best α ∉ {0, 1} is α = %s with %.4f ± %.4f",
                key, alphaKey(best.alpha()), best.summary().mean(), best.summary().std()));
        for (Cell ref : new Cell[] {one, zero}) {
            if (ref == null) {
                continue;
            }
            double diff = best.summary().mean() - ref.summary().mean();
            double spread = best.summary().std() + ref.summary().std();
            sb.append(String.format(Locale.ROOT, "; vs α = %s (%.4f ± %.4f): difference %+.4f, %s the seed spread "
                    + "%.4f", alphaKey(ref.alpha()), ref.summary().mean(), ref.summary().std(), diff,
                    Math.abs(diff) > spread ? (diff > 0 ? "better beyond" : "worse beyond") : "within", spread));
        }
        return sb.append(".").toString();
    }

    private static Cell find(List<Cell> cells, double alpha) {
        for (Cell c : cells) {
            if (c.alpha() == alpha) {
                return c;
            }
        }
        return null;
    }

    /** Per-epoch mean, mean − sd and mean + sd over the rows of {@code runs}. */
    static double[][] meanBand(double[][] runs) {
        int n = runs[0].length;
        double[][] out = new double[3][n];
        for (int e = 0; e < n; e++) {
            double[] col = new double[runs.length];
            for (int s = 0; s < runs.length; s++) {
                col[s] = runs[s][e];
            }
            SeedSummary s = SeedSummary.of(col);
            double sd = Double.isNaN(s.std()) ? 0 : s.std();
            out[0][e] = s.mean();
            out[1][e] = s.mean() - sd;
            out[2][e] = s.mean() + sd;
        }
        return out;
    }
}
