package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.data.Rows;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * VaeLoop on tiny synthetic "images" of 16 pixels: class 0 (majority, 80%) lights the first 8 pixels, class 1
 * (minority) the last 8, each pixel Bernoulli(0.9) on and Bernoulli(0.1) off. The judge's features are the pixels;
 * its class is the brighter half (2 when neither half is clearly brighter).
 */
class VaeLoopTest {
    private static final int D = 16;

    private static Tensor images(int n, long seed) {
        return images(n, seed, true);
    }

    /** The true class of the {@link #images} of row i: minority (1) every fifth row. */
    private static int[] labels(int n) {
        return IntStream.range(0, n).map(i -> i % 5 == 0 ? 1 : 0).toArray();
    }

    /** n images, every fifth of the minority class if {@code withMinority}, else all of the majority. */
    private static Tensor images(int n, long seed, boolean withMinority) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n * D];
        for (int i = 0; i < n; i++) {
            boolean minority = withMinority && i % 5 == 0;
            for (int j = 0; j < D; j++) {
                boolean lit = (j < D / 2) != minority;
                x[i * D + j] = rng.nextDouble() < (lit ? 0.9 : 0.1) ? 1 : 0;
            }
        }
        return Tensor.wrap(x, n, D);
    }

    private static final VaeLoop.Judge JUDGE = new VaeLoop.Judge() {
        @Override
        public Tensor features(Tensor images) {
            return images;
        }

        @Override
        public int[] classes(Tensor images) {
            int n = images.dim(0);
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                double first = 0;
                for (int j = 0; j < D; j++) {
                    first += (j < D / 2 ? 1 : -1) * images.getFlat(i * D + j);
                }
                c[i] = first > 2 ? 0 : first < -2 ? 1 : 2;
            }
            return c;
        }
    };

    private static VaeLoop loop(VaeLoop.Options options) {
        return new VaeLoop(images(300, 1), images(200, 2), labels(200), JUDGE, 0, 1, options);
    }

    private static VaeLoop.Options small(VaeLoop.Fit fit, double lr) {
        return VaeLoop.Options.defaults().withModel(16, 2, 200).withTraining(20, 15, lr)
                .withFit(fit, PleOptions.defaults());
    }

    @Test
    void trainedGenerationsBeatAnUntrainedVaeAndDegradeWhenFullySynthetic() {
        VaeLoop.Plan plan = new VaeLoop.Plan(3, 100, 100, 0, 0, 2, 7);
        LoopResult trained = loop(small(VaeLoop.Fit.MLE, 3e-2)).run(plan, 2);
        LoopResult untrained = loop(small(VaeLoop.Fit.MLE, 1e-9)).run(plan, 2);
        assertEquals(VaeLoop.METRICS, trained.metricNames());
        for (String m : VaeLoop.METRICS) {
            for (int t = 1; t <= 3; t++) {
                for (double v : trained.values(m, t)) {
                    assertTrue(Double.isFinite(v), m + " at generation " + t + " = " + v);
                }
            }
        }
        // generation 1 is fit to real data: half the untrained Fréchet distance; later ones degrade (below) but stay
        // better than untrained
        assertTrue(trained.summary("frechet", 1).mean() < 0.5 * untrained.summary("frechet", 1).mean());
        for (int t = 1; t <= 3; t++) {
            assertTrue(trained.summary("frechet", t).mean() < untrained.summary("frechet", t).mean(),
                    "generation " + t);
            assertTrue(trained.summary("testNegElbo", t).mean() < untrained.summary("testNegElbo", t).mean());
        }
        // spec §7 (MAD): a fully synthetic loop loses quality and diversity over generations
        assertTrue(trained.summary("frechet", 3).mean() > trained.summary("frechet", 1).mean());
        assertTrue(trained.summary("featureSpread", 3).mean() < trained.summary("featureSpread", 1).mean());
        // the reference holds 20% minority; a trained generation 1 generates both classes
        assertEquals(0.2, loop(small(VaeLoop.Fit.MLE, 3e-2)).referenceMinorityShare(), 0.05);
        double share = trained.summary("minorityShare", 1).mean();
        assertTrue(share > 0.05 && share < 0.4, "minority share " + share);
    }

    @Test
    void resultsDoNotDependOnThreadsAndPleRunsWithFreshData() {
        VaeLoop.Plan plan = new VaeLoop.Plan(2, 60, 40, 20, 20, 2, 3);
        VaeLoop ple = loop(small(VaeLoop.Fit.PLE, 1e-2));
        AtomicInteger fitted = new AtomicInteger();
        LoopResult one = ple.run(plan, 1);
        LoopResult two = ple.run(plan, 2, fitted::incrementAndGet);
        assertEquals(2 * 2, fitted.get(), "one call per generation of every replicate");
        for (String m : VaeLoop.METRICS) {
            for (int t = 1; t <= 2; t++) {
                assertArrayEquals(one.values(m, t), two.values(m, t), m);
                for (double v : one.values(m, t)) {
                    assertTrue(Double.isFinite(v), m + " = " + v);
                }
            }
        }
        double spread = one.summary("featureSpread", 2).mean();
        assertTrue(spread > 0 && spread < 3, "feature spread " + spread);
    }

    @Test
    void perClassNegElboIsTheMeanNegElboOfThatClassReferenceImages() {
        VaeLoop loop = loop(small(VaeLoop.Fit.MLE, 3e-2));
        VaeFamily family = new VaeFamily(D, 16, 2, 5);
        Params theta = Params.init(family, DType.FLOAT64, 9);
        long elboSeed = 42;
        double[] m = loop.measure(family, theta, elboSeed, new SplittableRandom(1));
        Tensor reference = images(200, 2);
        int[] minority = IntStream.range(0, 200).filter(i -> i % 5 == 0).toArray();
        int[] majority = IntStream.range(0, 200).filter(i -> i % 5 != 0).toArray();
        double minorityDirect = Ops.mean(family.negativeElbo(theta, Var.constant(Rows.select(reference, minority)),
                new SplittableRandom(elboSeed))).item();
        double majorityDirect = Ops.mean(family.negativeElbo(theta, Var.constant(Rows.select(reference, majority)),
                new SplittableRandom(elboSeed))).item();
        double allDirect = Ops.mean(family.negativeElbo(theta, Var.constant(reference),
                new SplittableRandom(elboSeed))).item();
        assertEquals(minorityDirect, m[VaeLoop.METRICS.indexOf("minorityNegElbo")]);
        assertEquals(majorityDirect, m[VaeLoop.METRICS.indexOf("majorityNegElbo")]);
        assertEquals(allDirect, m[VaeLoop.METRICS.indexOf("testNegElbo")]);
        assertEquals(minorityDirect - majorityDirect, m[VaeLoop.METRICS.indexOf("negElboGap")]);
        assertArrayEquals(m, loop.measure(family, theta, elboSeed, new SplittableRandom(1)), "deterministic");
    }

    @Test
    void aLoopFedOnlyMajorityImagesFitsTheMinorityWorse() {
        // the pool holds no minority image, the reference 20%
        VaeLoop loop = new VaeLoop(images(300, 1, false), images(200, 2), labels(200), JUDGE, 0, 1,
                small(VaeLoop.Fit.MLE, 3e-2));
        LoopResult r = loop.run(new VaeLoop.Plan(2, 100, 100, 0, 0, 2, 11), 2);
        for (int t = 1; t <= 2; t++) {
            double[] min = r.values("minorityNegElbo", t);
            double[] maj = r.values("majorityNegElbo", t);
            double[] gap = r.values("negElboGap", t);
            for (int k = 0; k < gap.length; k++) {
                assertEquals(min[k] - maj[k], gap[k]);
                assertTrue(min[k] > 2 * maj[k], "generation " + t + ": minority " + min[k] + ", majority "
                        + maj[k]);
            }
        }
    }

    @Test
    void invalidPlansAndOptionsNameTheirValues() {
        IllegalArgumentException plan = assertThrows(IllegalArgumentException.class,
                () -> new VaeLoop.Plan(3, 10, 10, 11, 0, 2, 0));
        assertTrue(plan.getMessage().contains("n_f=11"), plan.getMessage());
        IllegalArgumentException opt = assertThrows(IllegalArgumentException.class,
                () -> VaeLoop.Options.defaults().withTraining(0, 5, 1e-3));
        assertTrue(opt.getMessage().contains("batch 0"), opt.getMessage());
        IllegalArgumentException pool = assertThrows(IllegalArgumentException.class,
                () -> loop(VaeLoop.Options.defaults()).run(new VaeLoop.Plan(2, 301, 10, 0, 0, 2, 0), 1));
        assertTrue(pool.getMessage().contains("holds 300"), pool.getMessage());
        IllegalArgumentException noMinority = assertThrows(IllegalArgumentException.class, () -> new VaeLoop(
                images(50, 1), images(20, 2), new int[20], JUDGE, 0, 1, VaeLoop.Options.defaults()));
        assertTrue(noMinority.getMessage().contains("no reference image is labelled 1 (the minority class)"),
                noMinority.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class, () -> new VaeLoop(
                images(50, 1), images(20, 2), labels(19), JUDGE, 0, 1, VaeLoop.Options.defaults()));
        assertTrue(count.getMessage().contains("19 reference labels for 20 reference images"), count.getMessage());
    }
}
