package org.equitrain.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Converts the values experiments record (numbers, strings, booleans, primitive arrays, lists, maps, nested
 * arrays, {@link SeedSummary}, {@link Estimate}) to a Jackson tree with a stable key order ({@link StableOrder}).
 * NaN and infinities are kept as doubles; Jackson writes them as the strings "NaN", "Infinity", "-Infinity".
 */
final class JsonValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonValues() {
    }

    /** The tree for {@code value}; {@code path} names it in the error for an unsupported type. */
    static JsonNode tree(Object value, String path) {
        if (value == null) {
            return F.nullNode();
        }
        if (value instanceof JsonNode n) {
            return n.deepCopy();
        }
        if (value instanceof String s) {
            return F.textNode(s);
        }
        if (value instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return F.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return F.numberNode(b);
        }
        if (value instanceof BigDecimal b) {
            return F.numberNode(b);
        }
        if (value instanceof Number n) {
            return F.numberNode(n.doubleValue());
        }
        if (value instanceof double[] a) {
            ArrayNode arr = F.arrayNode(a.length);
            for (double v : a) {
                arr.add(v);
            }
            return arr;
        }
        if (value instanceof float[] a) {
            ArrayNode arr = F.arrayNode(a.length);
            for (float v : a) {
                arr.add((double) v);
            }
            return arr;
        }
        if (value instanceof int[] a) {
            ArrayNode arr = F.arrayNode(a.length);
            for (int v : a) {
                arr.add(v);
            }
            return arr;
        }
        if (value instanceof long[] a) {
            ArrayNode arr = F.arrayNode(a.length);
            for (long v : a) {
                arr.add(v);
            }
            return arr;
        }
        if (value instanceof Object[] a) {
            ArrayNode arr = F.arrayNode(a.length);
            for (int i = 0; i < a.length; i++) {
                arr.add(tree(a[i], path + "[" + i + "]"));
            }
            return arr;
        }
        if (value instanceof Collection<?> c) {
            ArrayNode arr = F.arrayNode(c.size());
            int i = 0;
            for (Object o : c) {
                arr.add(tree(o, path + "[" + i++ + "]"));
            }
            return arr;
        }
        if (value instanceof Map<?, ?> m) {
            ObjectNode obj = F.objectNode();
            StableOrder.copy(m).forEach((k, v) -> obj.set(k, tree(v, path + "." + k)));
            return obj;
        }
        if (value instanceof SeedSummary s) {
            ObjectNode obj = F.objectNode();
            obj.put("mean", s.mean()).put("std", s.std()).put("ci_low", s.ciLow()).put("ci_high", s.ciHigh())
                    .put("n", s.n()).put("level", s.level());
            return obj;
        }
        if (value instanceof Estimate e) {
            return F.objectNode().put("value", e.value()).put("lo", e.lo()).put("hi", e.hi());
        }
        throw new IllegalArgumentException(path + ": cannot record a " + value.getClass().getName()
                + " in results.json; use numbers, strings, booleans, arrays, lists or maps of these");
    }
}
