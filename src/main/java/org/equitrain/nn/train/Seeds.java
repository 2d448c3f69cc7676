package org.equitrain.nn.train;

/**
 * Independent, reproducible seeds derived from one run seed and a path of integers (a stream id, an epoch, a step),
 * so that any point of a run can be recreated without storing generator state: {@code new SplittableRandom(
 * Seeds.derive(seed, stream, epoch))} is the same generator whenever it is built.
 */
public final class Seeds {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Seeds() {
    }

    /** A well-mixed seed for {@code path} under {@code seed} (SplitMix64 finalizer at each level). */
    public static long derive(long seed, long... path) {
        long h = mix64(seed);
        for (long p : path) {
            h = mix64(h ^ mix64(p + GOLDEN_GAMMA));
        }
        return h;
    }

    /** SplitMix64's finalizer (Steele, Lea &amp; Flood 2014), the mixing function of {@link java.util.SplittableRandom}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
