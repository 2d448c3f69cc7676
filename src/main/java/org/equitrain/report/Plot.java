package org.equitrain.report;

/** A figure that renders itself as one standalone, well-formed SVG element (no scripts, no external resources). */
public interface Plot {
    /** The SVG text; the same input gives the same bytes. */
    String svg();
}
