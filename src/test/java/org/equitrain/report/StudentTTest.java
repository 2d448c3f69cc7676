package org.equitrain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Student-t quantiles against published table values, and the across-seed summary built on them. */
class StudentTTest {

    @Test
    void quantilesMatchTables() {
        // t_{0.975, ν} from standard tables (R: qt(0.975, df)).
        assertEquals(12.706205, StudentT.quantile(0.975, 1), 1e-6);
        assertEquals(4.302653, StudentT.quantile(0.975, 2), 1e-6);
        assertEquals(3.182446, StudentT.quantile(0.975, 3), 1e-6);
        assertEquals(2.776445, StudentT.quantile(0.975, 4), 1e-6);
        assertEquals(2.228139, StudentT.quantile(0.975, 10), 1e-6);
        assertEquals(2.042272, StudentT.quantile(0.975, 30), 1e-6);
        assertEquals(1.983972, StudentT.quantile(0.975, 100), 1e-6);
        assertEquals(1.959964, StudentT.quantile(0.975, Double.POSITIVE_INFINITY), 1e-6);
        // Other levels and the lower tail.
        assertEquals(63.656741, StudentT.quantile(0.995, 1), 1e-5);
        assertEquals(3.364930, StudentT.quantile(0.99, 5), 1e-6);
        assertEquals(-1.812461, StudentT.quantile(0.05, 10), 1e-6);
        assertEquals(0.0, StudentT.quantile(0.5, 7), 0.0);
        // Non-integer degrees of freedom (Welch): between its integer neighbours.
        double t45 = StudentT.quantile(0.975, 4.5);
        assertEquals(true, t45 < StudentT.quantile(0.975, 4) && t45 > StudentT.quantile(0.975, 5));
    }

    @Test
    void quantileInvertsCdf() {
        for (double df : new double[] {1, 1.5, 3, 7, 25, 400, 9999}) {
            for (double p : new double[] {1e-9, 0.001, 0.2, 0.5, 0.8, 0.975, 0.999999}) {
                double t = StudentT.quantile(p, df);
                assertEquals(p, StudentT.cdf(t, df), 1e-12 * Math.max(1, p / (1 - p)), "df=" + df + " p=" + p);
            }
        }
        assertEquals(0.975, StudentT.cdf(1.959963984540054, Double.POSITIVE_INFINITY), 1e-14);
        assertEquals(0.5, StudentT.cdf(0, 3), 1e-15);
    }

    @Test
    void largeDfExpansionAgreesWithExactSolution() {
        double z = StudentT.normalQuantile(0.975);
        assertEquals(1.959963984540054, z, 1e-15);
        double exactBelow = StudentT.quantile(0.975, StudentT.EXPANSION_DF * 0.999);
        double expansion = StudentT.cornishFisher(z, StudentT.EXPANSION_DF * 0.999);
        assertEquals(exactBelow, expansion, 1e-12);
        assertEquals(2.042272456, StudentT.cornishFisher(z, 30), 1e-6);
    }

    @Test
    void logGammaMatchesFactorials() {
        assertEquals(Math.log(362880), StudentT.logGamma(10), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), StudentT.logGamma(0.5), 1e-14);
        assertEquals(0.0, StudentT.logGamma(1), 1e-14);
    }

    @Test
    void rejectsImpossibleArguments() {
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(Double.NaN, 3));
    }

    @Test
    void seedSummaryUsesStudentInterval() {
        double[] acc = {0.81, 0.83, 0.80, 0.84, 0.82};
        SeedSummary s = SeedSummary.of(acc);
        assertEquals(0.82, s.mean(), 1e-12);
        assertEquals(Math.sqrt(0.001 / 4), s.std(), 1e-12);
        double half = 2.776445105 * s.std() / Math.sqrt(5);
        assertEquals(0.82 - half, s.ciLow(), 1e-9);
        assertEquals(0.82 + half, s.ciHigh(), 1e-9);
        assertEquals(5, s.n());
    }

    @Test
    void seedSummaryDropsNaNAndNeedsTwoValuesForSpread() {
        SeedSummary s = SeedSummary.of(1.0, Double.NaN, 3.0);
        assertEquals(2.0, s.mean(), 1e-15);
        assertEquals(2, s.n());
        assertEquals(1, s.dropped());
        assertEquals(2.0 - 12.706204736 * Math.sqrt(2) / Math.sqrt(2), s.ciLow(), 1e-8);
        SeedSummary one = SeedSummary.of(0.5);
        assertEquals(0.5, one.mean(), 0.0);
        assertEquals(true, Double.isNaN(one.std()) && Double.isNaN(one.ciLow()));
        assertEquals(true, Double.isNaN(SeedSummary.of(Double.NaN).mean()));
    }
}
