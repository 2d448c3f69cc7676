package org.equitrain.mutual;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.data.ArgmaxPredictions;
import org.equitrain.data.Minibatches;
import org.equitrain.data.Rows;
import org.equitrain.nn.Context;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.losses.CrossEntropy;
import org.equitrain.nn.optim.GradientClipping;
import org.equitrain.nn.optim.LrSchedule;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.Sgd;
import org.equitrain.nn.train.Seeds;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.Tensor;
import org.equitrain.tensor.Workspace;

/**
 * Trains a cohort of K peers by (Rényi) deep mutual learning (renyi-dml.md §4): every step all peers see the same
 * seeded minibatch, peer i minimises {@link MutualLoss#loss} against the other peers' detached predictions, and each
 * peer has its own optimizer. Peers may have different architectures as long as their logits have the same shape.
 *
 * <p>Parameters are updated in place ({@link Optimizer} semantics). Not thread-safe.
 */
public final class CohortTrainer {
    /** How peer predictions are refreshed within one step (renyi-dml.md §4, option {@code update}). */
    public enum Update {
        /** Forward all peers once; every loss uses the pre-update outputs (the authors' code; the default). */
        SIMULTANEOUS,
        /** DML Algorithm 1: after peer i's update its prediction is recomputed before peer i+1's loss. */
        SEQUENTIAL
    }

    /** One member of the cohort: its architecture, its parameters (updated in place) and its optimizer. */
    public record Peer(Module module, Params params, Optimizer optimizer) {
    }

    /** Per-peer, per-epoch test accuracy and mean training loss, with the wall time and step count. */
    public record History(double[][] testAccuracy, double[][] trainLoss, double seconds, long steps) {
        /**
         * Peer {@code peer}'s final accuracy: the mean test accuracy of the last min(5, epochs) epochs
         * (renyi-dml.md §5, "mean test accuracy over the last 5 epochs").
         */
        public double finalAccuracy(int peer) {
            double[] acc = testAccuracy[peer];
            int last = Math.min(5, acc.length);
            double sum = 0;
            for (int e = acc.length - last; e < acc.length; e++) {
                sum += acc[e];
            }
            return sum / last;
        }

        /** The mean over peers of {@link #finalAccuracy(int)}. */
        public double meanFinalAccuracy() {
            double sum = 0;
            for (int i = 0; i < testAccuracy.length; i++) {
                sum += finalAccuracy(i);
            }
            return sum / testAccuracy.length;
        }
    }

    /** Called after every cohort step with the step number (1-based), the epoch and each peer's loss. */
    @FunctionalInterface
    public interface StepListener {
        /**
         * Called after cohort step {@code step} (1-based) of {@code epoch}, with {@code losses[i]} the loss of peer i.
         */
        void onStep(long step, int epoch, double[] losses);
    }

    private static final long CONTEXT_STREAM = 7;

    private final List<Peer> peers;
    private final List<Map<String, Tensor>> buffers = new ArrayList<>();
    private final Workspace workspace = new Workspace();
    private final MutualLoss loss;
    private final Update update;
    private final int batchSize;
    private final int epochs;
    private final long seed;
    private final LrSchedule schedule;
    private final double clipNorm;
    private final StepListener listener;
    private long step;
    /** Each peer's loss at the last step (NaN before the first). */
    private final double[] lastLosses;

    private CohortTrainer(Builder b) {
        this.peers = List.copyOf(b.peers);
        this.loss = b.loss;
        this.update = b.update;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.seed = b.seed;
        this.schedule = b.schedule;
        this.clipNorm = b.clipNorm;
        this.listener = b.listener;
        checkPeersIndependent(peers);
        this.lastLosses = new double[peers.size()];
        Arrays.fill(lastLosses, Double.NaN);
        for (int i = 0; i < peers.size(); i++) {
            buffers.add(new HashMap<>());
        }
    }

    /**
     * Throws when two peers share an optimizer (its state is keyed by parameter name, so peers with the same names
     * would mix momentum) or a parameter value (each step would update it once per peer).
     */
    private static void checkPeersIndependent(List<Peer> peers) {
        Map<Object, Integer> owner = new IdentityHashMap<>();
        for (int i = 0; i < peers.size(); i++) {
            Integer other = owner.put(peers.get(i).optimizer(), i);
            if (other != null) {
                throw new IllegalArgumentException("cohort: peers " + other + " and " + i + " share one optimizer;"
                        + " give each peer its own (an optimizer keeps its state by parameter name, so the peers'"
                        + " momentum would mix)");
            }
            for (Var v : peers.get(i).params().vars()) {
                other = owner.put(v, i);
                if (other != null && other != i) {
                    throw new IllegalArgumentException("cohort: peers " + other + " and " + i + " share parameters;"
                            + " give each peer its own (Params.init)");
                }
            }
        }
    }

