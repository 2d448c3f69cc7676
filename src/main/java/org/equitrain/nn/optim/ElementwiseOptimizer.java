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
 * float64 state slots by parameter name, and in-place writes. Float32 parameters are updated in float64 and
 * rounded once per step; their state stays in float64. They are widened a chunk at a time into reused buffers, so
 * a step allocates nothing and touches each element's storage once. The float64 state is read ahead of use (see
 * {@link #readAhead}), because it is the one operand that is not already in cache from the forward and backward
 * passes.
 */
abstract class ElementwiseOptimizer implements Optimizer {
    /** Elements of a float32 parameter widened to float64 at a time (two buffers of 32 KiB: they stay in cache). */
    static final int CHUNK = 4096;
    /** How many chunks ahead of the update the state is read. */
    private static final int AHEAD = 2;

    private final String kind;
    private final Map<String, double[]> slots = new LinkedHashMap<>();
    private final Map<String, Shape> slotShapes = new LinkedHashMap<>();
    private final Set<String> slotsNewThisStep = new HashSet<>();
    private final Map<String, List<double[]>> slotsOfParam = new HashMap<>();
    private double readAheadSum; // keeps the read-ahead loads from being optimised away
    private final double[] pChunk = new double[CHUNK];
    private final double[] gChunk = new double[CHUNK];
    private double lr;
    private long steps;

    ElementwiseOptimizer(String kind, double lr) {
        this.kind = kind;
        setLearningRate(lr);
    }

    /**
     * Updates elements {@code [offset, offset + length)} of the parameter {@code name} (of {@code shape}) for step
     * number {@code t}: {@code p[i]} and {@code g[i]}, as float64, hold element {@code offset + i} of the parameter
     * and its gradient; slots are indexed by the element itself.
     */
    abstract void update(String name, double[] p, double[] g, int offset, int length, Shape shape, double lr, long t);

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
            if (p.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
                update(names.get(i), p.doubles(), g.doubles(), 0, p.size(), p.shape(), lr, steps);
                continue;
            }
            List<double[]> slotArrays = slotsOfParam.getOrDefault(names.get(i), List.of());
            double ahead = readAhead(slotArrays, 0, AHEAD * CHUNK);
            int off = 0;
            do { // at least once, so an empty parameter gets its slots as in the float64 case
                ahead += readAhead(slotArrays, off + AHEAD * CHUNK, off + (AHEAD + 1) * CHUNK);
                int len = Math.min(CHUNK, p.size() - off);
                widen(p, off, pChunk, len);
                widen(g, off, gChunk, len);
                update(names.get(i), pChunk, gChunk, off, len, p.shape(), lr, steps);
                store(pChunk, p, off, len);
                off += CHUNK;
            } while (off < p.size());
            readAheadSum += ahead;
        }
    }

    /**
     * Reads one element per 64-byte cache line of elements {@code [from, to)} of each state array: a tight loop
     * of independent loads that brings a state which has left the cache (K models trained side by side) back
     * with many misses in flight, before the update loop needs it. It changes no value.
     */
    private static double readAhead(List<double[]> state, int from, int to) {
        double sum = 0;
        for (double[] s : state) {
            for (int k = from; k < Math.min(to, s.length); k += 8) {
                sum += s[k];
            }
        }
        return sum;
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

    /** The float64 slot {@code slot} of parameter {@code name} (of {@code shape}), created as zeros when missing. */
    final double[] slot(String slot, String name, Shape shape) {
        String key = OptimizerState.key(slot, name);
        double[] s = slots.get(key);
        if (s == null) {
            s = new double[shape.size()];
            slots.put(key, s);
            slotShapes.put(key, shape);
            slotsOfParam.computeIfAbsent(name, n -> new ArrayList<>()).add(s);
            slotsNewThisStep.add(key);
        }
        return s;
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
        slots.forEach((k, v) -> copy.put(k, Tensor.wrap(v.clone(), slotShapes.get(k))));
        return new OptimizerState(kind, steps, lr, copy);
    }

    @Override
    public final void loadState(OptimizerState state) {
        if (!state.kind().equals(kind)) {
            throw new IllegalArgumentException("cannot load " + state.kind() + " optimizer state into " + kind);
        }
        slots.clear();
        slotShapes.clear();
        slotsNewThisStep.clear();
        slotsOfParam.clear();
        state.slots().forEach((k, t) -> {
            double[] s = t.toDoubleArray();
            slots.put(k, s);
            slotShapes.put(k, t.shape());
            String param = k.substring(k.indexOf('/') + 1); // keys are "<slot>/<parameter name>"
            slotsOfParam.computeIfAbsent(param, n -> new ArrayList<>()).add(s);
        });
        steps = state.steps();
        setLearningRate(state.learningRate());
    }
}
