package org.equitrain.report;

import static org.equitrain.report.NumberText.coord;

/** Appends SVG elements to a string; text is escaped, coordinates are written with at most two decimals. */
final class Svg {
    static final String FONT = "system-ui, -apple-system, &#39;Segoe UI&#39;, Helvetica, Arial, sans-serif";
    /** Attributes that outline text in white so it stays readable over bars and lines. */
    static final String HALO = "stroke=\"#FFFFFF\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
    private final StringBuilder b = new StringBuilder(8192);

    Svg(double width, double height, String title) {
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(coord(width))
                .append("\" height=\"").append(coord(height))
                .append("\" viewBox=\"0 0 ").append(coord(width)).append(' ').append(coord(height))
                .append("\" font-family=\"").append(FONT).append("\" font-size=\"12\" role=\"img\">");
        b.append("<title>");
        Xml.escape(b, title);
        b.append("</title>");
    }

    /** A line; {@code extra} holds further attributes written by this package (e.g. a dash pattern). */
    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String extra) {
        b.append("<line x1=\"").append(coord(x1)).append("\" y1=\"").append(coord(y1))
                .append("\" x2=\"").append(coord(x2)).append("\" y2=\"").append(coord(y2))
                .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(coord(width)).append('"');
        return end(extra);
    }

    Svg rect(double x, double y, double w, double h, String fill, String extra) {
        b.append("<rect x=\"").append(coord(x)).append("\" y=\"").append(coord(y))
                .append("\" width=\"").append(coord(Math.max(0, w))).append("\" height=\"").append(coord(Math.max(0, h)))
                .append("\" fill=\"").append(fill).append('"');
        return end(extra);
    }

    Svg circle(double cx, double cy, double r, String fill, String extra) {
        b.append("<circle cx=\"").append(coord(cx)).append("\" cy=\"").append(coord(cy))
                .append("\" r=\"").append(coord(r)).append("\" fill=\"").append(fill).append('"');
        return end(extra);
    }

    /** An open path through points {@code from} (inclusive) to {@code to} (exclusive). */
    Svg polyline(double[] xs, double[] ys, int from, int to, String stroke, double width, String extra) {
        b.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(coord(width))
                .append("\" stroke-linejoin=\"round\" points=\"");
        points(xs, ys, from, to);
        b.append('"');
        return end(extra);
    }

    /** A filled polygon through the given points. */
    Svg polygon(double[] xs, double[] ys, String fill, String extra) {
        b.append("<polygon fill=\"").append(fill).append("\" points=\"");
        points(xs, ys, 0, xs.length);
        b.append('"');
        return end(extra);
    }

    /** Text at (x, y); {@code anchor} is start, middle or end. */
    Svg text(double x, double y, String text, String anchor, String extra) {
        b.append("<text x=\"").append(coord(x)).append("\" y=\"").append(coord(y))
                .append("\" text-anchor=\"").append(anchor).append('"');
        if (!extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        b.append('>');
        Xml.escape(b, text);
        b.append("</text>");
        return this;
    }

    /** An embedded raster image given as a data URI. */
    Svg image(double x, double y, double w, double h, String dataUri) {
        b.append("<image x=\"").append(coord(x)).append("\" y=\"").append(coord(y))
                .append("\" width=\"").append(coord(w)).append("\" height=\"").append(coord(h))
                .append("\" href=\"").append(dataUri).append("\"/>");
        return this;
    }

    String close() {
        return b.append("</svg>").toString();
    }

    private void points(double[] xs, double[] ys, int from, int to) {
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(' ');
            }
            b.append(coord(xs[i])).append(',').append(coord(ys[i]));
        }
    }

    private Svg end(String extra) {
        if (!extra.isEmpty()) {
            b.append(' ').append(extra);
        }
        b.append("/>");
        return this;
    }
}