    /** A builder for a cohort of {@code peers} trained with {@code loss}. */
    public static Builder builder(List<Peer> peers, MutualLoss loss) {
        return new Builder(peers, loss);
    }

    /**
     * The authors' image optimizer (renyi-dml.md §5): SGD with Nesterov momentum 0.9 and weight decay 5e-4.
     */
    public static Optimizer defaultSgd(double lr) {
        return new Sgd(Sgd.Config.of(lr).withMomentum(0.9).withNesterov(true).withWeightDecay(5e-4));
    }

    /** The peers, in cohort order. */
    public List<Peer> peers() {
        return peers;
    }

    /** BatchNorm running statistics of peer {@code i}, for {@code Context.eval(buffers)}. */
    public Map<String, Tensor> buffers(int i) {
        return buffers.get(i);
    }

    /**
     * One cohort step on the shared minibatch {@code (x, labels)} at {@code epoch}: every peer takes one optimizer
     * step. Returns each peer's loss.
     */
    public double[] step(Tensor x, int[] labels, int epoch) {
        step++;
        try (Workspace.Scope scope = workspace.enter()) { // this step's op outputs are recycled by the next
            int k = peers.size();
            Var input = Var.constant(x);
            double[] losses = new double[k];
            if (update == Update.SIMULTANEOUS) {
                // renyi-dml.md §4: forward all K on the same batch, every loss from the pre-update outputs, step each.
                // The losses and their closed-form gradients are fixed before any update, and peer i's backward pass
                // reads only peer i's graph, so stepping peer i right after its backward pass is the same update as
                // stepping all peers at the end, with peer i's fresh gradient still in cache.
                List<Var> logits = new ArrayList<>(k);
                for (int i = 0; i < k; i++) {
                    logits.add(forward(i, input, buffers.get(i)));
                }
                List<Var> perPeer = loss.losses(logits, labels, epoch, epochs);
                for (int i = 0; i < k; i++) {
                    losses[i] = finite(i, perPeer.get(i).item(), epoch); // every loss checked before any step
                }
                for (int i = 0; i < k; i++) {
                    apply(i, Grad.gradTensors(perPeer.get(i), peers.get(i).params().vars()));
                }
            } else {
                // DML Algorithm 1: peer i learns from the peers' current predictions, then its own is recomputed.
                // Prediction-only passes use a scratch copy of the buffers, so BatchNorm statistics move once a step.
                List<Var> logits = new ArrayList<>(k);
                try (GradMode off = GradMode.off()) {
                    for (int i = 0; i < k; i++) {
                        logits.add(forward(i, input, new HashMap<>(buffers.get(i))));
                    }
                }
                for (int i = 0; i < k; i++) {
                    logits.set(i, forward(i, input, buffers.get(i)));
                    Var li = loss.loss(i, logits, labels, epoch, epochs);
                    losses[i] = finite(i, li.item(), epoch);
                    apply(i, Grad.gradTensors(li, peers.get(i).params().vars()));
                    try (GradMode off = GradMode.off()) {
                        logits.set(i, forward(i, input, new HashMap<>(buffers.get(i))));
                    }
                }
            }
            System.arraycopy(losses, 0, lastLosses, 0, k);
            return losses;
        }
    }

    /** Peer {@code i}'s loss, if finite (else training stops: nothing of this step has been applied to peer i). */
    private double finite(int i, double value, int epoch) {
        TrainingDivergedException.requireFinite(value, "peer " + i + "'s loss", step, epoch, lastLosses[i]);
        return value;
    }

    /** One epoch over {@code (x, labels)} in this cohort's seeded batch order; returns each peer's mean loss. */
    public double[] fitEpoch(Tensor x, int[] labels, int epoch) {
        if (x.dim(0) != labels.length) {
            throw new IllegalArgumentException("cohort training: " + x.dim(0) + " feature rows but " + labels.length
                    + " labels");
        }
        if (schedule != null) {
            for (Peer p : peers) {
                p.optimizer().setLearningRate(schedule.at(epoch));
            }
        }
        double[] mean = new double[peers.size()];
        List<int[]> batches = new Minibatches(labels.length, batchSize, seed).epoch(epoch);
        for (int[] rows : batches) {
            double[] l = step(Rows.select(x, rows), Rows.pick(labels, rows), epoch);
            for (int i = 0; i < l.length; i++) {
                mean[i] += l[i] / batches.size();
            }
            listener.onStep(step, epoch, l);
        }
        if (epoch == epochs - 1) {
            int[] last = batches.get(batches.size() - 1);
            requireFiniteAfterLastStep(Rows.select(x, last), Rows.pick(labels, last), epoch);
        }
        return mean;
    }

