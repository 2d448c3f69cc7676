package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every experiment {@code reproduce} knows, in the order {@code reproduce all} runs them. */
public final class ExperimentCatalog {
    private ExperimentCatalog() {
    }

    /** Every experiment, in run order (new instances each call). */
    public static List<Experiment> all() {
        List<Experiment> list = new ArrayList<>();
        list.add(new EngineMnistExperiment());
        list.add(new MpeRidgeExperiment());
        list.add(new MpeLogisticExperiment());
        list.add(new MpeNnExperiment());
        list.add(new PleBiasExperiment());
        list.add(new AutophagyGaussianExperiment());
        list.add(new AutophagyGmmMinorityExperiment());
        list.add(new PleVaeFairnessExperiment());
        list.add(new FairnessTabularExperiment());
        list.add(new FairnessNoisyLabelsExperiment());
        list.add(new FairnessCondensationExperiment());
        list.add(new FairnessImageExperiment());
        list.add(new RdmlExperiment());
        return list;
    }

    /** The experiment named exactly {@code name}, if any. */
    public static Optional<Experiment> find(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * The experiment named {@code name}, or the group whose names start with {@code name + "-"} (so {@code mpe}
     * selects mpe-ridge, mpe-logistic and mpe-nn); empty when neither exists.
     */
    public static List<Experiment> select(String name) {
        Optional<Experiment> exact = find(name);
        if (exact.isPresent()) {
            return List.of(exact.get());
        }
        return all().stream().filter(e -> e.name().startsWith(name + "-")).toList();
    }
}
