package org.equitrain.sensitivity;

/**
 * The Beta–Bernoulli conjugate model, where MPE is exact (spec §2, Thm 1): the posterior's natural parameters
 * λ = (α − 1, β − 1) are the prior's plus one contribution λ̃_j = (y_j, 1 − y_j) per observation, so removing a set
 * M is the subtraction λ^{\M} = λ − Σ_{j∈M} λ̃_j, with no refit.
 *
 * @param alpha α &gt; 0
 * @param beta β &gt; 0
 */
public record BetaBernoulli(double alpha, double beta) {

    /** Checks that α and β are finite and positive. */
    public BetaBernoulli {
        if (!(alpha > 0) || !(beta > 0) || Double.isInfinite(alpha) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Beta(α, β) needs finite α, β > 0, got α = " + alpha + ", β = " + beta);
        }
    }

    /** The posterior after observing the binary outcomes {@code ys} (each 0 or 1). */
    public BetaBernoulli observe(int... ys) {
        double a = alpha;
        double b = beta;
        for (int y : ys) {
            a += checkOutcome(y);
            b += 1 - y;
        }
        return new BetaBernoulli(a, b);
    }

    /**
     * MPE Thm 1: the posterior without the observations {@code ys}: α^{\M} = α − Σ y_j, β^{\M} = β − Σ (1 − y_j).
     *
     * @throws IllegalArgumentException if more ones or zeros are removed than the parameters can hold
     */
    public BetaBernoulli withoutExamples(int... ys) {
        double a = alpha;
        double b = beta;
        for (int y : ys) {
            a -= checkOutcome(y);
            b -= 1 - y;
        }
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("Beta–Bernoulli: removing " + ys.length + " outcomes from Beta("
                    + alpha + ", " + beta + ") leaves Beta(" + a + ", " + b + "); they were never all observed");
        }
        return new BetaBernoulli(a, b);
    }

    /** λ = (α − 1, β − 1), the natural parameters for the sufficient statistics (log p, log(1 − p)). */
    public double[] naturalParameters() {
        return new double[] {alpha - 1, beta - 1};
    }

    /** λ̃_j = (y_j, 1 − y_j): one observation's contribution to the natural parameters. */
    public static double[] exampleNaturalParameters(int y) {
        return new double[] {checkOutcome(y), 1 - y};
    }

    /** The posterior predictive p(y = 1) = α / (α + β). */
    public double probabilityOfOne() {
        return alpha / (alpha + beta);
    }

    /** −log p(y | posterior), the predictive negative log-likelihood of one outcome. */
    public double negativeLogPredictive(int y) {
        return -Math.log(checkOutcome(y) == 1 ? probabilityOfOne() : 1 - probabilityOfOne());
    }

    /** The exact LOO NLL of the posterior given its data: mean_i −log p(y_i | posterior without y_i) (Eq. 15). */
    public double looNll(int[] ys) {
        double s = 0;
        for (int y : ys) {
            s += withoutExamples(y).negativeLogPredictive(y);
        }
        return s / ys.length;
    }

    private static int checkOutcome(int y) {
        if (y != 0 && y != 1) {
            throw new IllegalArgumentException("Beta–Bernoulli: outcome must be 0 or 1, got " + y);
        }
        return y;
    }
}
