package org.equitrain.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded random permutations and samples without replacement (Fisher–Yates), shared by every layer. */
public final class Permutations {
    private Permutations() {
    }

    /** Shuffles {@code a} in place (Fisher–Yates from the end). */
    public static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, rng.nextInt(i + 1));
        }
    }

    /** A random permutation of 0..n−1. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] a = identity(n);
        shuffle(a, rng);
        return a;
    }

    /** {@code k} distinct indices from 0..n−1 in random order (a partial Fisher–Yates shuffle from the front). */
    public static int[] sample(int n, int k, SplittableRandom rng) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot sample " + k + " of " + n + " indices");
        }
        int[] a = identity(n);
        shuffleFront(a, k, rng);
        return Arrays.copyOf(a, k);
    }

    /**
     * Moves a uniformly random ordered sample of {@code k} of {@code a}'s elements to {@code a[0..k)} (a partial
     * Fisher–Yates shuffle from the front); the rest of {@code a} keeps the other elements.
     */
    public static void shuffleFront(int[] a, int k, SplittableRandom rng) {
        for (int i = 0; i < k; i++) {
            swap(a, i, i + rng.nextInt(a.length - i));
        }
    }

    /** 0..n−1 in order. */
    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
