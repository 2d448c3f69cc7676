package org.equitrain.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.equitrain.data.Dataset;
import org.equitrain.report.Histogram;
import org.equitrain.report.LinePlot;
import org.equitrain.report.NumberText;
import org.equitrain.report.Report;
import org.equitrain.report.Results;
import org.equitrain.report.ScatterPlot;
import org.equitrain.report.Table;
import org.equitrain.sensitivity.nn.NetworkSensitivity;

/** The report.html of {@code mpe-nn}. */
final class MpeNnReport {
    private MpeNnReport() {
    }

    static void write(Report report, Results results, Path dir, Dataset train, NetworkSensitivity sens,
            MpeNnRemoval.Outcome mlp, MpeNnRemoval.Outcome lenet, MpeNnCurves adam, MpeNnCurves ivon,
            MpeNnCurves lenetCurves, double[] accuracy, double ivonAccuracy, Map<String, Double> loco,
            Map<String, Double> classRemoval) throws java.io.IOException {
        report.provenance(results.provenance())
                .paragraph("MNIST subset of " + train.size() + " training images; MLP 784-32-16-10 (ReLU), prior δ = "
                        + MpeNnExperiment.PRIOR + ". Adam-trained MLP: train/test accuracy "
                        + pct(accuracy[0]) + " / " + pct(accuracy[1]) + "; IVON-trained MLP test accuracy "
                        + pct(ivonAccuracy) + ". True deviations come from warm-started Adam retraining without the"
                        + " example, minus a control retraining with every example (same batches and schedule).");
        Table t = Table.of("model", "variance source", "Pearson", "Spearman");
        addRows(t, "MLP", mlp);
        addRows(t, "LeNet-5", lenet);
        report.table(t.caption("Estimated vs true deviation Σ_k |Δp_k| for " + mlp.removed().length
                + " (MLP) and " + lenet.removed().length + " (LeNet-5) removed examples"));
        ScatterPlot sp = new ScatterPlot().title("MLP: estimated vs true deviation").xLabel("true deviation")
                .yLabel("estimated deviation").diagonal();
        mlp.estimates().forEach((k, v) -> sp.series(k, mlp.truth(), v));
        report.figure(sp, "MLP: estimated vs true deviation per removed example");
        ScatterPlot sl = new ScatterPlot().title("LeNet-5: estimated vs true deviation").xLabel("true deviation")
                .yLabel("estimated deviation").diagonal();
        lenet.estimates().forEach((k, v) -> sl.series(k, lenet.truth(), v));
        report.figure(sl, "LeNet-5: estimated vs true deviation per removed example");

        report.figure(curves(adam, "MLP trained with Adam"), "LOO estimate (Eq. 15) vs test NLL over training");
        report.figure(curves(ivon, "MLP trained with IVON"), "IVON: LOO estimate at the mean vs test NLL");
        report.figure(curves(lenetCurves, "Fashion-MNIST LeNet-5 trained with Adam"),
                "LeNet-5 (Adam): LOO estimate vs test NLL");
        Table gaps = Table.of("run", "source_mode", "mean |LOO − test NLL|");
        ivon.meanAbsoluteGaps().forEach((k, v) -> gaps.row("MLP IVON", k, v));
        adam.meanAbsoluteGaps().forEach((k, v) -> gaps.row("MLP Adam", k, v));
        lenetCurves.meanAbsoluteGaps().forEach((k, v) -> gaps.row("LeNet-5 Adam", k, v));
        report.table(gaps.caption("Mean absolute gap between the LOO estimate and the test NLL over training"));
        report.paragraph(findings(Map.of("MLP Adam", adam, "MLP IVON", ivon, "LeNet-5 Adam", lenetCurves)));

        Table classes = Table.of("class removed", "LOCO NLL (Eq. 16)", "mean Σ|Δp| over all rows (step form)");
        loco.forEach((k, v) -> classes.row(k, v, classRemoval.get(k)));
        report.table(classes.caption("Leave-class-out (MLP, K-FAC): which class's removal changes the model most"));
        double[] scores = sens.probabilityDeviations();
        report.figure(new Histogram().title("Sensitivity scores (MLP, K-FAC)").series("K-FAC, full V", scores)
                        .bins(40).xLabel("Σ_k |(Λ V e)_k|"),
                "Sensitivity scores of all training examples (MLP, K-FAC)");
        report.figure(MpeNnImages.top(train, scores, 16), "Most sensitive training examples (label shown)");
        report.write(dir.resolve("report.html"));
    }

    private static void addRows(Table t, String model, MpeNnRemoval.Outcome o) {
        Map<String, Double> p = o.pearson();
        Map<String, Double> s = o.spearman();
        p.forEach((k, v) -> t.row(model, k, v, s.get(k)));
    }

    private static LinePlot curves(MpeNnCurves c, String title) {
        double[] x = MpeNnCurves.doubles(c.epochs);
        LinePlot plot = new LinePlot().title(title).xLabel("epoch").yLabel("NLL")
                .series("test NLL", x, MpeNnCurves.doubles(c.testNll))
                .series("train NLL", x, MpeNnCurves.doubles(c.trainNll));
        c.loo.forEach((k, v) -> plot.series("LOO " + k, x, MpeNnCurves.doubles(v)));
        return plot;
    }

    /**
     * Which sources track the test NLL (gap below 0.1 nats) and which do not, in words: runs in name order, items
     * separated by "; ", each list ending with a full stop.
     */
    static String findings(Map<String, MpeNnCurves> runs) {
        List<String> tracks = new ArrayList<>();
        List<String> fails = new ArrayList<>();
        for (String run : new TreeSet<>(runs.keySet())) {
            MpeNnCurves c = runs.get(run);
            c.meanAbsoluteGaps().forEach((k, v) -> {
                double last = c.loo.get(k).get(c.loo.get(k).size() - 1);
                double test = c.testNll.get(c.testNll.size() - 1);
                String item = run + " " + k + " (gap " + NumberText.of(v) + ", final " + NumberText.of(last)
                        + " vs test " + NumberText.of(test) + ")";
                (v < 0.1 ? tracks : fails).add(item);
            });
        }
        return "Tracks the test NLL (mean gap < 0.1): " + listed(tracks) + " Does not: " + listed(fails);
    }

    private static String listed(List<String> items) {
        return (items.isEmpty() ? "none" : String.join("; ", items)) + ".";
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
