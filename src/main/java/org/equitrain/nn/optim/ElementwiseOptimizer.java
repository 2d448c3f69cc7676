package org.equitrain.nn.optim;

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
 * state slots by parameter name, and in-place writes. As in PyTorch, state is kept in the parameter's dtype and the
 * arithmetic is done in it: a float32 model is updated in float32, in loops the JIT vectorises, so a step reads and
 * writes each element's storage once at half the memory traffic of float64 (the optimizer state is the one operand
 * not already in cache from the forward and backward passes). A gradient of another dtype is converted first.
 */
abstract class ElementwiseOptimizer implements Optimizer {
    private final String kind;
    private final Map<String, Tensor> slots = new LinkedHashMap<>();
    private final Set<String> slotsNewThisStep = new HashSet<>();
    /** Set by {@link #loadState}: the loaded slots' shapes are checked against the parameters at the next step. */
    private boolean loadedSlotsUnchecked;
    private double lr;
    private long steps;

    ElementwiseOptimizer(String kind, double lr) {
        this.kind = kind;
        setLearningRate(lr);
    }

    /**
     * Updates the {@code length} elements of the float64 parameter {@code name} (of {@code shape}) for step number
     * {@code t}; its slots come from {@link #doubleSlot}.
     */
    abstract void update(String name, double[] p, double[] g, int length, Shape shape, double lr, long t);

    /** The same update of a float32 parameter in float32 arithmetic; its slots come from {@link #floatSlot}. */
    abstract void update(String name, float[] p, float[] g, int length, Shape shape, double lr, long t);

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
        if (loadedSlotsUnchecked) {
            checkSlotShapes(names, vars); // slots the optimizer made itself fit by construction
            loadedSlotsUnchecked = false;
        }
        steps++;
        slotsNewThisStep.clear();
        for (int i = 0; i < vars.size(); i++) {
            Tensor p = vars.get(i).value();
            Tensor g = grads.get(i).dtype() == p.dtype() ? grads.get(i) : grads.get(i).to(p.dtype());
            if (p.dtype() == DType.FLOAT64) {
                update(names.get(i), p.doubles(), g.doubles(), p.size(), p.shape(), lr, steps);
            } else {
                update(names.get(i), p.floats(), g.floats(), p.size(), p.shape(), lr, steps);
            }
        }
    }

    /**
     * Throws, before anything is updated, when a slot has another shape than its parameter: state loaded from a
     * model whose parameters share these names but not their shapes (the update would overrun or misread the slot).
     */
    private void checkSlotShapes(List<String> names, List<Var> vars) {
        Map<String, Shape> shapes = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            shapes.put(names.get(i), vars.get(i).shape());
        }
        for (Map.Entry<String, Tensor> e : slots.entrySet()) {
            String name = e.getKey().substring(e.getKey().indexOf('/') + 1); // OptimizerState.key: "slot/param"
            Shape shape = shapes.get(name);
            if (shape != null && !shape.equals(e.getValue().shape())) {
                throw new IllegalArgumentException(kind + ": state slot '" + e.getKey() + "' has shape "
                        + e.getValue().shape() + " but parameter '" + name + "' has shape " + shape
                        + " (was the state saved for another model?)");
            }
        }
    }

    /** The float64 slot {@code slot} of the float64 parameter {@code name}, created as zeros when missing. */
    final double[] doubleSlot(String slot, String name, Shape shape) {
        return slot(slot, name, shape, DType.FLOAT64).doubles();
    }

    /** The float32 slot {@code slot} of the float32 parameter {@code name}, created as zeros when missing. */
    final float[] floatSlot(String slot, String name, Shape shape) {
        return slot(slot, name, shape, DType.FLOAT32).floats();
    }

    private Tensor slot(String slot, String name, Shape shape, DType dtype) {
        String key = OptimizerState.key(slot, name);
        Tensor s = slots.get(key);
        if (s == null || s.dtype() != dtype) { // missing, or loaded from a checkpoint in another dtype
            if (s == null) {
                slotsNewThisStep.add(key);
            }
            s = s == null ? Tensor.zeros(dtype, shape) : s.to(dtype);
            slots.put(key, s);
        }
        return s;
    }

    /** True when a slot accessor created the slot during the current step (PyTorch's "no buffer yet" case). */
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
        loadedSlotsUnchecked = !slots.isEmpty();
    }
}
