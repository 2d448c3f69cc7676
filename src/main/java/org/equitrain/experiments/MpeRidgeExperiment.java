package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.data.CategoricalColumn;
import org.equitrain.data.Dataset;
import org.equitrain.data.Standardizer;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.report.NumberText;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.ScatterPlot;
import org.equitrain.report.Table;
import org.equitrain.sensitivity.DesignMatrix;
import org.equitrain.sensitivity.RidgeLoo;
import org.equitrain.tensor.Permutations;

/**
 * {@code mpe-ridge} (MPE spec §5): ridge regression of log wage on CPS1988; the exact LOO shifts of MPE Thm 3 and the
 * Woodbury leave-group-out of each ethnicity against brute-force refits (max abs error &lt; 1e-10 expected in float64),
 * and the error of the first-order form v_i e_i.
 */
public final class MpeRidgeExperiment implements Experiment {
    static final double DELTA = 1.0;
    static final int MAX_GROUP = 5000;

    @Override
    public String name() {
        return "mpe-ridge";
    }

    @Override
    public String title() {
        return "MPE: exact ridge leave-one-out and leave-group-out vs refitting (CPS1988 log wage)";
    }

    @Override
    public String run(RunSettings settings, Path dir) throws Exception {
        Results results = settings.results(name()); // the wall clock runs from here
        Dataset data = DatasetRegistry.standard().load("cps1988");
        Dataset x = Standardizer.fitAll(data).apply(data);
        double[] y = data.target().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.log(y[i]);
        }
        RidgeLoo ridge = RidgeLoo.fit(DesignMatrix.of(x.features()), y, DELTA, RidgeLoo.Intercept.UNPENALISED);
        int n = y.length;
        int checked = Math.min(n, settings.pick(200, 2000));
        int[] rows = sampleRows(n, checked, settings.seed(0));

        double[] exact = ridge.looPredictionShifts();
        double[] first = ridge.firstOrderPredictionShifts();
        double[] f = ridge.predictions(ridge.coefficients());
        double[] truth = new double[checked];
        double[] est = new double[checked];
        double[] estFirst = new double[checked];
        double maxLoo = 0;
        double firstErr = 0;
        for (int k = 0; k < checked; k++) {
            int i = rows[k];
            double[] refit = ridge.refitWithout(i);
            truth[k] = dot(ridge.design().row(i), refit) - f[i];
            est[k] = exact[i];
            estFirst[k] = first[i];
            maxLoo = Math.max(maxLoo, Math.abs(truth[k] - est[k]));
            firstErr += Math.abs(truth[k] - estFirst[k]) / checked;
        }

        CategoricalColumn ethnicity = data.group("ethnicity");
        Table groups = Table.of("removed group", "rows", "max |Woodbury − refit| (all predictions)",
                "mean |prediction shift|");
        Map<String, Double> groupErrors = new LinkedHashMap<>();
        double maxGroup = 0;
        for (String level : ethnicity.levels()) {
            int[] g = rowsOf(ethnicity, level);
            if (g.length > MAX_GROUP) {
                continue; // V_G is |G|×|G|: the Woodbury form is for groups smaller than the rest
            }
            RidgeLoo.GroupRemoval removal = ridge.leaveGroupOut(g);
            double[] refit = ridge.refitWithout(g);
            double[] refitF = ridge.predictions(refit);
            double err = 0;
            double shift = 0;
            for (int i = 0; i < n; i++) {
                err = Math.max(err, Math.abs(removal.allShifts()[i] - (refitF[i] - f[i])));
                shift += Math.abs(removal.allShifts()[i]) / n;
            }
            groupErrors.put(level, err);
            maxGroup = Math.max(maxGroup, err);
            groups.row(level, g.length, err, shift);
        }

        results.seeds(settings.seed(0)).dataset("cps1988", Map.of("train", n));
        results.metric("delta", DELTA).metric("features", x.featureCount()).metric("loo_rows_refitted", checked)
                .metric("max_abs_error_loo", maxLoo).metric("max_abs_error_group", maxGroup)
                .metric("mean_abs_error_first_order", firstErr).metric("group_max_abs_error", groupErrors);
        results.figure("loo_shift", Map.of("rows", rows, "refit", truth, "exact", est, "first_order", estFirst));
        results.write(dir.resolve("results.json"));

        new Report(title()).provenance(results.provenance())
                .paragraph("Ridge regression (δ = " + DELTA + ", unpenalised intercept, standardised features) of "
                        + "log(wage) on " + n + " CPS1988 rows. The exact MPE shift v_i e_i/(1 − v_i) is compared "
                        + "with refitting without row i for " + checked + " random rows; each ethnicity group is "
                        + "removed by the Woodbury form and by refitting (groups over " + MAX_GROUP + " rows are "
                        + "skipped: V_G is |G|×|G|).")
                .summary(Map.of("max |exact LOO − refit|", maxLoo, "max |group − refit|", maxGroup,
                        "mean |first-order v e − refit|", firstErr))
                .figure(new ScatterPlot().title("LOO prediction shift: estimate vs refit")
                        .series("exact v e/(1−v)", truth, est)
                        .series("first-order v e", truth, estFirst).diagonal()
                        .xLabel("refit f_i(θ\\i) − f_i(θ*)").yLabel("estimate"), "LOO prediction shifts")
                .table(groups.caption("Leave-group-out by Woodbury vs refit"))
                .write(dir.resolve("report.html"));
        return "max |LOO − refit| " + NumberText.of(maxLoo) + ", group " + NumberText.of(maxGroup)
                + ", first-order mean error " + NumberText.of(firstErr);
    }

    static int[] sampleRows(int n, int k, long seed) {
        return Permutations.sample(n, k, new SplittableRandom(seed));
    }

    static int[] rowsOf(CategoricalColumn column, String level) {
        int code = column.levelIndex(level);
        return java.util.stream.IntStream.range(0, column.size()).filter(i -> column.code(i) == code).toArray();
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
