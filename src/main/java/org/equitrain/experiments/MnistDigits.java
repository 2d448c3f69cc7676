package org.equitrain.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equitrain.autophagy.ple.VaeLoop;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.Rows;
import org.equitrain.data.registry.DatasetRegistry;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Permutations;
import org.equitrain.tensor.Tensor;

/**
 * MNIST majority/minority digit sets for the PLE VAE experiments (spec §8 "VAE fairness": majority digit 3,
 * minority digit 6 at imbalance R_I = |3s|/|6s|), and the MNIST self-consuming VAE loop of {@code equitrain
 * autophagy --model vae}.
 */
public final class MnistDigits {
    static final int MAJORITY = 3;
    static final int MINORITY = 6;

    private MnistDigits() {
    }

    /** A ready {@link VaeLoop} on MNIST, with its judge. */
    public record Loop(VaeLoop loop, ClassifierJudge judge, int poolSize, int referenceSize) {
    }

    /**
     * The MNIST VAE loop: the pool holds every training 3 and |3s|/R_I training 6s (shuffled); the reference holds
     * {@code referenceSize} test images at the same imbalance; the judge is a {@link ClassifierJudge} trained on the
     * first {@code classifierRows} training images (all ten digits) for {@code classifierEpochs}.
     */
    public static Loop vaeLoop(int imbalance, int referenceSize, int classifierRows, int classifierEpochs,
            VaeLoop.Options options, long seed) throws java.io.IOException {
        if (imbalance < 1 || referenceSize < 2 * (imbalance + 1)) {
            throw new IllegalArgumentException("MNIST VAE loop: need imbalance R_I >= 1 and at least 2(R_I + 1) "
                    + "reference images, got R_I = " + imbalance + ", " + referenceSize);
        }
        DatasetRegistry registry = DatasetRegistry.standard();
        Dataset train = registry.load("mnist", "train", NaPolicy.DROP_ROWS);
        Dataset test = registry.load("mnist", "test", NaPolicy.DROP_ROWS);
        ClassifierJudge judge = ClassifierJudge.train(train, test, classifierRows, classifierEpochs, seed);
        int threes = 0;
        for (int y : train.labels()) {
            threes += y == MAJORITY ? 1 : 0;
        }
        Tensor pool = imbalanced(train, threes, threes / imbalance, seed + 1);
        int refMinority = referenceSize / (imbalance + 1);
        Labelled reference = imbalancedLabelled(test, referenceSize - refMinority, refMinority, seed + 2);
        VaeLoop loop = new VaeLoop(pool, reference.images(), reference.labels(), judge, MAJORITY, MINORITY, options);
        return new Loop(loop, judge, pool.dim(0), reference.images().dim(0));
    }

    /** The first {@code count} rows of {@code label} in {@code d}, as float64 [≤ count, pixels]. */
    static Tensor classRows(Dataset d, int label, int count) {
        int[] rows = new int[d.size()];
        int k = 0;
        for (int i = 0; i < d.size() && k < count; i++) {
            if (d.label(i) == label) {
                rows[k++] = i;
            }
        }
        return Rows.select(d.features(), Arrays.copyOf(rows, k)).to(DType.FLOAT64);
    }

    /** Images [n, pixels] and the digit each shows. */
    record Labelled(Tensor images, int[] labels) {
    }

    /** {@code majority} 3s and {@code minority} 6s from {@code d}, shuffled with {@code seed}. */
    static Tensor imbalanced(Dataset d, int majority, int minority, long seed) {
        return imbalancedLabelled(d, majority, minority, seed).images();
    }

    /** {@link #imbalanced} with the digit of every row. */
    static Labelled imbalancedLabelled(Dataset d, int majority, int minority, long seed) {
        Tensor three = classRows(d, MAJORITY, majority);
        Tensor six = classRows(d, MINORITY, minority);
        int n = three.dim(0) + six.dim(0);
        int p = three.dim(1);
        double[] all = new double[n * p];
        System.arraycopy(three.toDoubleArray(), 0, all, 0, three.dim(0) * p);
        System.arraycopy(six.toDoubleArray(), 0, all, three.dim(0) * p, six.dim(0) * p);
        int[] perm = Permutations.permutation(n, new SplittableRandom(seed));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = perm[i] < three.dim(0) ? MAJORITY : MINORITY;
        }
        return new Labelled(Rows.select(Tensor.wrap(all, n, p), perm), labels);
    }
}
