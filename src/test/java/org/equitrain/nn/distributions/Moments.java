package org.equitrain.nn.distributions;

import org.equitrain.tensor.Tensor;

/** Sample mean and covariance of draws [n, d], for Monte-Carlo checks. */
final class Moments {
    private Moments() {
    }

    static double[] mean(Tensor x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[] m = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += x.getFlat(i * d + j) / n;
            }
        }
        return m;
    }

    /** The (biased, 1/n) sample covariance, d×d row-major. */
    static double[] covariance(Tensor x) {
        int n = x.dim(0);
        int d = x.dim(1);
        double[] m = mean(x);
        double[] c = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a * d + b] += (x.getFlat(i * d + a) - m[a]) * (x.getFlat(i * d + b) - m[b]) / n;
                }
            }
        }
        return c;
    }
}
