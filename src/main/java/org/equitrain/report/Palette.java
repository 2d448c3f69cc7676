package org.equitrain.report;

/** Series colours: the Okabe–Ito palette, distinguishable with the common colour-vision deficiencies. */
final class Palette {
    private static final String[] COLORS = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#B8A500"};
    static final String TEXT = "#222222";
    static final String MUTED = "#555555";
    static final String AXIS = "#444444";
    static final String GRID = "#E6E6E6";
    static final String REFERENCE = "#888888";

    private Palette() {
    }

    /** Colour of the i-th series (cycling after eight). */
    static String color(int i) {
        return COLORS[i % COLORS.length];
    }
}
