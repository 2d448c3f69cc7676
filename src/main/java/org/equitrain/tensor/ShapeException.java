package org.equitrain.tensor;

/** A shape mismatch, naming the operation and the shapes involved. */
public final class ShapeException extends IllegalArgumentException {
    /** Builds the message {@code "op: message"}. */
    public ShapeException(String op, String message) {
        super(op + ": " + message);
    }
}
