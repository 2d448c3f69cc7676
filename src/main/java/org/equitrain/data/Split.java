package org.equitrain.data;

/**
 * A train / held-out / test partition of one dataset. The held-out part is the small clean set that FORML and L2RW
 * meta-learn weights on (forml.md §6); it may be empty.
 */
public record Split(Dataset train, Dataset heldOut, Dataset test) {
    /** This split with numeric features standardised by statistics of the training part only. */
    public Split standardized() {
        return standardizedBy(Standardizer.fit(train));
    }

    /** This split with features standardised by {@code s} (fitted on the training part). */
    public Split standardizedBy(Standardizer s) {
        return new Split(s.apply(train), s.apply(heldOut), s.apply(test));
    }
}
