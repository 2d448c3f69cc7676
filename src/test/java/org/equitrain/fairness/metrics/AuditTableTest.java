package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's CSV reading: quoting, line numbers, typed columns and errors naming column and line. */
class AuditTableTest {
    private static AuditTable parse(String text) throws IOException {
        return AuditTable.parse("t.csv", new StringReader(text));
    }

    @Test
    void readsQuotedFieldsAndTracksLinesOfMultilineRecords() throws IOException {
        AuditTable t = parse("\uFEFFname,y,\"p\"\r\n\"Smith, J\",1,0\r\n\"say \"\"hi\"\"\nthere\",0,1\n\nlast,1,1\n");
        assertEquals(List.of("name", "y", "p"), t.columns());
        assertEquals(3, t.rows());
        assertArrayEquals(new String[] {"Smith, J", "say \"hi\"\nthere", "last"}, t.strings("name"));
        assertArrayEquals(new int[] {1, 0, 1}, t.labels("y", "label"));
        assertEquals(2, t.line(0));
        assertEquals(3, t.line(1));
        assertEquals(6, t.line(2)); // record 2 spans lines 3-4, line 5 is blank
    }

    @Test
    void typedColumnsNameTheColumnAndLineOfABadValue() throws IOException {
        AuditTable t = parse("y,p,s,g\n1,1,0.5,a\n0,yes,0.2,b\n1,1.5,1.2,\n");
        assertEquals("t.csv line 3, column 'p' (prediction): 'yes' is not a number",
                assertThrows(IllegalArgumentException.class, () -> t.labels("p", "prediction")).getMessage());
        AuditTable u = parse("y,p,s,g\n1,1,0.5,a\n1,1.5,1.2,\n");
        assertEquals("t.csv line 3, column 'p' (prediction): '1.5' is not a class label (a non-negative integer)",
                assertThrows(IllegalArgumentException.class, () -> u.labels("p", "prediction")).getMessage());
        assertEquals("t.csv line 3, column 's' (score): 1.2 is not a probability in [0, 1]",
                assertThrows(IllegalArgumentException.class, () -> u.probabilities("s", "score")).getMessage());
        assertEquals("t.csv line 3, column 'g' (group): missing value (use --na-as-group to make missing values a"
                + " group)", assertThrows(IllegalArgumentException.class, () -> u.categories("g", "group", false))
                .getMessage());
        assertArrayEquals(new String[] {"a", ""}, u.categories("g", "group", true));
        assertEquals("column 'race' not found in t.csv; its columns are y, p, s, g",
                assertThrows(IllegalArgumentException.class, () -> t.strings("race")).getMessage());
    }

    @Test
    void malformedFilesAreErrorsWithTheLine() {
        assertEquals("t.csv line 3: 2 fields, but the header has 3",
                assertThrows(IllegalArgumentException.class, () -> parse("a,b,c\n1,2,3\n1,2\n")).getMessage());
        assertEquals("t.csv line 2: a quoted field is not closed",
                assertThrows(IllegalArgumentException.class, () -> parse("a\n\"open\n")).getMessage());
        assertEquals("t.csv line 1: column 'a' appears twice",
                assertThrows(IllegalArgumentException.class, () -> parse("a,a\n1,2\n")).getMessage());
        assertEquals("t.csv is empty: expected a header row",
                assertThrows(IllegalArgumentException.class, () -> parse("")).getMessage());
    }
}
