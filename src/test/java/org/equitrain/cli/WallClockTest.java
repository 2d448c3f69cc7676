package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wall clock in a report's provenance runs from the command's start, not from when the results are written. */
class WallClockTest {
    @TempDir
    Path dir;

    @Test
    void trainsReportShowsTheTimeTheWholeCommandTook() throws Exception {
        SplittableRandom rng = new SplittableRandom(2);
        StringBuilder b = new StringBuilder("x1,x2,grp,y\n");
        for (int i = 0; i < 2000; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%d%n", x1, x2, i % 3 == 0 ? "B" : "A",
                    x1 + x2 + 0.5 * rng.nextGaussian() > 0 ? 1 : 0));
        }
        Path csv = Files.writeString(dir.resolve("t.csv"), b.toString());
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "y", "--group",
                "grp", "--favourable", "1", "--method", "forml", "--model", "mlp:16", "--epochs", "6",
                "--batch-size", "16", "--out", out.toString());
        double elapsed = (System.nanoTime() - start) * 1e-9;
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("([0-9.]+) s wall clock").matcher(Files.readString(out.resolve("report.html")));
        assertTrue(m.find(), "report.html shows the wall clock");
        double wall = Double.parseDouble(m.group(1));
        assertTrue(wall >= 0.5 * elapsed - 0.05 && wall <= elapsed + 0.05, "wall clock " + wall + " s of a run of "
                + elapsed + " s");
    }
}
