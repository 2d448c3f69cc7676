package org.equitrain.fairness.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case of the fixture {@code fairness/reference-outputs.json}: a small table and the values Fairlearn or AIF360
 * computed on it (spec §9 item 9). The table is given as columns, or as cells with a row count; AIF360's set of
 * favourable labels is read as label 1.
 */
record ReferenceCase(String id, String library, JsonNode provenance, int[] yTrue, int[] yPred, double[] scores,
        double[] weights, int favourable, Map<String, String[]> sensitive, double logLossEpsilon,
        List<JsonNode> expected) {

    static final String FIXTURE = "/fairness/reference-outputs.json";

    static JsonNode fixture() {
        try (InputStream in = ReferenceCase.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + FIXTURE + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(FIXTURE, e);
        }
    }

    static List<ReferenceCase> load() {
        List<ReferenceCase> cases = new ArrayList<>();
        for (JsonNode c : fixture().get("cases")) {
            cases.add(parse(c));
        }
        return cases;
    }

    static ReferenceCase byId(String id) {
        return load().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case '" + id + "' in " + FIXTURE));
    }

    /** The table with its own sensitive columns. */
    FrameInput input() {
        return input(sensitive);
    }

    /** The same rows with other sensitive columns (e.g. AIF360's privileged / unprivileged membership). */
    FrameInput input(Map<String, String[]> columns) {
        FrameInput.Builder b = FrameInput.builder().yTrue(yTrue).yPred(yPred).favourable(favourable);
        if (scores != null) {
            b.scores(scores);
        }
        if (weights != null) {
            b.weights(weights);
        }
        columns.forEach(b::sensitive);
        return b.build();
    }

    int size() {
        return yTrue.length;
    }

    private static ReferenceCase parse(JsonNode c) {
        JsonNode in = c.get("input");
        int favourable = in.path("favourable").asInt(1);
        int[] yTrue;
        int[] yPred;
        Map<String, String[]> sensitive = new LinkedHashMap<>();
        if (in.has("cells")) {
            List<int[]> rows = new ArrayList<>();
            Map<String, List<String>> levels = new LinkedHashMap<>();
            for (JsonNode cell : in.get("cells")) {
                for (int k = 0; k < cell.get("count").asInt(); k++) {
                    rows.add(new int[] {cell.get("y_true").asInt(), cell.get("y_pred").asInt()});
                    cell.get("sensitive").fields().forEachRemaining(
                            f -> levels.computeIfAbsent(f.getKey(), x -> new ArrayList<>()).add(f.getValue().asText()));
                }
            }
            yTrue = rows.stream().mapToInt(r -> r[0]).toArray();
            yPred = rows.stream().mapToInt(r -> r[1]).toArray();
            levels.forEach((name, values) -> sensitive.put(name, values.toArray(String[]::new)));
        } else {
            yTrue = ints(in.get("y_true"));
            yPred = ints(in.get("y_pred"));
            in.get("sensitive").fields().forEachRemaining(f -> sensitive.put(f.getKey(), strings(f.getValue())));
        }
        if (in.has("favourable_labels")) { // AIF360 MulticlassLabelDataset: a set of favourable labels reads as 1
            Set<Integer> good = new HashSet<>();
            in.get("favourable_labels").forEach(v -> good.add(v.asInt()));
            yTrue = Arrays.stream(yTrue).map(y -> good.contains(y) ? 1 : 0).toArray();
            yPred = Arrays.stream(yPred).map(y -> good.contains(y) ? 1 : 0).toArray();
            favourable = 1;
        }
        List<JsonNode> expected = new ArrayList<>();
        c.get("expected").forEach(expected::add);
        double epsilon = c.path("options").path("log_loss_epsilon").asDouble(ScoreMetrics.DEFAULT_EPSILON);
        return new ReferenceCase(c.get("id").asText(), c.get("library").asText(), c.get("provenance"), yTrue, yPred,
                in.has("scores") ? doubles(in.get("scores")) : null,
                in.has("sample_weight") ? doubles(in.get("sample_weight")) : null, favourable, sensitive, epsilon,
                expected);
    }

    private static int[] ints(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    private static double[] doubles(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    private static String[] strings(JsonNode a) {
        String[] v = new String[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asText();
        }
        return v;
    }
}
