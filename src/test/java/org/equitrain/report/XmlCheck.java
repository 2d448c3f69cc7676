package org.equitrain.report;

import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Test helper: parses markup with javax.xml, which fails on anything that is not well-formed XML. */
final class XmlCheck {
    private XmlCheck() {
    }

    static Document parse(String markup) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return f.newDocumentBuilder().parse(new InputSource(new StringReader(markup)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n"
                    + markup.substring(0, Math.min(400, markup.length())), e);
        }
    }

    static int count(Document doc, String element) {
        return doc.getElementsByTagNameNS("*", element).getLength();
    }
}
