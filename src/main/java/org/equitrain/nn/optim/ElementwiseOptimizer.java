package org.equitrain.nn.optim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * The shared machinery of optimizers whose update acts element by element: argument checks, the step counter,
 * state slots by parameter name, and in-place writes. State is kept in the parameter's dtype, as PyTorch keeps it:
 * a float32 model's optimizer state is float32, which halves the memory traffic of a step (it is the one operand
 * not already in cache from the forward and backward passes, which matters once several models train side by
 * side). The arithmetic is always float64: float32 parameters, gradients and state are widened a chunk at a time
 * into reused buffers, updated, and rounded once when stored, so a step allocates nothing and touches each
 * element's storage once.
 */
abstract class ElementwiseOptimizer implements Optimizer {
    /** Elements of a float32 parameter widened to float64 at a time (buffers of 32 KiB: they stay in cache). */
    static final int CHUNK = 4096;

    private final String kind;
    private final Map<String, Tensor> slots = new LinkedHashMap<>();
    private final Set<String> slotsNewThisStep = new HashSet<>();
    private final double[] pChunk = new double[CHUNK];
    private final double[] gChunk = new double[CHUNK];
    /** Float64 windows onto float32 slots for the chunk being updated, by slot key; stored back after it. */
    private final Map<String, double[]> slotChunks = new HashMap<>();
    private final List<String> slotsInChunk = new ArrayList<>();
    private int chunkOffset = -1; // the first element of the chunk being updated; -1 outside a float32 update
    private int chunkLength;
    private DType stateDtype; // the dtype of the parameter being updated
    private double lr;
    private long steps;

    ElementwiseOptimizer(String kind, double lr) {
        this.kind = kind;
        setLearningRate(lr);
    }

    /**
     * Updates {@code length} elements of the parameter {@code name} (of {@code shape}) for step number {@code t}:
     * {@code p[i]} and {@code g[i]} hold element i of the run as float64, and so does element i of every array
     * {@link #slot} returns during this call.
     */
    abstract void update(String name, double[] p, double[] g, int length, Shape shape, double lr, long t);

    @Override
    public final void step(Params params, List<Tensor> grads) {
        List<Var> vars = params.vars();
        List<String> names = params.names();
        if (grads.size() != vars.size()) {
            throw new IllegalArgumentException(kind + ": " + grads.size() + " gradients for " + vars.size()
                    + " parameters");
        }
        for (int i = 0; i < vars.size(); i++) {
            if (!grads.get(i).shape().equals(vars.get(i).shape())) {
                throw new ShapeException(kind, "gradient of shape " + grads.get(i).shape() + " for parameter '"
                        + names.get(i) + "' of shape " + vars.get(i).shape());
            }
        }
        steps++;
        slotsNewThisStep.clear();
        for (int i = 0; i < vars.size(); i++) {
            Tensor p = vars.get(i).value();
            Tensor g = grads.get(i);
            stateDtype = p.dtype();
            if (p.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
                update(names.get(i), p.doubles(), g.doubles(), p.size(), p.shape(), lr, steps);
                continue;
            }
            int off = 0;
            do { // at least once, so an empty parameter gets its slots as in the float64 case
                chunkOffset = off;
                chunkLength = Math.min(CHUNK, p.size() - off);
                widen(p, off, pChunk, chunkLength);
                widen(g, off, gChunk, chunkLength);
                update(names.get(i), pChunk, gChunk, chunkLength, p.shape(), lr, steps);
                store(pChunk, p, off, chunkLength);
                for (String key : slotsInChunk) {
                    store(slotChunks.get(key), slots.get(key), off, chunkLength);
                }
                slotsInChunk.clear();
                off += CHUNK;
            } while (off < p.size());
            chunkOffset = -1;
        }
    }

    /** {@code dst[i] = t[off + i]} for {@code i < len}, as float64. */
    private static void widen(Tensor t, int off, double[] dst, int len) {
        if (t.dtype() == DType.FLOAT64) {
            System.arraycopy(t.doubles(), off, dst, 0, len);
        } else {
            float[] src = t.floats();
            for (int i = 0; i < len; i++) {
                dst[i] = src[off + i];
            }
        }
    }

    /** {@code t[off + i] = src[i]} for {@code i < len}, rounded to t's dtype. */
    private static void store(double[] src, Tensor t, int off, int len) {
        if (t.dtype() == DType.FLOAT64) {
            System.arraycopy(src, 0, t.doubles(), off, len);
        } else {
            float[] dst = t.floats();
            for (int i = 0; i < len; i++) {
                dst[off + i] = (float) src[i];
            }
        }
    }

    /**
     * The slot {@code slot} of parameter {@code name} (of {@code shape}) for the run being updated, as float64,
     * created as zeros in the parameter's dtype when missing: the slot itself for a float64 parameter, a window
     * onto the current chunk (written back after the update) for a float32 one.
     */
    final double[] slot(String slot, String name, Shape shape) {
        String key = OptimizerState.key(slot, name);
        Tensor s = slots.get(key);
        if (s == null || s.dtype() != stateDtype) { // missing, or loaded from a checkpoint in another dtype
            if (s == null) {
                slotsNewThisStep.add(key);
            }
            s = s == null ? Tensor.zeros(stateDtype, shape) : s.to(stateDtype);
            slots.put(key, s);
        }
        if (chunkOffset < 0) {
            return s.doubles();
        }
        double[] window = slotChunks.computeIfAbsent(key, k -> new double[CHUNK]);
        widen(s, chunkOffset, window, chunkLength);
        slotsInChunk.add(key);
        return window;
    }

    /** True when {@link #slot} created the slot during the current step (PyTorch's "no buffer yet" case). */
    final boolean isNewThisStep(String slot, String name) {
        return slotsNewThisStep.contains(OptimizerState.key(slot, name));
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(kind + ": learning rate must be finite and ≥ 0, got " + lr);
        }
        this.lr = lr;
    }

    @Override
    public final long steps() {
        return steps;
    }

    @Override
    public final OptimizerState state() {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        slots.forEach((k, v) -> copy.put(k, v.copy()));
        return new OptimizerState(kind, steps, lr, copy);
    }

    @Override
    public final void loadState(OptimizerState state) {
        if (!state.kind().equals(kind)) {
            throw new IllegalArgumentException("cannot load " + state.kind() + " optimizer state into " + kind);
        }
        slots.clear();
        slotsNewThisStep.clear();
        state.slots().forEach((k, t) -> slots.put(k, t.copy()));
        steps = state.steps();
        setLearningRate(state.learningRate());
    }
}
