package org.equitrain.data;

/**
 * A train / held-out / test partition of one dataset. The held-out part is the small clean set that FORML and L2RW
 * meta-learn weights on (forml.md §6); it may be empty.
 */
public record Split(Dataset train, Dataset heldOut, Dataset test) {
    /** This split with numeric features standardised by statistics of the training part only. */
    public Split standardized() {
        Standardizer s = Standardizer.fit(train);
        return new Split(s.apply(train), s.apply(heldOut), s.apply(test));
    }
}
