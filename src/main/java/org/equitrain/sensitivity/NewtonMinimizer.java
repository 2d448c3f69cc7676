package org.equitrain.sensitivity;

/**
 * Damped Newton's method for the small convex models of the exact MPE checks: θ ← θ − t H⁻¹∇L with backtracking
 * (Armijo) far from the optimum and full steps once the Newton decrement ∇Lᵀ H⁻¹ ∇L is small, until the step is
 * at the level of rounding. Brute-force LOO needs the optimum to far better precision than the LOO effects it is
 * compared with, hence the tight default.
 */
final class NewtonMinimizer {
    /** Stop once max|step| ≤ STEP_TOLERANCE · (1 + max|θ|). */
    static final double STEP_TOLERANCE = 1e-12;
    private static final double FULL_STEP_DECREMENT = 1e-6;
    private static final int MAX_ITERATIONS = 200;

    private NewtonMinimizer() {
    }

    /**
     * The minimiser of {@code objective} from {@code start}.
     *
     * @param what names the model in the error raised when Newton's method does not converge
     */
    static double[] minimize(ConvexObjective objective, double[] start, String what) {
        int p = objective.dimension();
        double[] theta = start.clone();
        double[] gradient = new double[p];
        double[] trial = new double[p];
        double value = objective.value(theta);
        double lastStep = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] hessian = objective.gradientAndHessian(theta, gradient);
            double[] step = Cholesky.factor(hessian, p).solve(gradient);
            double decrement = 0;
            for (int k = 0; k < p; k++) {
                decrement += gradient[k] * step[k];
            }
            double t = 1;
            double trialValue;
            while (true) {
                for (int k = 0; k < p; k++) {
                    trial[k] = theta[k] - t * step[k];
                }
                trialValue = objective.value(trial);
                if (decrement < FULL_STEP_DECREMENT || trialValue <= value - 1e-4 * t * decrement || t < 1e-12) {
                    break;
                }
                t *= 0.5;
            }
            double stepSize = 0;
            double scale = 1;
            for (int k = 0; k < p; k++) {
                stepSize = Math.max(stepSize, Math.abs(t * step[k]));
                scale = Math.max(scale, 1 + Math.abs(trial[k]));
            }
            System.arraycopy(trial, 0, theta, 0, p);
            value = trialValue;
            // Converged, or stalled at the rounding floor (the step no longer shrinks but is already tiny).
            if (stepSize <= STEP_TOLERANCE * scale || (stepSize >= lastStep && stepSize <= 1e-9 * scale)) {
                return theta;
            }
            lastStep = stepSize;
        }
        throw new IllegalStateException(what + ": Newton's method did not converge in " + MAX_ITERATIONS
                + " iterations; the data may be separable with a tiny prior precision δ");
    }
}
