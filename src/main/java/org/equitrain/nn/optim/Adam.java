package org.equitrain.nn.optim;

import org.equitrain.tensor.Shape;

/**
 * Adam (Kingma &amp; Ba 2015, Alg. 1) and AdamW (Loshchilov &amp; Hutter 2019, Alg. 2) with PyTorch's semantics:
 * m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε). Adam's weight
 * decay adds λθ to g (L2); AdamW's is decoupled: θ ← θ(1 − ηλ) before the update.
 */
public final class Adam extends ElementwiseOptimizer {
    static final String EXP_AVG = "exp_avg";
    static final String EXP_AVG_SQ = "exp_avg_sq";

    /** Hyper-parameters; {@code decoupled} selects AdamW's weight decay. */
    public record Config(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        /**
         * Throws unless both betas are in [0, 1) and eps and weight decay are finite and ≥ 0; {@code lr} is checked
         * when the optimizer is built.
         */
        public Config {
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1) || !(eps >= 0) || !(weightDecay >= 0)
                    || Double.isInfinite(eps + weightDecay)) {
                throw new IllegalArgumentException("adam: betas must be in [0, 1), eps and weight decay finite and ≥ 0;"
                        + " got " + beta1 + ", " + beta2 + ", " + eps + ", " + weightDecay);
            }
        }

        /** Adam with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, no weight decay. */
        public static Config adam(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0, false);
        }

        /** AdamW with PyTorch's defaults: β = (0.9, 0.999), ε = 1e-8, decoupled weight decay 0.01. */
        public static Config adamW(double lr) {
            return new Config(lr, 0.9, 0.999, 1e-8, 0.01, true);
        }

        /** A copy with β₁ = {@code b1} and β₂ = {@code b2}. */
        public Config withBetas(double b1, double b2) {
            return new Config(lr, b1, b2, eps, weightDecay, decoupled);
        }

        /** A copy with ε = {@code e}. */
        public Config withEps(double e) {
            return new Config(lr, beta1, beta2, e, weightDecay, decoupled);
        }

        /** A copy with weight decay λ = {@code wd} (L2 or decoupled, as this config says). */
        public Config withWeightDecay(double wd) {
            return new Config(lr, beta1, beta2, eps, wd, decoupled);
        }
    }

    private final Config config;

    /** Adam, or AdamW when {@code config.decoupled()}. */
    public Adam(Config config) {
        super(config.decoupled() ? "adamw" : "adam", config.lr());
        this.config = config;
    }

    /** Adam with PyTorch's defaults. */
    public static Adam adam(double lr) {
        return new Adam(Config.adam(lr));
    }

    /** AdamW with PyTorch's defaults and weight decay {@code weightDecay}. */
    public static Adam adamW(double lr, double weightDecay) {
        return new Adam(Config.adamW(lr).withWeightDecay(weightDecay));
    }

    /** The hyper-parameters. */
    public Config config() {
        return config;
    }

    @Override
    void update(String name, double[] p, double[] g, int length, Shape shape, double lr, long t) {
        double[] m = doubleSlot(EXP_AVG, name, shape);
        double[] v = doubleSlot(EXP_AVG_SQ, name, shape);
        double b1 = config.beta1();
        double b2 = config.beta2();
        double l2 = config.decoupled() ? 0 : config.weightDecay();
        double shrink = config.decoupled() ? 1 - lr * config.weightDecay() : 1;
        double stepSize = lr / (1 - Math.pow(b1, t));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        double eps = config.eps();
        for (int i = 0; i < length; i++) {
            double gi = g[i] + l2 * p[i];
            m[i] = b1 * m[i] + (1 - b1) * gi;
            v[i] = b2 * v[i] + (1 - b2) * gi * gi;
            p[i] = p[i] * shrink - stepSize * m[i] / (Math.sqrt(v[i]) / correction2Sqrt + eps);
        }
    }

    @Override
    void update(String name, float[] p, float[] g, int length, Shape shape, double lr, long t) {
        float[] m = floatSlot(EXP_AVG, name, shape);
        float[] v = floatSlot(EXP_AVG_SQ, name, shape);
        float b1 = (float) config.beta1();
        float b2 = (float) config.beta2();
        float keep1 = (float) (1 - config.beta1());
        float keep2 = (float) (1 - config.beta2());
        float l2 = (float) (config.decoupled() ? 0 : config.weightDecay());
        float shrink = (float) (config.decoupled() ? 1 - lr * config.weightDecay() : 1);
        float stepSize = (float) (lr / (1 - Math.pow(config.beta1(), t)));
        float correction2Sqrt = (float) Math.sqrt(1 - Math.pow(config.beta2(), t));
        float eps = (float) config.eps();
        for (int i = 0; i < length; i++) {
            float gi = g[i] + l2 * p[i];
            m[i] = b1 * m[i] + keep1 * gi;
            v[i] = b2 * v[i] + keep2 * gi * gi;
            p[i] = p[i] * shrink - stepSize * m[i] / ((float) Math.sqrt(v[i]) / correction2Sqrt + eps);
        }
    }
}
