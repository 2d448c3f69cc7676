package org.equitrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equitrain.fairness.FormlOptions;
import org.equitrain.fairness.ReweightedTraining;
import org.equitrain.io.AtomicFiles;
import org.equitrain.report.Provenance;

/**
 * What one {@code equitrain train} did, for {@code results.json} and the report: the data (label, groups, class
 * names, favourable class, rows per part), the training configuration (method, model, SGD settings, seed, the
 * method's own options), FORML's condensation when it was asked for, and the results (steps, final training loss,
 * test accuracy and EO gap) of the model written. A number that is not defined is {@code null} in the JSON; an
 * undefined EO gap has its reason beside it ({@code eo_gap_undefined}).
 */
record TrainingRun(Data data, Settings settings, Condensed condensed, Outcome outcome) {
    /** The data trained on; {@code rows} per part ("train", "held_out", "test"). */
    record Data(String name, String label, List<String> groups, List<String> excluded, List<String> classNames,
            int favourable, int features, Map<String, Integer> rows) {
    }

    /** The configuration; {@code methodOptions} holds only the options the method reads. */
    record Settings(String method, String model, ReweightedTraining.Config sgd, double testFrac, double heldOutFrac,
            Map<String, Object> methodOptions) {
    }

    /**
     * FORML condensation (forml.md §8, {@code --condense}): the top {@code fraction} of the {@code trainRows} by
     * learned weight, {@code keptRows} rows, were kept and a model retrained on them with ERM; the FORML run that
     * learned the weights took {@code formlSteps} steps ({@code formlSkipped} skipped) to a final training loss of
     * {@code formlFinalLoss}. The {@link Outcome} is then the retrained model's.
     */
    record Condensed(double fraction, int keptRows, int trainRows, long formlSteps, long formlSkipped,
            double formlFinalLoss) {
    }

    /** {@code finalLoss}: unweighted mean cross-entropy over the last epoch's training rows. */
    record Outcome(long steps, long skipped, double finalLoss, double testAccuracy, double eoGap,
            String eoGapReason) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The options {@code method} reads beyond the SGD settings (forml.md §6; L2RW reads the held-out batch). */
    static Map<String, Object> methodOptions(String method, FormlOptions f, double lr) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (method.equals("l2rw") || method.equals("forml")) {
            m.put("heldout_batch", f.heldOutBatch());
        }
        if (method.equals("forml")) {
            m.put("objective", f.objective().optionName());
            m.put("anchor", f.anchor());
            m.put("weight_lr", f.weightLr());
            m.put("weight_init", f.weightInit());
            m.put("normalise", f.normalise().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            m.put("weights", f.persistent() ? "persistent" : "per-batch");
            m.put("warmup_epochs", f.warmupEpochs());
            m.put("lookahead_lr", Double.isNaN(f.lookaheadLr()) ? lr : f.lookaheadLr());
        }
        return m;
    }

    ObjectNode json() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", "equitrain train");
        root.put("version", Provenance.detectedEquitrainVersion());
        ObjectNode d = root.putObject("data");
        d.put("name", data.name());
        d.put("label", data.label());
        data.groups().forEach(d.putArray("groups")::add);
        data.excluded().forEach(d.putArray("excluded")::add);
        data.classNames().forEach(d.putArray("classes")::add);
        d.put("favourable", data.classNames().get(data.favourable()));
        d.put("features", data.features());
        ObjectNode rows = d.putObject("rows");
        data.rows().forEach(rows::put);
        ObjectNode c = root.putObject("config");
        c.put("method", settings.method());
        c.put("model", settings.model());
        c.put("lr", settings.sgd().lr());
        c.put("momentum", settings.sgd().momentum());
        c.put("weight_decay", settings.sgd().weightDecay());
        c.put("epochs", settings.sgd().epochs());
        c.put("batch_size", settings.sgd().batchSize());
        c.put("test_frac", settings.testFrac());
        c.put("heldout_frac", settings.heldOutFrac());
        c.put("seed", settings.sgd().seed());
        c.set("method_options", MAPPER.valueToTree(settings.methodOptions()));
        if (condensed != null) {
            ObjectNode k = root.putObject("condensation");
            k.put("fraction", condensed.fraction());
            k.put("kept_rows", condensed.keptRows());
            k.put("train_rows", condensed.trainRows());
            k.put("retrained_with", "erm");
            ObjectNode f = k.putObject("forml");
            f.put("steps", condensed.formlSteps());
            f.put("skipped_steps", condensed.formlSkipped());
            number(f, "final_train_loss", condensed.formlFinalLoss());
        }
        ObjectNode r = root.putObject("results");
        r.put("steps", outcome.steps());
        r.put("skipped_steps", outcome.skipped());
        number(r, "final_train_loss", outcome.finalLoss());
        number(r, "test_accuracy", outcome.testAccuracy());
        number(r, "eo_gap", outcome.eoGap());
        if (outcome.eoGapReason() != null) {
            r.put("eo_gap_undefined", outcome.eoGapReason());
        }
        return root;
    }

    /** Writes {@link #json()} to {@code file} atomically. */
    void write(Path file) throws IOException {
        AtomicFiles.write(file, s -> MAPPER.writeValue(s, json()));
    }

    /** The configuration and results as report summary rows. */
    Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("method", settings.method());
        s.put("model", settings.model());
        s.put("classes", String.join(", ", data.classNames()) + " (favourable: "
                + data.classNames().get(data.favourable()) + ")");
        s.put("rows (train / held-out / test)", data.rows().get("train") + " / " + data.rows().get("held_out")
                + " / " + data.rows().get("test"));
        if (!data.excluded().isEmpty()) {
            s.put("excluded columns", String.join(", ", data.excluded()));
        }
        s.put("SGD", String.format(Locale.ROOT, "lr %s, momentum %s, weight decay %s, batch %d, %d epochs, seed %d",
                settings.sgd().lr(), settings.sgd().momentum(), settings.sgd().weightDecay(),
                settings.sgd().batchSize(), settings.sgd().epochs(), settings.sgd().seed()));
        settings.methodOptions().forEach((k, v) -> s.put(settings.method() + " " + k, String.valueOf(v)));
        if (condensed != null) {
            s.put("condensation", String.format(Locale.ROOT, "top %s of the training rows by FORML weight, %d of %d "
                    + "rows, retrained from scratch with ERM; the steps and loss below are the retraining's",
                    percent(condensed.fraction()), condensed.keptRows(), condensed.trainRows()));
            s.put("FORML steps (skipped)", condensed.formlSteps() + " (" + condensed.formlSkipped() + ")");
            s.put("FORML final training loss", condensed.formlFinalLoss());
        }
        s.put("steps (skipped)", outcome.steps() + " (" + outcome.skipped() + ")");
        s.put("final training loss", outcome.finalLoss());
        return s;
    }

    /** 0.25 as "25%", 0.07 as "7%", 0.125 as "12.5%" (decimal digits of the value as given). */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }
}
