package org.equitrain.data;

import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.equitrain.tensor.Permutations;

/**
 * Class or group imbalance by subsampling: of the rows matching a predicate keep round(keep · count) rows chosen
 * uniformly at random with a seed; keep every other row. Rows keep their order.
 */
final class Subsampling {
    private Subsampling() {
    }

    static Dataset keepFraction(Dataset data, IntPredicate matches, double keep, long seed, String step) {
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("keep fraction " + keep + " is not in [0, 1]");
        }
        int[] matching = IntStream.range(0, data.size()).filter(matches).toArray();
        int kept = (int) Math.round(keep * matching.length);
        Permutations.shuffle(matching, new SplittableRandom(seed));
        boolean[] drop = new boolean[data.size()];
        for (int i = kept; i < matching.length; i++) {
            drop[matching[i]] = true;
        }
        int[] rows = IntStream.range(0, data.size()).filter(i -> !drop[i]).toArray();
        Dataset d = data.select(rows);
        return d.toBuilder().provenance(d.provenance().then(step + ": " + kept + " of " + matching.length)).build();
    }
}
