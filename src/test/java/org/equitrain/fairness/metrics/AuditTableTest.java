package org.equitrain.fairness.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equitrain.data.readers.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit's CSV reading through CsvReader: typed roles, and errors naming the file, line and column. */
class AuditTableTest {
    @TempDir
    Path dir;

    private static final AuditTable.Columns COLUMNS = new AuditTable.Columns("y", "p", "s", null, List.of("g"));

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("t.csv"), text);
    }

    private String error(String text, AuditTable.Columns columns, boolean naAsGroup) throws IOException {
        Path file = csv(text);
        return assertThrows(DataFormatException.class, () -> AuditTable.read(file, columns, null, naAsGroup))
                .getMessage().replace(file.toString(), "t.csv");
    }

    @Test
    void readsQuotedGroupsMultilineRecordsAndAByteOrderMark() throws IOException {
        Path file = csv("\uFEFFy,\"p\",s,g\r\n1,0,0.25,\"Smith, J\"\r\n"
                + "0,1,1,\"say \"\"hi\"\"\nthere\"\n\n1,1,0,last\n");
        FrameInput in = AuditTable.read(file, COLUMNS, null, false);
        assertEquals(3, in.size());
        assertEquals(List.of("Smith, J", "last", "say \"hi\"\nthere"),
                in.groups().stream().map(Group::name).sorted().toList());
        assertEquals(1, in.favourable());
        assertArrayEquals(new double[] {0.25, 1, 0},
                new double[] {in.favourableScore(0), in.favourableScore(1), in.favourableScore(2)});
        assertArrayEquals(new int[] {1, 0, 1}, new int[] {in.yTrue(0), in.yTrue(1), in.yTrue(2)});
        assertArrayEquals(new int[] {0, 1, 1}, new int[] {in.yPred(0), in.yPred(1), in.yPred(2)});
    }

    @Test
    void badValuesNameTheFileLineColumnAndWhatWasExpected() throws IOException {
        // line 5: the multi-line record on lines 2-3 and the blank line 4 count
        String head = "y,p,s,g\n1,1,0.5,\"a\nb\"\n\n";
        assertEquals("t.csv:5:3: expected a number in column 's', found 'high'",
                error(head + "0,1,high,b\n", COLUMNS, false));
        assertEquals("t.csv:5:2: expected " + ClassLabels.EXPECTED + " in column 'p', found '1.5'",
                error(head + "0,1.5,0.2,b\n", COLUMNS, false));
        assertEquals("t.csv:5:1: expected " + ClassLabels.EXPECTED + " in column 'y', found '-1'",
                error(head + "-1,1,0.2,b\n", COLUMNS, false));
        assertEquals("t.csv:5:3: expected a probability in [0, 1] in column 's', found '1.2'",
                error(head + "0,1,1.2,b\n", COLUMNS, false));
        assertEquals("t.csv:5:1: expected " + ClassLabels.EXPECTED + " in column 'y', found a missing value"
                + " ('NA')", error(head + "NA,1,0.2,b\n", COLUMNS, false));
        assertEquals("t.csv:5:4: expected a group (use --na-as-group to make missing values a group) in column 'g',"
                + " found a missing value", error(head + "0,1,0.2,\n", COLUMNS, false));
        assertEquals("t.csv:2:3: expected a finite non-negative weight in column 'w', found 'Inf'",
                error("y,p,w,g\n1,1,Inf,a\n", new AuditTable.Columns("y", "p", null, "w", List.of("g")), false));
    }

    @Test
    void classNamesAreTheSortedValuesOfLabelsAndPredictionsTogether() throws IOException {
        // "fish" is only predicted: a class of its own; "1" among names is a name
        Path file = csv("y,p,g\ncat,cat,a\ndog,fish,a\nbird,cat,b\n1,dog,b\n");
        AuditTable.Columns columns = new AuditTable.Columns("y", "p", null, null, List.of("g"));
        FrameInput in = AuditTable.read(file, columns, null, false);
        assertEquals(List.of("1", "bird", "cat", "dog", "fish"), in.classNames());
        assertArrayEquals(new int[] {2, 3, 1, 0}, new int[] {in.yTrue(0), in.yTrue(1), in.yTrue(2), in.yTrue(3)});
        assertArrayEquals(new int[] {2, 4, 2, 3}, new int[] {in.yPred(0), in.yPred(1), in.yPred(2), in.yPred(3)});
        assertEquals("bird", in.className(in.favourable()), "default: the second class, as train chooses");
        assertEquals("dog", in.className(AuditTable.read(file, columns, "dog", false).favourable()));
        assertEquals("--favourable 'Dog' is not a class; the classes are 1, bird, cat, dog, fish",
                assertThrows(IllegalArgumentException.class, () -> AuditTable.read(file, columns, "Dog", false))
                        .getMessage());
    }

    @Test
    void predictionsWrittenOtherwiseThanTheLabelsAreAnErrorAtTheirLineAndColumn() throws IOException {
        AuditTable.Columns columns = new AuditTable.Columns("y", "p", null, null, List.of("g"));
        // labels are class indices: a name among the predictions is a mixed encoding
        assertEquals("t.csv:4:2: expected a class index like the labels in column 'y' (0, 1, ...), found 'yes' in"
                + " column 'p'", error("y,p,g\n1,1,a\n0,0,b\n1,yes,a\n0,no,b\n", columns, false));
        // labels are names (one of them "1"): predictions all class indices, one ("2") no label's name: mixed
        assertEquals("t.csv:3:2: expected a class name like the labels in column 'y' (1, bird, cat, dog, eel,"
                + " ...), found '2' in column 'p'", error("y,p,g\ncat,1,a\ndog,2,b\nbird,1,a\neel,1,a\nfox,1,a\n"
                + "gnu,1,b\n1,1,b\n", columns, false));
        assertEquals("t.csv:2:2: expected a class name like the labels in column 'y' (cat, dog), found '0' in"
                + " column 'p'", error("y,p,g\ncat,0,a\ndog,1,b\n", columns, false));
        // label names that are numbers are names: predictions among them are read as those names
        FrameInput in = AuditTable.read(csv("y,p,g\n1,1,a\n3+,2,b\n2,3+,a\n"), columns, null, false);
        assertEquals(List.of("1", "2", "3+"), in.classNames());
        assertArrayEquals(new int[] {0, 1, 2}, new int[] {in.yPred(0), in.yPred(1), in.yPred(2)});
        in = AuditTable.read(csv("y,p,g\n1,1,a\n3+,2,b\n2,2,a\n"), columns, null, false);
        assertArrayEquals(new int[] {0, 1, 1}, new int[] {in.yPred(0), in.yPred(1), in.yPred(2)});
    }

    @Test
    void numericLabelsAreClassIndicesAndTheFavourableOneOfThem() throws IOException {
        Path file = csv("y,p,s,g\n2.0,0,0.5,a\n0,1,0.2,b\n");
        FrameInput in = AuditTable.read(file, COLUMNS, "2", false);
        assertEquals(List.of("0", "1", "2"), in.classNames());
        assertEquals(2, in.yTrue(0));
        assertEquals(2, in.favourable());
        assertEquals(1, AuditTable.read(file, COLUMNS, null, false).favourable());
        for (String bad : List.of("cat", "3", "-1")) {
            assertEquals("--favourable '" + bad + "' is not a class: the labels are the class indices 0..2",
                    assertThrows(IllegalArgumentException.class, () -> AuditTable.read(file, COLUMNS, bad, false))
                            .getMessage());
        }
    }

    @Test
    void missingGroupValuesFormTheGroupNaOnRequest() throws IOException {
        FrameInput in = AuditTable.read(csv("y,p,s,g\n1,1,0.5,a\n0,0,0.2,\n"), COLUMNS, null, true);
        assertEquals(List.of(GroupIndex.NA_LEVEL, "a"), in.groups().stream().map(Group::name).sorted()
                .toList());
    }

    @Test
    void aMissingColumnNamesItTheFileAndTheColumnsThere() throws IOException {
        Path file = csv("y,p,s\n1,1,0.5\n");
        assertEquals("column 'g' not found in " + file + "; its columns are y, p, s",
                assertThrows(IllegalArgumentException.class, () -> AuditTable.read(file, COLUMNS, null, false))
                        .getMessage());
        assertEquals("data file '" + dir.resolve("none.csv") + "' does not exist",
                assertThrows(IllegalArgumentException.class,
                        () -> AuditTable.read(dir.resolve("none.csv"), COLUMNS, null, false)).getMessage());
        assertEquals("data file '" + dir + "' is a folder, not a CSV file",
                assertThrows(IllegalArgumentException.class, () -> AuditTable.read(dir, COLUMNS, null, false))
                        .getMessage());
    }
}
