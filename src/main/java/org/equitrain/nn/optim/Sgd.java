package org.equitrain.nn.optim;

import org.equitrain.tensor.Shape;

/**
 * Stochastic gradient descent with PyTorch's {@code torch.optim.SGD} semantics: with d = g + λθ,
 * b ← d on the first step and b ← μb + (1 − τ)d afterwards, d ← d + μb (Nesterov) or d ← b, then θ ← θ − η·d.
 */
public final class Sgd extends ElementwiseOptimizer {
    static final String MOMENTUM_BUFFER = "momentum_buffer";

    /** Hyper-parameters; defaults as in PyTorch (momentum 0, dampening τ = 0, no Nesterov, weight decay λ = 0). */
    public record Config(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        /**
         * Throws unless momentum and weight decay are finite and ≥ 0, dampening is in [0, 1] and, for Nesterov,
         * momentum is positive and dampening 0; {@code lr} is checked when the optimizer is built.
         */
        public Config {
            if (!(momentum >= 0) || !(weightDecay >= 0) || !(dampening >= 0 && dampening <= 1) // NaN fails too
                    || Double.isInfinite(momentum + weightDecay)) {
                throw new IllegalArgumentException("sgd: momentum and weight decay must be finite and ≥ 0 and dampening"
                        + " in [0, 1]; got " + momentum + ", " + weightDecay + ", " + dampening);
            }
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("sgd: Nesterov momentum needs momentum > 0 and dampening 0");
            }
        }

        /** Plain SGD with learning rate {@code lr} and PyTorch's defaults. */
        public static Config of(double lr) {
            return new Config(lr, 0, 0, false, 0);
        }

        /** A copy with momentum μ = {@code m}. */
        public Config withMomentum(double m) {
            return new Config(lr, m, dampening, nesterov, weightDecay);
        }

        /** A copy with dampening τ = {@code d}. */
        public Config withDampening(double d) {
            return new Config(lr, momentum, d, nesterov, weightDecay);
        }

        /** A copy with Nesterov momentum on or off. */
        public Config withNesterov(boolean n) {
            return new Config(lr, momentum, dampening, n, weightDecay);
        }

        /** A copy with L2 weight decay λ = {@code wd}. */
        public Config withWeightDecay(double wd) {
            return new Config(lr, momentum, dampening, nesterov, wd);
        }
    }

    private final Config config;

    /** Plain SGD with learning rate {@code lr}. */
    public Sgd(double lr) {
        this(Config.of(lr));
    }

    /** SGD with the given hyper-parameters. */
    public Sgd(Config config) {
        super("sgd", config.lr());
        this.config = config;
    }

    /** The hyper-parameters. */
    public Config config() {
        return config;
    }

    /*
     * Both loops: on the first step the buffer is a new slot of zeros, so b ← 0·b + 1·d is b ← d exactly; the
     * branches test loop invariants, which the JIT hoists out of the loop before vectorising it.
     */
    @Override
    void update(String name, double[] p, double[] g, int length, Shape shape, double lr, long t) {
        double wd = config.weightDecay();
        double mu = config.momentum();
        boolean nesterov = config.nesterov();
        double[] buf = mu == 0 ? null : doubleSlot(MOMENTUM_BUFFER, name, shape);
        boolean first = mu != 0 && isNewThisStep(MOMENTUM_BUFFER, name);
        double keepBuffer = first ? 0 : mu;
        double keepGrad = first ? 1 : 1 - config.dampening();
        for (int i = 0; i < length; i++) {
            double d = g[i] + wd * p[i];
            if (buf != null) {
                double b = keepBuffer * buf[i] + keepGrad * d;
                buf[i] = b;
                d = nesterov ? d + mu * b : b;
            }
            p[i] -= lr * d;
        }
    }

    @Override
    void update(String name, float[] p, float[] g, int length, Shape shape, double lr, long t) {
        float wd = (float) config.weightDecay();
        float mu = (float) config.momentum();
        boolean nesterov = config.nesterov();
        float[] buf = mu == 0 ? null : floatSlot(MOMENTUM_BUFFER, name, shape);
        boolean first = mu != 0 && isNewThisStep(MOMENTUM_BUFFER, name);
        float keepBuffer = first ? 0 : mu;
        float keepGrad = first ? 1 : (float) (1 - config.dampening());
        float rate = (float) lr;
        for (int i = 0; i < length; i++) {
            float d = g[i] + wd * p[i];
            if (buf != null) {
                float b = keepBuffer * buf[i] + keepGrad * d;
                buf[i] = b;
                d = nesterov ? d + mu * b : b;
            }
            p[i] -= rate * d;
        }
    }
}
