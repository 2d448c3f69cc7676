package org.equitrain.tensor;

/** Element type of a {@link Tensor}. Float64 is the reference precision (gradient checks); float32 is for speed. */
public enum DType {
    /** 64-bit IEEE double. */
    FLOAT64,
    /** 32-bit IEEE float. */
    FLOAT32;

    /** The common type of two operands: float64 wins, so mixing never silently loses precision. */
    public static DType promote(DType a, DType b) {
        return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
    }
}
