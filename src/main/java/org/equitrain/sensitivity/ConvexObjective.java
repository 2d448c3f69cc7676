package org.equitrain.sensitivity;

/** A smooth strictly convex objective L(θ) over R^P, minimised by {@link NewtonMinimizer}. */
interface ConvexObjective {

    int dimension();

    double value(double[] theta);

    /** Writes ∇L(θ) into {@code gradient} and returns ∇²L(θ) as a row-major symmetric positive-definite P×P matrix. */
    double[] gradientAndHessian(double[] theta, double[] gradient);
}
