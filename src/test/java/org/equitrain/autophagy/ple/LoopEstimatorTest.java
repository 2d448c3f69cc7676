package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equitrain.autophagy.GaussianEstimator;
import org.equitrain.autophagy.GaussianModel;
import org.equitrain.autophagy.GenerativeModel;
import org.equitrain.autophagy.LoopResult;
import org.equitrain.autophagy.SelfConsumingLoop;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.junit.jupiter.api.Test;

/** LoopEstimator: a learned estimator, frozen, as the estimator of a self-consuming loop. */
class LoopEstimatorTest {

    @Test
    void structuredEstimatorAtTheAcFixedPointReproducesTheUnbiasedLoop() {
        int n = 10;
        ScaledVarianceEstimator structured = new ScaledVarianceEstimator(1.0 / (n - 1));
        LoopEstimator learned = new LoopEstimator("c = 1/(n-1)", structured,
                structured.initialParams(DType.FLOAT64, 0), ModelReader.diagonalGaussian());
        GaussianModel truth = GaussianModel.univariate(0.5, 2);
        double[] data = truth.sample(n, new SplittableRandom(3));
        GenerativeModel a = learned.fit(data, 1, new SplittableRandom(0));
        GaussianModel b = GaussianEstimator.unbiased().fit(data, 1, new SplittableRandom(0));
        assertEquals(b.covariance()[0], a.covariance()[0], 1e-12);
        assertEquals(b.mean()[0], a.mean()[0], 1e-12);

        LoopResult viaLearned = SelfConsumingLoop.fullySynthetic(truth, learned, n).withGenerations(8)
                .withReplicates(40).withSeed(7).run();
        LoopResult closedForm = SelfConsumingLoop.fullySynthetic(truth, GaussianEstimator.unbiased(), n)
                .withGenerations(8).withReplicates(40).withSeed(7).run();
        for (int t = 1; t <= 8; t++) {
            assertArrayEquals(closedForm.values("varianceRatio", t), viaLearned.values("varianceRatio", t), 1e-9,
                    "generation " + t);
        }
    }

    @Test
    void hypernetworkEstimatesAreDeterministicAndLeaveTheDataAlone() {
        GaussianFamily family = new GaussianFamily(2);
        HypernetEstimator est = HypernetEstimator.forFamily(family, HypernetConfig.of(2, 8));
        Params phi = est.initialParams(DType.FLOAT64, 4);
        LoopEstimator loopEst = new LoopEstimator("hyper", est, phi, ModelReader.diagonalGaussian());
        double[] data = new GaussianModel(new double[] {0, 1}, new double[] {1, 0, 0, 3})
                .sample(6, new SplittableRandom(1));
        double[] copy = data.clone();
        GenerativeModel m1 = loopEst.fit(data, 2, new SplittableRandom(1));
        GenerativeModel m2 = loopEst.fit(data, 2, new SplittableRandom(2));
        assertArrayEquals(copy, data);
        assertArrayEquals(m1.covariance(), m2.covariance(), 0);
        assertEquals(0, m1.covariance()[1], "diagonal family gives a diagonal covariance");
        assertEquals("hyper", loopEst.toString());
        assertThrows(IllegalArgumentException.class, () -> loopEst.fit(new double[5], 2, new SplittableRandom(0)));
    }
}
