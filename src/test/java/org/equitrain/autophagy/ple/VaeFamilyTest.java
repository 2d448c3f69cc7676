package org.equitrain.autophagy.ple;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.autodiff.Var;
import org.equitrain.autophagy.hypernet.HeadsConfig;
import org.equitrain.autophagy.hypernet.HypernetConfig;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** VaeFamily: ELBO against a hand computation, gradients, samples, and generation through chunked heads. */
class VaeFamilyTest {
    private static final VaeFamily VAE = new VaeFamily(4, 3, 2, 0);

    private static Params withValues(Params p, List<Var> v) {
        return p.withValues(v);
    }

    @Test
    void elboAtZeroWeightsIsBceOfHalfPlusZeroKlAtUnitVariance() {
        Params theta = Params.init(VAE, DType.FLOAT64, 1);
        List<Var> zeros = new ArrayList<>();
        for (Tensor t : theta.tensors()) {
            zeros.add(Var.constant(Tensor.zeros(DType.FLOAT64, t.dims())));
        }
        Params zero = theta.withValues(zeros);
        Tensor x = Tensor.wrap(new double[] {0, 1, 0.5, 0.25, 1, 1, 0, 0}, 2, 4);
        double[] nll = VAE.negativeElbo(zero, Var.constant(x), new SplittableRandom(3)).value().toDoubleArray();
        // logits 0 → −log Bern = log 2 per pixel whatever x; σ² = softplus(0) + 1e-6, μ = 0
        double v = Math.log(2) + 1e-6;
        double kl = 0.5 * 2 * (v - 1 - Math.log(v));
        assertEquals(4 * Math.log(2) + kl, nll[0], 1e-9);
        assertEquals(nll[0], nll[1], 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Params theta = Params.init(VAE, DType.FLOAT64, 2);
        Tensor x = Tensor.wrap(new double[] {0.1, 0.9, 0.5, 0.3, 1, 0, 0.2, 0.7, 0.4, 0.6, 0.8, 0}, 3, 4);
        GradCheck.check(v -> VAE.negativeElbo(withValues(theta, v), Var.constant(x), new SplittableRandom(5)),
                theta.tensors().toArray(new Tensor[0]));
        GradCheck.check(v -> VAE.sample(withValues(theta, v), 3, new SplittableRandom(6)),
                theta.tensors().toArray(new Tensor[0]));
    }

    @Test
    void samplesAreBernoulliMeansAndChunkedHeadsGenerateEveryParameter() {
        Params theta = Params.init(VAE, DType.FLOAT64, 3);
        Tensor s = VAE.sample(theta, 5, new SplittableRandom(1)).value();
        assertArrayEquals(new int[] {5, 4}, s.dims());
        for (double v : s.toDoubleArray()) {
            assertTrue(v > 0 && v < 1);
        }
        HypernetEstimator est = HypernetEstimator.forFamily(VAE,
                HypernetConfig.of(4, 6).withHeads(HeadsConfig.chunked(8, 3)));
        Params generated = est.estimate(est.initialParams(DType.FLOAT64, 1), Var.constant(s)).constrained();
        assertEquals(theta.names(), generated.names());
        for (String name : theta.names()) {
            assertArrayEquals(theta.get(name).value().dims(), generated.get(name).value().dims(), name);
        }
        FreeParameters free = new FreeParameters(VAE);
        Params phi = free.initialParams(DType.FLOAT64, 3);
        assertArrayEquals(theta.get("out.bias").value().toDoubleArray(),
                free.estimate(phi, Var.constant(s)).constrained().get("out.bias").value().toDoubleArray());
    }
}
