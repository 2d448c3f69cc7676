package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** MPE spec §6.2: removal by subtracting natural parameters equals the posterior recomputed without the data. */
class BetaBernoulliTest {
    private static final BetaBernoulli PRIOR = new BetaBernoulli(2.0, 3.5);

    private static int[] bits(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return IntStream.range(0, n).map(i -> rng.nextDouble() < 0.3 ? 1 : 0).toArray();
    }

    private static int[] without(int[] ys, int... removed) {
        return IntStream.range(0, ys.length).filter(i -> IntStream.of(removed).noneMatch(r -> r == i))
                .map(i -> ys[i]).toArray();
    }

    @Test
    void removingOneExampleIsExact() {
        int[] ys = bits(40, 1);
        BetaBernoulli posterior = PRIOR.observe(ys);
        double looNll = 0;
        for (int i = 0; i < ys.length; i++) {
            BetaBernoulli recomputed = PRIOR.observe(without(ys, i));
            assertEquals(recomputed, posterior.withoutExamples(ys[i]));
            // Thm 1: λ − λ^{\i} = λ̃_i.
            double[] lambda = posterior.naturalParameters();
            double[] lambdaWithout = recomputed.naturalParameters();
            assertArrayEquals(BetaBernoulli.exampleNaturalParameters(ys[i]),
                    new double[] {lambda[0] - lambdaWithout[0], lambda[1] - lambdaWithout[1]}, 0);
            looNll += recomputed.negativeLogPredictive(ys[i]) / ys.length;
        }
        assertEquals(looNll, posterior.looNll(ys), 1e-15);
    }

    @Test
    void removingAGroupIsExact() {
        int[] ys = bits(25, 2);
        int[] group = {0, 4, 5, 11, 20};
        int[] groupOutcomes = IntStream.of(group).map(i -> ys[i]).toArray();
        assertEquals(PRIOR.observe(without(ys, group)), PRIOR.observe(ys).withoutExamples(groupOutcomes));
    }

    @Test
    void removingWhatWasNeverObservedFails() {
        BetaBernoulli posterior = PRIOR.observe(1);
        assertThrows(IllegalArgumentException.class, () -> posterior.withoutExamples(1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> posterior.observe(2));
        assertThrows(IllegalArgumentException.class, () -> new BetaBernoulli(0, 1));
    }
}
