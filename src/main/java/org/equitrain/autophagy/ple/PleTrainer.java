package org.equitrain.autophagy.ple;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.nn.train.TrainingDivergedException;
import org.equitrain.tensor.Tensor;

/**
 * Trains φ of a {@link PleObjective} (PLE spec §6): per step, draw {@code setsPerStep} conditioning sets, average
 * L(φ; X) over them, take an Adam step on φ only. The learning rate is constant, or follows torchhyper's decay
 * lr_k = a·(b + k)^(−1/3) with lr_0 = lr and lr at the last step = finalLearningRate. Seeded: data sets and
 * synthetic noise come from two streams split off {@code seed}. Optionally the returned φ is the Polyak–Ruppert
 * average of the iterates over the last steps, which removes most of the stochastic-gradient jitter of a small
 * estimator. Final parameters: θ* = H_φ(X_ref). Training stops with {@link EstimatesDivergedException} when the
 * estimates stop fitting their own conditioning sets (see {@code FitMonitor}), and with a
 * {@link TrainingDivergedException} when the objective is not finite.
 */
public final class PleTrainer {
    /**
     * @param steps optimizer steps
     * @param setsPerStep conditioning sets averaged per step
     * @param learningRate lr_0
     * @param finalLearningRate lr at the last step (torchhyper decay), or NaN for a constant rate
     * @param seed seed of the data-set and synthetic-noise streams
     * @param averagedFraction fraction of the final steps whose iterates are averaged into the returned φ, in
     *     [0, 1); 0 (default) returns the last iterate
     */
    public record Options(int steps, int setsPerStep, double learningRate, double finalLearningRate, long seed,
            double averagedFraction) {
        /**
         * Checks steps and sets per step ≥ 1, a finite learning rate &gt; 0, a final rate in (0, lr] or NaN, and an
         * averaged fraction in [0, 1).
         */
        public Options {
            if (!(averagedFraction >= 0 && averagedFraction < 1)) {
                throw new IllegalArgumentException("averaged fraction must be in [0, 1), got " + averagedFraction);
            }
            if (steps < 1 || setsPerStep < 1 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("need steps >= 1, setsPerStep >= 1 and a finite learning rate > 0,"
                        + " got " + steps + ", " + setsPerStep + ", " + learningRate);
            }
            if (!Double.isNaN(finalLearningRate) && !(finalLearningRate > 0 && finalLearningRate <= learningRate)) {
                throw new IllegalArgumentException("final learning rate must be in (0, " + learningRate + "], got "
                        + finalLearningRate);
            }
        }

        /** Constant learning rate, one set per step. */
        public static Options of(int steps, double learningRate, long seed) {
            return new Options(steps, 1, learningRate, Double.NaN, seed, 0);
        }

        /** This with {@code sets} conditioning sets averaged per step. */
        public Options withSetsPerStep(int sets) {
            return new Options(steps, sets, learningRate, finalLearningRate, seed, averagedFraction);
        }

        /** This with lr at the last step {@code lr} (torchhyper decay), or NaN for a constant rate. */
        public Options withFinalLearningRate(double lr) {
            return new Options(steps, setsPerStep, learningRate, lr, seed, averagedFraction);
        }

        /** Number of final iterates averaged (0 or 1 means the last iterate). */
        int averagedSteps() {
            return (int) Math.floor(averagedFraction * steps);
        }

        /** lr at step k (0-based). */
        public double learningRate(int k) {
            if (Double.isNaN(finalLearningRate) || finalLearningRate == learningRate || steps == 1) {
                return learningRate;
            }
            // torchhyper custom_lr_decay: lr_k = a (b + k)^(−1/3); lr_0 = lr, lr_{K} = lr_final with K = steps − 1.
            double ratio = learningRate / finalLearningRate;
            double b = (steps - 1) / (ratio * ratio * ratio - 1);
            double a = learningRate * Math.cbrt(b);
            return a / Math.cbrt(b + k);
        }
    }

    /** Trained φ and the per-step means of the objective's terms (penalty NaN when λ = 0). */
    public record Result(Params phi, double[] loss, double[] nll, double[] penalty) {
    }

    private final PleObjective objective;
    private final Options options;

    /** A trainer of {@code objective} with {@code options}. */
    public PleTrainer(PleObjective objective, Options options) {
        this.objective = objective;
        this.options = options;
    }

    /** Trains a copy of {@code initialPhi} (the argument is not modified). */
    public Result train(Params initialPhi, DataSets sets) {
        return train(initialPhi, sets, step -> { });
    }

    /** {@link #train(Params, DataSets)}, calling {@code onStep} with each finished step's number (1-based). */
    public Result train(Params initialPhi, DataSets sets, IntConsumer onStep) {
        List<Var> leaves = new ArrayList<>();
        for (Tensor t : initialPhi.tensors()) {
            leaves.add(Var.param(t.copy()));
        }
        Params phi = initialPhi.withValues(leaves);
        SplittableRandom root = new SplittableRandom(options.seed());
        SplittableRandom dataRng = root.split();
        SplittableRandom noiseRng = root.split();
        Adam adam = Adam.adam(options.learningRate(0));
        int steps = options.steps();
        double[] loss = new double[steps];
        double[] nll = new double[steps];
        double[] pen = new double[steps];
        double scale = 1.0 / options.setsPerStep();
        IterateAverage average = new IterateAverage(leaves);
        FitMonitor fit = new FitMonitor(steps);
        for (int k = 0; k < steps; k++) {
            List<Tensor> grads = null;
            for (int s = 0; s < options.setsPerStep(); s++) {
                Var data = Var.constant(sets.next(dataRng));
                PleObjective.Terms terms = objective.evaluate(phi, data, noiseRng);
                TrainingDivergedException.requireFinite(terms.total().item(), "the PLE objective", k + 1, -1,
                        k > 0 ? loss[k - 1] : Double.NaN);
                List<Tensor> g = Grad.gradTensors(terms.total(), leaves);
                if (grads == null) {
                    grads = new ArrayList<>();
                    for (Tensor t : g) {
                        grads.add(t.copy());
                    }
                } else {
                    for (int i = 0; i < g.size(); i++) {
                        grads.get(i).axpyInPlace(1, g.get(i));
                    }
                }
                loss[k] += scale * terms.total().item();
                nll[k] += scale * terms.nll().item();
                pen[k] += terms.penalty() == null ? Double.NaN : scale * terms.penalty().item();
            }
            for (Tensor g : grads) {
                for (int i = 0; i < g.size(); i++) {
                    g.setFlat(i, scale * g.getFlat(i));
                }
            }
            fit.add(k + 1, nll[k]);
            adam.setLearningRate(options.learningRate(k));
            adam.step(phi, grads);
            if (k >= steps - options.averagedSteps()) {
                average.add();
            }
            onStep.accept(k + 1);
        }
        average.assignTo(leaves);
        return new Result(phi, loss, nll, pen);
    }

    /** θ* = H_φ(X_ref), model-facing and detached (spec §6: X_ref is the whole training set by default). */
    public static Params finalParameters(LearnedEstimator estimator, Params phi, Tensor reference) {
        try (GradMode off = GradMode.off()) {
            return estimator.estimate(phi, Var.constant(reference)).constrained();
        }
    }
}
