package org.equitrain.fairness;

import java.util.List;

/** The four reweighting methods by name ("erm", "reweighing", "l2rw", "forml"), as the CLI and experiments use. */
public final class ReweightingMethods {
    /** The method names in the order reports list them. */
    public static final List<String> NAMES = List.of("erm", "reweighing", "l2rw", "forml");

    private ReweightingMethods() {
    }

    /**
     * A fresh rule for {@code method}; L2RW and FORML read {@code heldOut} (L2RW with FORML's held-out batch size
     * and seed, virtual step size {@code lr}).
     */
    public static ReweightingTrainer create(String method, GroupedData heldOut, FormlOptions forml, double lr) {
        return switch (method) {
            case "erm" -> new ErmTrainer();
            case "reweighing" -> new ReweighingTrainer();
            case "l2rw" -> new L2rwTrainer(heldOut, lr, forml.heldOutBatch(), forml.seed());
            case "forml" -> new FormlTrainer(heldOut, forml);
            default -> throw new IllegalArgumentException("unknown method '" + method + "'; choose one of " + NAMES);
        };
    }
}
