package org.equitrain.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;
import org.equitrain.fairness.metrics.Aggregate;
import org.equitrain.fairness.metrics.AggregateMethod;
import org.equitrain.fairness.metrics.Audit;
import org.equitrain.fairness.metrics.AuditTable;
import org.equitrain.fairness.metrics.BootstrapIntervals;
import org.equitrain.fairness.metrics.FrameInput;
import org.equitrain.fairness.metrics.Group;
import org.equitrain.fairness.metrics.Interval;
import org.equitrain.fairness.metrics.MetricFrame;
import org.equitrain.fairness.metrics.StatisticKey;
import org.equitrain.report.Provenance;

/**
 * {@code metrics.json} of an audit: provenance (file, columns, classes, options, seed, version), the groups and the
 * empty intersections (with the reason they are not groups), every metric overall, by group and aggregated, the
 * disparities, intervals and warnings. An undefined value is {@code null} with its reason.
 */
final class AuditJson {
    private AuditJson() {
    }

    /** Where the audited data came from and the command that audited it. */
    record Source(String file, AuditTable.Columns columns, String tool) {
        /** Predictions audited by {@code equitrain audit}. */
        Source(String file, AuditTable.Columns columns) {
            this(file, columns, "equitrain audit");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void write(OutputStream out, Audit audit, Source source) throws IOException {
        MAPPER.writeValue(out, tree(audit, source));
    }

    static ObjectNode tree(Audit audit, Source source) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tool", source.tool());
        root.put("version", Provenance.detectedEquitrainVersion());
        FrameInput in = audit.data();
        ObjectNode data = root.putObject("data");
        data.put("file", source.file());
        data.put("rows", in.size());
        AuditTable.Columns columns = source.columns();
        data.put("label", columns.label());
        data.put("prediction", columns.prediction());
        data.put("score", columns.score());
        data.put("weight", columns.weight());
        columns.groups().forEach(data.putArray("groups")::add);
        data.put("favourable", in.favourable());
        data.put("favourable_class", in.className(in.favourable()));
        data.put("classes", in.numClasses());
        in.classNames().forEach(data.putArray("class_names")::add);
        Audit.Options o = audit.options();
        ObjectNode opts = root.putObject("options");
        opts.put("n_boot", o.bootstrap() == null ? 0 : o.bootstrap().nBoot());
        if (o.bootstrap() != null) {
            opts.put("seed", o.bootstrap().seed());
            opts.put("level", o.bootstrap().level());
            opts.put("stratify", lower(o.bootstrap().stratify()));
        }
        opts.put("method", o.disparity().method().key());
        opts.put("nan_policy", lower(o.frame().nanPolicy()));
        opts.put("class_agg", lower(o.disparity().classAgg()));
        opts.put("min_group_size", o.frame().minGroupSize());

        MetricFrame mf = audit.frame();
        BootstrapIntervals ci = audit.intervals().orElse(null);
        ArrayNode groups = root.putArray("groups");
        for (Group g : mf.groups()) {
            group(groups.addObject(), g).put("rows", mf.count(g));
        }
        ArrayNode empty = root.putArray("empty_intersections");
        mf.emptyIntersections().forEach((g, reason) -> group(empty.addObject(), g).put("reason", reason));
        root.put("empty_intersection_count", mf.emptyIntersectionCount());
        ObjectNode metrics = root.putObject("metrics");
        for (String m : mf.metrics()) {
            ObjectNode node = metrics.putObject(m);
            value(node.putObject("overall"), mf.overall(m), mf.overallReason(m), ci, StatisticKey.overall(m));
            ObjectNode by = node.putObject("by_group");
            for (Group g : mf.groups()) {
                value(by.putObject(g.name()), mf.value(m, g), mf.reason(m, g), ci, StatisticKey.byGroup(m, g));
            }
            aggregate(node.putObject("group_min"), mf.groupMin(m), ci, StatisticKey.groupMin(m));
            aggregate(node.putObject("group_max"), mf.groupMax(m), ci, StatisticKey.groupMax(m));
            for (AggregateMethod method : AggregateMethod.values()) {
                aggregate(node.putObject("difference_" + method.key()), mf.difference(m, method), ci,
                        StatisticKey.difference(m, method));
                aggregate(node.putObject("ratio_" + method.key()), mf.ratio(m, method), ci,
                        StatisticKey.ratio(m, method));
            }
        }
        ObjectNode disparities = root.putObject("disparities");
        for (Map.Entry<String, Aggregate> e : audit.disparities().entrySet()) {
            aggregate(disparities.putObject(e.getKey()), e.getValue(), ci, StatisticKey.disparity(e.getKey()));
        }
        audit.warnings().forEach(root.putArray("warnings")::add);
        return root;
    }

    /** A group's name and its level in each sensitive column. */
    private static ObjectNode group(ObjectNode node, Group g) {
        node.put("name", g.name());
        ObjectNode levels = node.putObject("levels");
        for (int i = 0; i < g.columns().size(); i++) {
            levels.put(g.columns().get(i), g.levels().get(i));
        }
        return node;
    }

    private static void aggregate(ObjectNode node, Aggregate a, BootstrapIntervals ci, String key) {
        value(node, a.value(), a.reason(), ci, key);
        if (!a.skipped().isEmpty()) {
            ArrayNode s = node.putArray("skipped");
            a.skipped().forEach(g -> s.add(g.name()));
        }
    }

    private static void value(ObjectNode node, double v, String reason, BootstrapIntervals ci, String key) {
        number(node, "value", v);
        if (reason != null) {
            node.put("reason", reason);
        }
        if (ci != null) {
            Interval i = ci.get(key);
            number(node, "ci_low", i.low());
            number(node, "ci_high", i.high());
            node.put("ci_replicates", i.used());
            node.put("ci_dropped", i.dropped());
        }
    }

    private static void number(ObjectNode node, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            node.putNull(field);
        } else {
            node.put(field, v);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
