package org.equitrain.report;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equitrain.io.AtomicFiles;

/**
 * The page linking several reports (what {@code reproduce all} writes as out/index.html): one entry per
 * experiment with a one-line summary, or the reason it failed. Links are relative, so the output folder can be
 * moved or zipped.
 */
public final class IndexPage {
    private record Entry(String title, Path report, String summary, String failure) {
    }

    private final String title;
    private final List<Entry> entries = new ArrayList<>();
    private String intro = "";

    /** An empty index page with this title. */
    public IndexPage(String title) {
        this.title = title;
    }

    /** A paragraph under the title. */
    public IndexPage intro(String text) {
        this.intro = text;
        return this;
    }

    /** Links the report at {@code reportFile} with a one-line summary (may be empty). */
    public IndexPage report(String title, Path reportFile, String summary) {
        entries.add(new Entry(title, reportFile, summary, null));
        return this;
    }

    /** Lists an experiment that produced no report, with the reason. */
    public IndexPage failed(String title, String reason) {
        entries.add(new Entry(title, null, "", reason));
        return this;
    }

    /** The page, with links relative to the folder {@code indexDir} that will hold it. */
    public String html(Path indexDir) {
        StringBuilder b = new StringBuilder();
        if (!intro.isEmpty()) {
            b.append("<p>").append(Xml.escape(intro)).append("</p>\n");
        }
        b.append("<ul class=\"reports\">\n");
        for (Entry e : entries) {
            b.append("<li>");
            if (e.report != null) {
                b.append("<a href=\"").append(Xml.escape(href(indexDir, e.report))).append("\">")
                        .append(Xml.escape(e.title)).append("</a>");
                if (!e.summary.isEmpty()) {
                    b.append("<br/>").append(Xml.escape(e.summary));
                }
            } else {
                b.append(Xml.escape(e.title)).append(" — <span class=\"failed\">failed:</span> ")
                        .append(Xml.escape(e.failure));
            }
            b.append("</li>\n");
        }
        b.append("</ul>\n");
        return HtmlPage.page(title, b.toString());
    }

    /** Writes the page atomically to {@code indexFile}. */
    public void write(Path indexFile) throws IOException {
        AtomicFiles.writeString(indexFile, html(indexFile.toAbsolutePath().getParent()));
    }

    private static String href(Path indexDir, Path report) {
        Path rel = indexDir.toAbsolutePath().normalize().relativize(report.toAbsolutePath().normalize());
        String path = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot link report " + report + ": " + e.getMessage(), e);
        }
    }
}
