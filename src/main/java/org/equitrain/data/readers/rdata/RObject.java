package org.equitrain.data.readers.rdata;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A decoded R object: its SEXP type, its payload and its attributes. Payloads by type: {@code int[]} for integer and
 * logical vectors (NA = {@link #NA_INTEGER}), {@code double[]} for real vectors (NaN = NA) and complex vectors
 * (interleaved re, im), {@code String[]} for character vectors (null = NA), {@code List<RObject>} for lists,
 * expression vectors and pairlists (with {@link #names()}), {@code byte[]} for raw vectors, {@code String} for
 * symbols and for the names of environments, builtins and persistent references; no payload for NULL.
 */
public final class RObject {
    /** SEXP type of R's {@code NULL}. */
    public static final int NILSXP = 0;
    /** SEXP type of a symbol. */
    public static final int SYMSXP = 1;
    /** SEXP type of a pairlist. */
    public static final int LISTSXP = 2;
    /** SEXP type of an environment. */
    public static final int ENVSXP = 4;
    /** SEXP type of a logical vector. */
    public static final int LGLSXP = 10;
    /** SEXP type of an integer vector. */
    public static final int INTSXP = 13;
    /** SEXP type of a real (double) vector. */
    public static final int REALSXP = 14;
    /** SEXP type of a complex vector. */
    public static final int CPLXSXP = 15;
    /** SEXP type of a character vector. */
    public static final int STRSXP = 16;
    /** SEXP type of a generic vector (list). */
    public static final int VECSXP = 19;
    /** SEXP type of an expression vector. */
    public static final int EXPRSXP = 20;
    /** SEXP type of a raw (byte) vector. */
    public static final int RAWSXP = 24;
    /** SEXP type of an S4 object. */
    public static final int S4SXP = 25;
    /** R's integer (and logical) NA. */
    public static final int NA_INTEGER = Integer.MIN_VALUE;

    /** The R NULL. */
    public static final RObject NULL = new RObject(NILSXP, null, null, Map.of());

    private final int type;
    private final Object payload;
    private final List<String> tags;
    private final Map<String, RObject> attributes;

    RObject(int type, Object payload, List<String> tags, Map<String, RObject> attributes) {
        this.type = type;
        this.payload = payload;
        this.tags = tags;
        this.attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(attributes);
    }

    /** The SEXP type code, one of the {@code *SXP} constants. */
    public int type() {
        return type;
    }

    /** Whether this is R's {@code NULL}. */
    public boolean isNull() {
        return type == NILSXP;
    }

    /** The attributes by name (unmodifiable; empty when there are none). */
    public Map<String, RObject> attributes() {
        return attributes;
    }

    /** Attribute {@code name}, or {@link #NULL}. */
    public RObject attr(String name) {
        return attributes.getOrDefault(name, NULL);
    }

    /** The {@code class} attribute's strings (empty when absent). */
    public List<String> classes() {
        RObject c = attr("class");
        return c.type == STRSXP ? List.of(c.strings()) : List.of();
    }

    /** Whether the {@code class} attribute contains {@code klass}. */
    public boolean inherits(String klass) {
        return classes().contains(klass);
    }

    /** The {@code names} attribute (for lists and data.frames), or the tags of a pairlist. */
    public List<String> names() {
        if (type == LISTSXP) {
            return tags;
        }
        RObject n = attr("names");
        return n.type == STRSXP ? java.util.Arrays.asList(n.strings()) : List.of();
    }

    /**
     * The payload of an integer or logical vector, shared, not copied (NA = {@link #NA_INTEGER}).
     *
     * @throws IllegalStateException for any other type
     */
    public int[] ints() {
        return as(int[].class, "integer or logical vector");
    }

    /**
     * The payload of a real vector (NaN = NA), or of a complex vector as interleaved re, im; shared, not copied.
     *
     * @throws IllegalStateException for any other type
     */
    public double[] doubles() {
        return as(double[].class, "real vector");
    }

    /**
     * The payload of a character vector, shared, not copied ({@code null} = NA).
     *
     * @throws IllegalStateException for any other type
     */
    public String[] strings() {
        return as(String[].class, "character vector");
    }

    /**
     * The elements of a list, expression vector or pairlist.
     *
     * @throws IllegalStateException for any other type
     */
    @SuppressWarnings("unchecked")
    public List<RObject> elements() {
        return as(List.class, "list or pairlist");
    }

    /** Symbol name, or the label of an environment or persistent reference. */
    public String symbol() {
        return as(String.class, "symbol");
    }

    /** Length of a vector or list (0 for NULL and other objects). */
    public int length() {
        if (payload instanceof int[] a) {
            return a.length;
        } else if (payload instanceof double[] a) {
            return type == CPLXSXP ? a.length / 2 : a.length;
        } else if (payload instanceof String[] a) {
            return a.length;
        } else if (payload instanceof List<?> l) {
            return l.size();
        } else if (payload instanceof byte[] a) {
            return a.length;
        }
        return 0;
    }

    private <T> T as(Class<T> k, String what) {
        if (!k.isInstance(payload)) {
            throw new IllegalStateException("R object of type " + type + " is not a " + what);
        }
        return k.cast(payload);
    }

    @Override
    public String toString() {
        return "RObject[type " + type + ", length " + length() + (classes().isEmpty() ? "" : ", class " + classes())
                + "]";
    }
}
