package org.equitrain.report;

/**
 * The page around a report or index: XHTML-compatible HTML5 (every element closed, only XML's entities), one
 * inline style sheet, no scripts and no external resources, so the file opens anywhere, offline.
 */
final class HtmlPage {
    private static final String CSS = String.join("\n",
            "body{margin:0;background:#f3f4f6;color:#1f2328;"
                    + "font:15px/1.5 system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif}",
            "main{max-width:1000px;margin:0 auto;padding:20px 32px 48px;background:#fff;min-height:100vh;"
                    + "box-shadow:0 0 0 1px #e2e4e8}",
            "h1{font-size:26px;line-height:1.25;margin:12px 0 14px}",
            "h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:1px solid #e2e4e8}",
            "h3{font-size:16px;margin:22px 0 8px}",
            "p{margin:8px 0 12px;max-width:78ch}",
            "table{border-collapse:collapse;margin:10px 0 18px;font-size:14px}",
            "th,td{padding:5px 12px;border-bottom:1px solid #e2e4e8;text-align:left;vertical-align:top}",
            "thead th{background:#f0f2f5;font-weight:600;border-bottom:2px solid #d0d4da}",
            "table.data tbody tr:nth-child(even){background:#fafbfc}",
            ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}",
            "caption{caption-side:top;text-align:left;font-size:13px;color:#57606a;padding:0 0 6px}",
            "figure{margin:18px 0 26px}",
            "figure svg{display:block;max-width:100%;height:auto;border:1px solid #eceef1;border-radius:4px}",
            "figcaption{font-size:13px;color:#57606a;margin-top:6px;max-width:78ch}",
            ".provenance{background:#f6f8fa;border:1px solid #e2e4e8;border-radius:6px;padding:6px 14px;"
                    + "margin:0 0 18px;font-size:13px}",
            ".provenance table{margin:0;font-size:13px}",
            ".provenance th,.provenance td{border:none;padding:2px 14px 2px 0;background:none}",
            ".provenance th{color:#57606a;font-weight:600;white-space:nowrap}",
            "table.summary th{font-weight:600;background:none;border-bottom:1px solid #e2e4e8}",
            ".warning{background:#fff8e1;border-left:4px solid #d4a72c;padding:8px 14px;margin:10px 0 14px}",
            ".failed{color:#b42318;font-weight:600}",
            "ul.reports{padding-left:0;list-style:none}",
            "ul.reports li{padding:10px 0;border-bottom:1px solid #e2e4e8}",
            "ul.reports a{font-size:17px;font-weight:600;color:#0b5cad;text-decoration:none}",
            "footer{margin-top:40px;font-size:12px;color:#8b949e}");

    private HtmlPage() {
    }

    /** A complete page with {@code title} and {@code body} (already-escaped markup). */
    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                + "<meta name=\"generator\" content=\"equitrain\"/>\n"
                + "<title>" + Xml.escape(title) + "</title>\n<style>\n" + CSS + "\n</style>\n</head>\n<body>\n<main>\n"
                + "<h1>" + Xml.escape(title) + "</h1>\n" + body
                + "<footer>Written by equitrain.</footer>\n"
                + "</main>\n</body>\n</html>\n";
    }
}
