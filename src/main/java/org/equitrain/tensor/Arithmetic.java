package org.equitrain.tensor;

import java.util.function.DoubleBinaryOperator;

/**
 * The four arithmetic operations as {@link Elementwise#zip} functions. Unlike an arbitrary lambda, each carries its
 * own loops over a run of elements (see {@link BroadcastRuns}), so the arithmetic is inlined and vectorised rather
 * than called once per element. In float32 the operation is done in float, which rounds exactly as computing in
 * float64 and rounding once would (float64 carries more than 2·24 + 2 bits).
 */
public enum Arithmetic implements DoubleBinaryOperator {
    /** {@code x + y}. */
    ADD {
        @Override
        public double applyAsDouble(double x, double y) {
            return x + y;
        }

        @Override
        void run(double[] x, int xo, int sx, double[] y, int yo, int sy, double[] z, int zo, int n) {
            if (sx == 0) {
                double c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c + y[yo + i];
                }
            } else if (sy == 0) {
                double c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] + c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] + y[yo + i];
                }
            }
        }

        @Override
        void run(float[] x, int xo, int sx, float[] y, int yo, int sy, float[] z, int zo, int n) {
            if (sx == 0) {
                float c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c + y[yo + i];
                }
            } else if (sy == 0) {
                float c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] + c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] + y[yo + i];
                }
            }
        }
    },
    /** {@code x - y}. */
    SUB {
        @Override
        public double applyAsDouble(double x, double y) {
            return x - y;
        }

        @Override
        void run(double[] x, int xo, int sx, double[] y, int yo, int sy, double[] z, int zo, int n) {
            if (sx == 0) {
                double c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c - y[yo + i];
                }
            } else if (sy == 0) {
                double c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] - c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] - y[yo + i];
                }
            }
        }

        @Override
        void run(float[] x, int xo, int sx, float[] y, int yo, int sy, float[] z, int zo, int n) {
            if (sx == 0) {
                float c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c - y[yo + i];
                }
            } else if (sy == 0) {
                float c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] - c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] - y[yo + i];
                }
            }
        }
    },
    /** {@code x * y}. */
    MUL {
        @Override
        public double applyAsDouble(double x, double y) {
            return x * y;
        }

        @Override
        void run(double[] x, int xo, int sx, double[] y, int yo, int sy, double[] z, int zo, int n) {
            if (sx == 0) {
                double c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c * y[yo + i];
                }
            } else if (sy == 0) {
                double c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] * c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] * y[yo + i];
                }
            }
        }

        @Override
        void run(float[] x, int xo, int sx, float[] y, int yo, int sy, float[] z, int zo, int n) {
            if (sx == 0) {
                float c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c * y[yo + i];
                }
            } else if (sy == 0) {
                float c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] * c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] * y[yo + i];
                }
            }
        }
    },
    /** {@code x / y}, IEEE semantics (division by zero gives an infinity or NaN, never throws). */
    DIV {
        @Override
        public double applyAsDouble(double x, double y) {
            return x / y;
        }

        @Override
        void run(double[] x, int xo, int sx, double[] y, int yo, int sy, double[] z, int zo, int n) {
            if (sx == 0) {
                double c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c / y[yo + i];
                }
            } else if (sy == 0) {
                double c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] / c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] / y[yo + i];
                }
            }
        }

        @Override
        void run(float[] x, int xo, int sx, float[] y, int yo, int sy, float[] z, int zo, int n) {
            if (sx == 0) {
                float c = x[xo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = c / y[yo + i];
                }
            } else if (sy == 0) {
                float c = y[yo];
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] / c;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    z[zo + i] = x[xo + i] / y[yo + i];
                }
            }
        }
    };

    /**
     * {@code z[zo + i] = x[xo + i·sx] ∘ y[yo + i·sy]} for {@code i < n}, where each stride is 0 (the operand is
     * broadcast along the run) or 1.
     */
    abstract void run(double[] x, int xo, int sx, double[] y, int yo, int sy, double[] z, int zo, int n);

    /** The float32 form of {@link #run(double[], int, int, double[], int, int, double[], int, int)}. */
    abstract void run(float[] x, int xo, int sx, float[] y, int yo, int sy, float[] z, int zo, int n);
}