    /**
     * The check the next step would make, for the last one: each peer's mean cross-entropy on the last batch at its
     * updated parameters (eval mode) must be finite, else that update diverged and the peer's predictions are NaN.
     */
    private void requireFiniteAfterLastStep(Tensor x, int[] labels, int epoch) {
        try (Workspace.Scope scope = workspace.enter(); GradMode off = GradMode.off()) {
            for (int i = 0; i < peers.size(); i++) {
                Peer p = peers.get(i);
                Var logits = p.module().forward(p.params(), Var.constant(x), Context.eval(buffers.get(i)));
                double after = CrossEntropy.of(logits, labels).mean().item();
                if (!Double.isFinite(after)) {
                    throw TrainingDivergedException.afterUpdate("peer " + i + "'s cross-entropy", after, step, epoch,
                            lastLosses[i]);
                }
            }
        }
    }

    /** Trains for all epochs, measuring every peer's test accuracy after each epoch. */
    public History fit(Tensor x, int[] labels, Tensor xTest, int[] labelsTest) {
        int k = peers.size();
        double[][] acc = new double[k][epochs];
        double[][] trainLoss = new double[k][epochs];
        long t0 = System.nanoTime();
        long stepsBefore = step;
        for (int e = 0; e < epochs; e++) {
            double[] l = fitEpoch(x, labels, e);
            for (int i = 0; i < k; i++) {
                trainLoss[i][e] = l[i];
                acc[i][e] = accuracy(i, xTest, labelsTest);
            }
        }
        return new History(acc, trainLoss, (System.nanoTime() - t0) / 1e9, step - stepsBefore);
    }

    /** Peer {@code i}'s arg-max predictions on {@code x} in eval mode. */
    public int[] predict(int i, Tensor x) {
        Peer p = peers.get(i);
        return ArgmaxPredictions.of(p.module(), p.params(), x, Context.eval(buffers.get(i)));
    }

    /** Fraction of rows of {@code x} that peer {@code i} classifies as {@code labels}. */
    public double accuracy(int i, Tensor x, int[] labels) {
        return ArgmaxPredictions.accuracy(predict(i, x), labels);
    }

    private Var forward(int i, Var input, Map<String, Tensor> peerBuffers) {
        Peer p = peers.get(i);
        // A per-(peer, step) random source, so a peer's dropout masks do not depend on the cohort around it.
        Context ctx = Context.train(new SplittableRandom(Seeds.derive(seed, CONTEXT_STREAM, i, step)),
                peerBuffers);
        return p.module().forward(p.params(), input, ctx);
    }

    private void apply(int i, List<Tensor> grads) {
        Peer p = peers.get(i);
        List<Tensor> g = clipNorm > 0 ? GradientClipping.byGlobalNorm(grads, clipNorm).grads() : grads;
        p.optimizer().step(p.params(), g);
    }

    /** Options with the defaults of renyi-dml.md §4: simultaneous update, batch 128, no clipping, no schedule. */
    public static final class Builder {
        private final List<Peer> peers;
        private final MutualLoss loss;
        private Update update = Update.SIMULTANEOUS;
        private int batchSize = 128;
        private int epochs = 1;
        private long seed;
        private LrSchedule schedule;
        private double clipNorm;
        private StepListener listener = (s, e, l) -> { };

        private Builder(List<Peer> peers, MutualLoss loss) {
            if (peers.isEmpty()) {
                throw new IllegalArgumentException("a cohort needs at least one peer");
            }
            this.peers = peers;
            this.loss = loss;
        }

        /** How peer predictions are refreshed within a step (default {@link Update#SIMULTANEOUS}). */
        public Builder update(Update u) {
            this.update = u;
            return this;
        }

        /** Minibatch size (&gt; 0; default 128). */
        public Builder batchSize(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("batch size must be > 0, got " + n);
            }
            this.batchSize = n;
            return this;
        }

        /** Number of epochs of {@link #fit}; also the horizon T of the α schedule. */
        public Builder epochs(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("epochs must be > 0, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** Seed of the shared minibatch order and of the peers' training-mode random sources. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Per-epoch learning rate, applied to every peer's optimizer. */
        public Builder schedule(LrSchedule s) {
            this.schedule = s;
            return this;
        }

        /** Clip each peer's gradient to this global norm (the authors' ViT runs use 5); 0 = off. */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) {
                throw new IllegalArgumentException("clipping norm must be >= 0, got " + maxNorm);
            }
            this.clipNorm = maxNorm;
            return this;
        }

        /** Called after every cohort step (default: nothing). */
        public Builder listener(StepListener l) {
            this.listener = l;
            return this;
        }

        /** The trainer with these settings (it copies the peer list). */
        public CohortTrainer build() {
            return new CohortTrainer(this);
        }
    }
}
