package org.equitrain.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** A long training run must not retain anything per step: graphs, gradients and batches are all garbage. */
class TrainerMemoryTest {
    private static final int N = 64;
    private static final long STEPS = 10_000;

    record Batch(Tensor x, int[] y) {
    }

    @Test
    void tenThousandStepsDoNotGrowTheHeap() {
        Sequential model = Mlp.of(8, 16, 2);
        Params p = Params.init(model, DType.FLOAT64, 1);
        Tensor x = Tensor.randn(DType.FLOAT64, new SplittableRandom(2), N, 8);
        int[] y = new int[N];
        for (int i = 0; i < N; i++) {
            y[i] = x.get(i, 0) > 0 ? 1 : 0;
        }
        long[] used = new long[2];
        Trainer<Batch> t = Trainer.<Batch>builder(p, new Sgd(Sgd.Config.of(0.01).withMomentum(0.9)),
                (params, b, ctx) -> CrossEntropy.of(model.forward(params, Var.constant(b.x()), ctx), b.y()).mean(),
                idx -> {
                    Tensor xb = Tensor.zeros(DType.FLOAT64, idx.length, 8);
                    int[] yb = new int[idx.length];
                    for (int r = 0; r < idx.length; r++) {
                        for (int c = 0; c < 8; c++) {
                            xb.set(x.get(idx[r], c), r, c);
                        }
                        yb[r] = y[idx[r]];
                    }
                    return new Batch(xb, yb);
                }, N)
                .epochs((int) (STEPS * 4 / N)).batchSize(4).seed(3)
                .listener((step, epoch, loss) -> {
                    if (step == 1_000) {
                        used[0] = usedHeapAfterGc();
                    } else if (step == STEPS) {
                        used[1] = usedHeapAfterGc();
                    }
                })
                .build();
        assertEquals(STEPS, t.fit().step());
        long growth = used[1] - used[0];
        assertTrue(growth < 2L << 20, "heap grew by " + growth + " bytes between steps 1,000 and 10,000 ("
                + used[0] + " → " + used[1] + ")");
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
