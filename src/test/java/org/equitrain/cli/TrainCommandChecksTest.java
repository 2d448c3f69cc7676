package org.equitrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code equitrain train} rejects wrong option values before any work and wrong label or group columns before
 * training, each with one line that names the option (and column) and what was expected.
 */
class TrainCommandChecksTest {
    @TempDir
    Path dir;

    /** train on {@code data} with label y, {@code group} and one epoch. */
    private AuditCommandTest.Run train(Path data, String group, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--label", "y", "--group",
                group, "--epochs", "1", "--out", dir.resolve("out").toString()));
        args.addAll(List.of(more));
        return AuditCommandTest.run(args.toArray(String[]::new));
    }

    private static void assertError(AuditCommandTest.Run r, String message) {
        assertEquals(1, r.code(), r.err());
        assertEquals("error: " + message, r.err().strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--epochs|0|--epochs must be 1 or more, got 0",
        "--epochs|-1|--epochs must be 1 or more, got -1",
        "--batch-size|0|--batch-size must be 1 or more, got 0",
        "--heldout-batch|0|--heldout-batch must be 1 or more, got 0",
        "--model|mlp:0|--model mlp:0: every hidden width must be 1 or more, got 0",
        "--model|mlp:-1,3|--model mlp:-1,3: every hidden width must be 1 or more, got -1",
        "--model|mlp:8,x|--model mlp:8,x: hidden width 'x' is not an integer",
        "--test-frac|0|--test-frac must lie strictly between 0 and 1, got 0.0",
        "--test-frac|1|--test-frac must lie strictly between 0 and 1, got 1.0",
        "--test-frac|0.95|--test-frac 0.95 and --heldout-frac 0.1 leave no rows for training: their sum must be "
            + "below 1",
        "--heldout-frac|0|--heldout-frac must lie strictly between 0 and 1, got 0.0",
        "--weight-lr|-1|--weight-lr must be a finite number of 0 or more, got -1.0",
        "--anchor|-0.5|--anchor must be a finite number of 0 or more, got -0.5",
        "--weight-init|-1|--weight-init must be a finite number of 0 or more, got -1.0",
        "--lr|0|--lr must be a finite number above 0, got 0.0",
        "--lr|NaN|--lr must be a finite number above 0, got NaN",
        "--warmup-epochs|-1|--warmup-epochs must be 0 or more, got -1",
        "--objective|fairest|--objective: 'fairest' is not one of eo-loss-gap, worst-group, dp-score-gap, "
            + "eo-score-gap, loss-gap, mean-loss",
        "--condense|0|--condense must lie strictly between 0 and 1, got 0.0",
        "--condense|1|--condense must lie strictly between 0 and 1, got 1.0",
        "--condense|NaN|--condense must lie strictly between 0 and 1, got NaN",
    })
    void optionValuesAreCheckedBeforeAnyWork(String option, String value, String message) {
        // the data file does not even exist: the option is checked first
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", dir.resolve("absent.csv").toString(),
                "--label", "y", "--group", "grp", "--out", dir.resolve("out").toString(), option, value);
        assertError(r, message);
        assertFalse(Files.exists(dir.resolve("out").resolve("model.ckpt")));
    }

    @Test
    void warmUpAsLongAsTrainingIsAnErrorForForml() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        assertError(train(csv, "grp", "--warmup-epochs", "1"), "--warmup-epochs 1 leaves no FORML epochs: with "
                + "--epochs 1 every epoch would be plain ERM; use fewer warm-up epochs than epochs");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "erm|--weight-lr|0.5|--weight-lr applies only to --method forml, not to --method erm",
        "l2rw|--objective|worst-group|--objective applies only to --method forml, not to --method l2rw",
        "erm|--condense|0.5|--condense applies only to --method forml, not to --method erm",
        "l2rw|--condense|0.5|--condense applies only to --method forml, not to --method l2rw",
        "reweighing|--heldout-batch|64|--heldout-batch applies only to --method l2rw or forml, not to --method "
            + "reweighing",
    })
    void optionsOfOtherMethodsAreErrorsNotIgnored(String method, String option, String value, String message) {
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", dir.resolve("absent.csv").toString(),
                "--label", "y", "--group", "grp", "--method", method, option, value);
        assertError(r, message);
    }

    @Test
    void aMostlyNumericColumnOfCategoriesNeedsCategorical() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "kids.csv", ",kids", i -> "," + (i % 4 == 0 ? "3+" : i % 3));
        AuditCommandTest.Run r = train(csv, "grp", "--method", "erm");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("expected a number in column 'kids', found '3+' (180 of its 240 values are "
                + "numbers)"), r.err());
        AuditCommandTest.Run ok = train(csv, "grp", "--method", "erm", "--categorical", "kids");
        assertEquals(0, ok.code(), ok.err());
        Path toy = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        assertError(train(toy, "grp", "--method", "erm", "--categorical", "kid"),
                "--categorical kid: toy.csv has no column 'kid'; its columns are x1, x2, x3, grp, y");
        assertError(AuditCommandTest.run("train", "--data", "hmda", "--label", "deny", "--group", "afam",
                "--categorical", "kid", "--out", dir.resolve("out").toString()), "--categorical applies only to a CSV file; dataset 'hmda' has its column "
                + "types already");
    }

    @Test
    void heldOutFractionZeroIsAllowedForMethodsThatDoNotReadIt() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        AuditCommandTest.Run r = train(csv, "grp", "--method", "erm", "--heldout-frac", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("0 held-out"), r.out());
    }

    @Test
    void anOutFolderThatIsAFileFailsBeforeTraining() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "y", "--group",
                "grp", "--out", file.toString());
        assertError(r, "--out " + file + ": exists and is not a folder");
    }

    @Test
    void aLabelWithOneClassIsAnErrorNamingTheColumn() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "one.csv", ",same", i -> ",u");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "same",
                "--group", "grp", "--out", dir.resolve("o").toString());
        assertError(r, "--label same: every row has the class 'u'; training needs rows of at least two classes");
    }

    @Test
    void aGroupColumnWithOneValueIsAnErrorNamingTheColumn() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "one.csv", ",same", i -> ",u");
        assertError(train(csv, "same"), "--group same: every row has the value 'u'; a fairness comparison"
                + " needs at least two groups");
    }

    @Test
    void aFeatureColumnOfMissingValuesIsAnErrorNamingItNotAnEmptyLabel() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "empty-z.csv", ",z", i -> ",");
        assertError(train(csv, "grp"), "column 'z' of empty-z.csv has no values (every cell is missing); --exclude z"
                + " trains without it");
        AuditCommandTest.Run excluded = train(csv, "grp", "--exclude", "z");
        assertEquals(0, excluded.code(), excluded.err());
    }

    @Test
    void continuousLabelOrGroupColumnsAreErrors() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        AuditCommandTest.Run label = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "x1",
                "--group", "grp", "--out", dir.resolve("o").toString());
        assertEquals(1, label.code());
        assertTrue(label.err().startsWith("error: --label x1: column 'x1' holds non-integer numbers such as "),
                label.err());
        assertTrue(label.err().strip().endsWith(", not class labels"), label.err());
        AuditCommandTest.Run group = train(csv, "x1");
        assertTrue(group.err().startsWith("error: --group x1: column 'x1' holds non-integer numbers such as "),
                group.err());
        assertError(train(csv, "y"), "--group y is also the --label column: the protected attribute "
                + "must be another column");
        assertError(train(csv, "grp,grp"), "--group grp,grp names a column twice");
    }

    @Test
    void unknownColumnsAndClassesNameTheOptionAndTheChoices() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        String columns = "its columns are x1, x2, x3, grp, y";
        assertError(train(csv, "race"), "--group race: toy.csv has no column 'race'; " + columns);
        assertError(train(csv, "grp", "--exclude", "x2,id"), "--exclude id: toy.csv has no column 'id'; "
                + columns);
        assertError(train(csv, "grp", "--favourable", "maybe"), "--favourable maybe: the label column 'y' of "
                + "'toy.csv' has no class 'maybe'; its classes are 0, 1");
    }

    @Test
    void aHeldOutPartWithoutTheFavourableClassOfAGroupNamesTheObjective() throws IOException {
        // group C has 60 rows but only two with y = 1: its held-out rows all have y = 0
        Path csv = TrainCommandTest.toyCsv(dir, "rare.csv", ",site", i -> i < 60 ? ",C" : i % 2 == 0 ? ",A" : ",B");
        String text = Files.readString(csv);
        StringBuilder b = new StringBuilder();
        int ones = 0;
        for (String line : text.split("\n")) {
            if (line.endsWith(",C") && line.contains(",1,C") && ++ones > 2) {
                line = line.replace(",1,C", ",0,C");
            }
            b.append(line).append('\n');
        }
        Files.writeString(csv, b.toString());
        assertError(train(csv, "site"), "--group site: the held-out part has no rows of group 'C' with the class "
                + "'1', which --objective eo-loss-gap needs; use a larger --heldout-frac or another --objective");
    }

    @Test
    void aGroupTooSmallForTheHeldOutPartNamesTheGroupAndTheOption() throws IOException {
        // group C has two rows: too few for three parts
        Path csv = TrainCommandTest.toyCsv(dir, "small.csv", ",site", i -> i < 2 ? ",C" : i % 2 == 0 ? ",A" : ",B");
        AuditCommandTest.Run r = train(csv, "site");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: --group site: group 'C' (2 rows) has no rows in the "), r.err());
        assertTrue(r.err().strip().endsWith(", or merge small groups"), r.err());
    }

    @Test
    void anUnknownFavourableClassOfARegisteredDatasetIsAnError() throws IOException {
        RegisteredData.require("hmda");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", "hmda", "--label", "deny", "--group",
                "afam", "--favourable", "maybe", "--out", dir.resolve("o").toString());
        assertError(r, "--favourable maybe: the label column 'deny' of dataset 'hmda' has no class 'maybe'; its "
                + "classes are no, yes");
    }

    @Test
    void aDivergingLearningRateIsAnErrorNamingTheStepAndTheOption() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        AuditCommandTest.Run r = train(csv, "grp", "--method", "erm", "--model", "mlp:8", "--lr", "1e300");
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("error: training diverged at step \\d+ \\(epoch 1\\): .*; try a "
                + "smaller --lr than 1\\.0E300"), r.err());
        assertFalse(Files.exists(dir.resolve("out/model.ckpt")), "no checkpoint of diverged weights");
    }

    @Test
    void anUndefinedEoGapSaysWhyOnScreenAndInResults() throws IOException {
        // group B (every fourth row) has no row of the favourable class 'p', so its true-positive rate is undefined
        Path csv = TrainCommandTest.toyCsv(dir, "nop.csv", ",lab", i -> i % 4 == 3 || i % 2 == 0 ? ",n" : ",p");
        AuditCommandTest.Run r = AuditCommandTest.run("train", "--data", csv.toString(), "--label", "lab", "--group",
                "grp", "--method", "erm", "--epochs", "1", "--out", dir.resolve("out").toString());
        assertEquals(0, r.code(), r.err());
        String why = "true_positive_rate is undefined: group 'B' has no positive labels";
        assertTrue(r.out().contains("across 'grp') undefined: " + why), r.out());
        String results = Files.readString(dir.resolve("out/results.json"));
        assertTrue(results.contains("\"eo_gap\" : null"), results);
        assertTrue(results.contains("\"eo_gap_undefined\" : \"" + why + "\""), results);
    }

    @Test
    void condensingToRowsOfOneClassSaysSo() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        AuditCommandTest.Run r = train(csv, "grp", "--condense", "0.001");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*equitrain train: note: --condense 0\\.001 keeps 1 of \\d+ training rows, all "
                + "of class '[01]': the retrained model learns no other class; use a larger --condense\\R.*"), r.err());
        AuditCommandTest.Run half = train(csv, "grp", "--condense", "0.5");
        assertFalse(half.err().contains("note: --condense"), half.err());
    }

    @Test
    void formlWeightsThatOverflowAreAnErrorNamingFormlsOptions() throws IOException {
        Path csv = TrainCommandTest.toyCsv(dir, "toy.csv", "", i -> "");
        // the look-ahead step θ − α Σ w_i g_i / n at α = 1e300 overflows, so do the meta-gradients and weights
        AuditCommandTest.Run r = train(csv, "grp", "--model", "mlp:8", "--lr", "1e300");
        assertEquals(1, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertTrue(lines[lines.length - 1].matches("error: training diverged at step 1 \\(epoch 1\\): forml's weight "
                + "of training row \\d+ is NaN; try a smaller --weight-lr, --weight-init or --lookahead-lr \\(default: "
                + "--lr 1\\.0E300\\)"), r.err());
    }
}
