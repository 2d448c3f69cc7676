package org.equitrain.tensor;

/**
 * Walks a broadcast of two row-major operands to an output shape as a sequence of runs: stretches of
 * {@link #length} consecutive output elements along which each operand either advances by one element or stays on
 * one (stride 1 or 0). Adjacent axes that both operands traverse alike are merged first, so equal shapes make one
 * run, {@code [B, n]} with {@code [n]} makes B runs of n, and {@code [B, C, H, W]} with {@code [1, C, 1, 1]} or
 * {@code [C, 1, 1]} makes B·C runs of H·W against a constant. Kernels then loop over a run without index arithmetic.
 */
final class BroadcastRuns {
    private final int length;
    private final int strideA;
    private final int strideB;
    private final int runs;
    /** Merged outer axes, innermost last, with each operand's element stride along them (0 where broadcast). */
    private final int[] dims;
    private final int[] stepA;
    private final int[] stepB;
    private final int[] index;
    private int offsetA;
    private int offsetB;

    /** Runs over {@code out}, which must be the broadcast of {@code a} and {@code b}. */
    BroadcastRuns(Shape a, Shape b, Shape out) {
        int r = out.rank();
        int[] sa = Elementwise.broadcastStrides(a, out);
        int[] sb = Elementwise.broadcastStrides(b, out);
        // Merge axes from the innermost out: axis k joins the group above it when, for both operands, its stride is
        // the group's stride times the group's extent (always true for two broadcast axes: 0 = 0·extent).
        int[] gd = new int[r];
        int[] ga = new int[r];
        int[] gb = new int[r];
        int groups = 0;
        for (int k = r - 1; k >= 0; k--) {
            int d = out.dim(k);
            if (d == 1) {
                continue; // a size-1 axis moves nobody
            }
            if (groups > 0 && sa[k] == ga[groups - 1] * gd[groups - 1] && sb[k] == gb[groups - 1] * gd[groups - 1]) {
                gd[groups - 1] *= d;
            } else {
                gd[groups] = d;
                ga[groups] = sa[k];
                gb[groups] = sb[k];
                groups++;
            }
        }
        if (groups == 0) { // one element
            length = out.size();
            strideA = 1;
            strideB = 1;
            runs = 1;
            dims = new int[0];
        } else {
            // The innermost group's strides are 0 or 1: an operand's axes inside it are all size 1.
            length = gd[0];
            strideA = ga[0];
            strideB = gb[0];
            runs = length == 0 ? 0 : out.size() / length;
            dims = new int[groups - 1];
        }
        stepA = new int[dims.length];
        stepB = new int[dims.length];
        for (int q = 0; q < dims.length; q++) { // groups are innermost first; dims are innermost last
            int g = groups - 1 - q;
            dims[q] = gd[g];
            stepA[q] = ga[g];
            stepB[q] = gb[g];
        }
        index = new int[dims.length];
    }

    /** Elements in each run. */
    int length() {
        return length;
    }

    /** How far operand a advances per element within a run: 0 or 1. */
    int strideA() {
        return strideA;
    }

    int strideB() {
        return strideB;
    }

    /** Number of runs; run t covers output elements {@code [t·length, (t + 1)·length)}. */
    int runs() {
        return runs;
    }

    /** Where the current run starts in operand a. */
    int offsetA() {
        return offsetA;
    }

    int offsetB() {
        return offsetB;
    }

    /** Moves to the next run. */
    void advance() {
        for (int q = dims.length - 1; q >= 0; q--) {
            offsetA += stepA[q];
            offsetB += stepB[q];
            if (++index[q] < dims[q]) {
                return;
            }
            offsetA -= stepA[q] * index[q];
            offsetB -= stepB[q] * index[q];
            index[q] = 0;
        }
    }
}
