package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every experiment {@code reproduce} knows, in the order {@code reproduce all} runs them. */
public final class ExperimentCatalog {
    private ExperimentCatalog() {
    }

    public static List<Experiment> all() {
        List<Experiment> list = new ArrayList<>();
        list.add(new EngineMnistExperiment());
        list.add(new RdmlExperiment());
        return list;
    }

    public static Optional<Experiment> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
