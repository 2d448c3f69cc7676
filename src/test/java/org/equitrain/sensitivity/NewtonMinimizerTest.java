package org.equitrain.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NewtonMinimizerTest {

    /** L(θ) = Σ_k exp(θ_k) − b_k θ_k, minimised at θ_k = log b_k; a full Newton step from far away overshoots. */
    private record ExpObjective(double[] b) implements ConvexObjective {
        @Override
        public int dimension() {
            return b.length;
        }

        @Override
        public double value(double[] theta) {
            double s = 0;
            for (int k = 0; k < b.length; k++) {
                s += Math.exp(theta[k]) - b[k] * theta[k];
            }
            return s;
        }

        @Override
        public double[] gradientAndHessian(double[] theta, double[] gradient) {
            double[] h = new double[b.length * b.length];
            for (int k = 0; k < b.length; k++) {
                gradient[k] = Math.exp(theta[k]) - b[k];
                h[k * b.length + k] = Math.exp(theta[k]);
            }
            return h;
        }
    }

    @Test
    void dampedNewtonReachesTheMinimiserToRoundingFromAFarStart() {
        double[] b = {0.5, 2, 40};
        double[] theta = NewtonMinimizer.minimize(new ExpObjective(b), new double[] {-8, 6, 0}, "test objective");
        for (int k = 0; k < b.length; k++) {
            assertEquals(Math.log(b[k]), theta[k], 1e-13);
        }
    }
}
