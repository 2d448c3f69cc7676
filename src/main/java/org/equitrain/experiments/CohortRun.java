package org.equitrain.experiments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.equitrain.data.Dataset;
import org.equitrain.data.StratifiedSample;
import org.equitrain.mutual.CohortTrainer;
import org.equitrain.mutual.MutualLoss;
import org.equitrain.nn.LeNet5;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.train.Seeds;
import org.equitrain.report.Progress;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;

/**
 * One RDML cohort trained in float32 on a dataset (renyi-dml.md §4, §7): peers built from model names, seeded so
 * that the initial parameters and the batch order depend on the seed only — the same for every α.
 */
public final class CohortRun {
    /** The peer models a {@link Setup} names, in lower case: "mlp", "lenet5". */
    public enum PeerModel {
        /** A one-hidden-layer MLP (256 units for 256 or more inputs, else 64). */
        MLP,
        /** LeNet-5 on 28×28 images. */
        LENET5
    }

    /** The optimizers a {@link Setup} names, in lower case: "sgd", "adam". */
    public enum PeerOptimizer {
        /** SGD with Nesterov momentum 0.9 and weight decay 5e-4. */
        SGD,
        /** Adam at the run's learning rate. */
        ADAM
    }

    /**
     * How the cohort is trained. {@code models} are cycled over the {@code peers} (one name: all peers alike);
     * {@code optimizer} is "sgd" (Nesterov 0.9, weight decay 5e-4, renyi-dml.md §5) or "adam". The learning rate
     * drops ×0.2 at half and three quarters of the epochs (the authors' MultiStepLR, scaled to the run).
     */
    public record Setup(List<String> models, int peers, int epochs, int batchSize, double lr, String optimizer,
            CohortTrainer.Update update) {
        /** Checks at least one model and one peer, and known model and optimizer names. */
        public Setup {
            if (models.isEmpty() || peers < 1) {
                throw new IllegalArgumentException("a cohort needs at least one model and one peer; got " + models
                        + " and " + peers + " peers");
            }
            for (String m : models) {
                if (!names(PeerModel.values()).contains(m)) {
                    throw new IllegalArgumentException("unknown model '" + m + "': use mlp or lenet5");
                }
            }
            if (!names(PeerOptimizer.values()).contains(optimizer)) {
                throw new IllegalArgumentException("unknown optimizer '" + optimizer + "': use sgd or adam");
            }
        }

        private static List<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toList();
        }

        /** The model of peer {@code i}. */
        public String model(int i) {
            return models.get(i % models.size());
        }

        /** The models joined with "+", for keys and labels ("mlp", "mlp+lenet5"). */
        public String modelLabel() {
            return String.join("+", models);
        }

        Optimizer newOptimizer() {
            return optimizer.equals("sgd") ? CohortTrainer.defaultSgd(lr) : Adam.adam(lr);
        }

        LrSchedule schedule() {
            return LrSchedule.multiStep(lr, new int[] {Math.max(1, epochs / 2), Math.max(1, 3 * epochs / 4)}, 0.2);
        }
    }

    /** A finished cohort: the trainer (for predictions) and its history. */
    public record Outcome(CohortTrainer trainer, CohortTrainer.History history) {
    }

    private CohortRun() {
    }

    /** The network called {@code name} for {@code inputs} features and {@code classes} classes. */
    public static Module model(String name, int inputs, int classes) {
        return switch (name) {
            case "mlp" -> Mlp.of(inputs, inputs >= 256 ? 256 : 64, classes);
            case "lenet5" -> {
                if (inputs != 784) {
                    throw new IllegalArgumentException("lenet5 needs 28×28 images (784 features), got " + inputs);
                }
                yield new LeNet5(classes);
            }
            default -> throw new IllegalArgumentException("unknown model '" + name + "': use mlp or lenet5");
        };
    }

    /** Trains a cohort with Rényi order {@code alpha} from {@code seed}, evaluating every peer each epoch. */
    public static Outcome run(Setup setup, double alpha, Dataset train, Dataset test, long seed, String label) {
        Tensor x = train.features().to(DType.FLOAT32);
        Tensor xTest = test.features().to(DType.FLOAT32);
        int classes = Math.max(train.classCount(), 2);
        List<CohortTrainer.Peer> peers = new ArrayList<>();
        for (int i = 0; i < setup.peers(); i++) {
            Module m = model(setup.model(i), train.featureCount(), classes);
            // Initial parameters depend on (seed, peer) only: the same starting cohort for every α (§7).
            peers.add(new CohortTrainer.Peer(m, Params.init(m, DType.FLOAT32, Seeds.derive(seed, 1, i)),
                    setup.newOptimizer()));
        }
        long steps = (long) setup.epochs() * ((train.size() + setup.batchSize() - 1) / setup.batchSize());
        try (Progress progress = Progress.start(label, steps)) {
            CohortTrainer trainer = CohortTrainer.builder(peers, MutualLoss.of(alpha)).update(setup.update())
                    .batchSize(setup.batchSize()).epochs(setup.epochs()).seed(Seeds.derive(seed, 2))
                    .schedule(setup.schedule()).listener((s, e, l) -> progress.advance()).build();
            CohortTrainer.History h = trainer.fit(x, train.labels(), xTest, test.labels());
            return new Outcome(trainer, h);
        }
    }

    /** A stratified random subset of exactly {@code n} rows (all rows when n ≥ size). */
    public static Dataset subset(Dataset data, int n, long seed) {
        return n >= data.size() ? data : StratifiedSample.of(data, n, seed);
    }
}
