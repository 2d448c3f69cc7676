package org.equitrain.report;

/**
 * Student's t distribution: distribution function and quantiles for any degrees of freedom ν > 0, including
 * ν = ∞ (the standard normal). Used for confidence intervals over seeds ({@link SeedSummary}).
 */
public final class StudentT {
    /** Above this ν the Cornish–Fisher expansion is exact to double precision (its next term is O(ν⁻⁵)). */
    static final double EXPANSION_DF = 1e4;

    private StudentT() {
    }

    /** P(T ≤ t) for T ~ t(ν). */
    public static double cdf(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(df)) {
            return normalCdf(t);
        }
        double upper = upperTail(Math.abs(t), df);
        return t >= 0 ? 1 - upper : upper;
    }

    /** The p-quantile of t(ν): the t with P(T ≤ t) = p, for 0 &lt; p &lt; 1 and ν &gt; 0 (ν = ∞ allowed). */
    public static double quantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("t quantile needs 0 < p < 1, got p = " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        if (p == 0.5) {
            return 0;
        }
        if (df == 1) {
            return Math.tan(Math.PI * (p - 0.5)); // Cauchy
        }
        if (df == 2) {
            return (2 * p - 1) / Math.sqrt(2 * p * (1 - p)); // closed form for ν = 2
        }
        double z = normalQuantile(p);
        if (df >= EXPANSION_DF) {
            return cornishFisher(z, df);
        }
        return solveUpperTail(1 - p, df, Math.max(cornishFisher(z, df), z));
    }

    /**
     * Cornish–Fisher expansion of the t quantile in powers of 1/ν around the normal quantile z
     * (Abramowitz &amp; Stegun 26.7.5).
     */
    static double cornishFisher(double z, double df) {
        double z2 = z * z;
        double g1 = (z2 + 1) * z / 4;
        double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
        double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
        double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
        return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
    }

    /** Solves P(T &gt; t) = q for t &gt; 0 by Newton steps kept inside a bracket (bisection when a step leaves it). */
    private static double solveUpperTail(double q, double df, double start) {
        double lo = 0;
        double hi = Math.max(start, 1);
        while (upperTail(hi, df) > q) {
            lo = hi;
            hi *= 2;
        }
        double t = start < hi && start > lo ? start : 0.5 * (lo + hi);
        for (int i = 0; i < 200; i++) {
            double g = upperTail(t, df) - q;
            if (g > 0) {
                lo = t;
            } else {
                hi = t;
            }
            double next = t + g / density(t, df); // d/dt P(T > t) = −f(t)
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) <= 1e-15 * Math.abs(t) || hi - lo <= 1e-15 * hi) {
                return next;
            }
            t = next;
        }
        return t;
    }

    /** P(T &gt; t) for t ≥ 0: ½ I_x(ν/2, ½) with x = ν / (ν + t²). */
    private static double upperTail(double t, double df) {
        double t2 = t * t;
        double x = df / (df + t2);
        double oneMinusX = t2 / (df + t2);
        return 0.5 * regularizedBeta(x, oneMinusX, 0.5 * df, 0.5);
    }

    private static double density(double t, double df) {
        double logNorm = logGamma(0.5 * (df + 1)) - logGamma(0.5 * df) - 0.5 * Math.log(df * Math.PI);
        return Math.exp(logNorm - 0.5 * (df + 1) * Math.log1p(t * t / df));
    }

    /** Regularized incomplete beta I_x(a, b), given x and 1 − x separately to keep precision near x = 1. */
    static double regularizedBeta(double x, double oneMinusX, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (oneMinusX <= 0) {
            return 1;
        }
        double logFront = a * Math.log(x) + b * Math.log(oneMinusX) - logBeta(a, b);
        if (x < (a + 1) / (a + b + 2)) {
            return Math.exp(logFront) * betaContinuedFraction(x, a, b) / a;
        }
        return 1 - Math.exp(logFront) * betaContinuedFraction(oneMinusX, b, a) / b;
    }

    /** Continued fraction of the incomplete beta function, evaluated by the modified Lentz method. */
    private static double betaContinuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 100_000; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 / nonZero(1 + even * d, tiny);
            c = nonZero(1 + even / c, tiny);
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 / nonZero(1 + odd * d, tiny);
            c = nonZero(1 + odd / c, tiny);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    private static double nonZero(double v, double tiny) {
        return Math.abs(v) < tiny ? tiny : v;
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};

    /** log Γ(x) for x &gt; 0 (Lanczos approximation, g = 7, relative error about 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
        }
        double y = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** Standard normal quantile: Wichura, Algorithm AS 241 (PPND16), about 16 digits. */
    static double normalQuantile(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * poly(AS241_A, r) / poly(AS241_B, r);
        }
        double r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
        double v = r <= 5 ? poly(AS241_C, r - 1.6) / poly(AS241_D, r - 1.6) : poly(AS241_E, r - 5) / poly(AS241_F, r - 5);
        return q < 0 ? -v : v;
    }

    /** Standard normal P(Z ≤ x), from P(Z &gt; |x|) = ½ Q(½, x²/2). */
    private static double normalCdf(double x) {
        double tail = 0.5 * regularizedGammaQ(0.5, 0.5 * x * x);
        return x >= 0 ? 1 - tail : tail;
    }

    /** Upper regularized incomplete gamma Q(a, x), by series below a + 1 and continued fraction above. */
    private static double regularizedGammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double logFront = a * Math.log(x) - x - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 10_000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.exp(logFront);
        }
        final double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = 1 / nonZero(an * d + b, tiny);
            c = nonZero(b + an / c, tiny);
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logFront) * h;
    }

    private static double poly(double[] c, double x) {
        double v = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            v = v * x + c[i];
        }
        return v;
    }

    private static void checkDf(double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("t distribution needs degrees of freedom > 0, got " + df);
        }
    }

    private static final double[] AS241_A = {
        3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
        4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3};
    private static final double[] AS241_B = {
        1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3,
        2.1213794301586595867e+4, 3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3};
    private static final double[] AS241_C = {
        1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
        1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4};
    private static final double[] AS241_D = {
        1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1,
        1.48103976427480074590e-1, 1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9};
    private static final double[] AS241_E = {
        6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
        2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7};
    private static final double[] AS241_F = {
        1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2,
        7.86869131145613259100e-4, 1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15};
}
