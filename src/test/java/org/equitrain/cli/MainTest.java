package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equitrain.io.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages common to every subcommand, and the option checks they share. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void noSubcommandIsAUsageError() {
        AuditCommandTest.Run r = AuditCommandTest.run();
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: equitrain"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aParseErrorIsOneLineAndAHintNotTheWholeUsage() {
        AuditCommandTest.Run r = AuditCommandTest.run("audit", "--data", "x.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: Missing required options"), r.err());
        assertTrue(r.err().strip().endsWith("Try 'equitrain audit --help' for more information."), r.err());
        assertFalse(r.err().contains("Usage:"), r.err());
    }

    @Test
    void everyDataSubcommandHasHelp() {
        for (String sub : new String[] {"list", "fetch", "describe"}) {
            AuditCommandTest.Run r = AuditCommandTest.run("data", sub, "--help");
            assertEquals(0, r.code(), sub + ": " + r.err());
            assertTrue(r.out().contains("Usage: equitrain data " + sub), r.out());
        }
    }

    @Test
    void rangeChecksNameTheOptionAndTheValue() {
        assertEquals(3, OptionChecks.atLeast("--epochs", 3, 1));
        assertEquals("--epochs must be 1 or more, got 0", assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.atLeast("--epochs", 0, 1)).getMessage());
        assertEquals("--lr must be a finite number above 0, got NaN", assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.positive("--lr", Double.NaN)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> OptionChecks.positive("--lr", Double.POSITIVE_INFINITY));
        assertEquals(0.0, OptionChecks.nonNegative("--wd", 0.0));
        assertThrows(IllegalArgumentException.class, () -> OptionChecks.nonNegative("--wd", -1e-9));
        assertEquals("--test-frac must lie strictly between 0 and 1, got 1.0", assertThrows(
                IllegalArgumentException.class, () -> OptionChecks.between("--test-frac", 1.0, 0, 1)).getMessage());
        assertEquals(1.0, OptionChecks.within("--share", 1.0, 0, 1));
        assertEquals("--level must lie in [0, 0.5], got 0.6", assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.within("--level", 0.6, 0, 0.5)).getMessage());
    }

    @Test
    void aBadOutputFolderFailsBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        assertEquals("--out " + file + ": exists and is not a folder", assertThrows(IllegalArgumentException.class,
                () -> OptionChecks.outputFolder(file)).getMessage());
        Path under = file.resolve("sub");
        assertEquals("--out " + under + ": cannot create the folder (" + file + " is a file)",
                assertThrows(IllegalArgumentException.class, () -> OptionChecks.outputFolder(under)).getMessage());
        Path fresh = dir.resolve("a/b");
        assertEquals(fresh, OptionChecks.outputFolder(fresh));
        assertTrue(Files.isDirectory(fresh));
    }

    @Test
    void anAtomicWriteOverAFolderNamesTheTargetNotTheTemporaryFile() throws IOException {
        Path target = Files.createDirectories(dir.resolve("metrics.json"));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "{}"));
        assertEquals("cannot write " + target + ": a folder of that name is in the way", e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left behind");
        }
    }
}
