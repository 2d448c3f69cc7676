package org.equitrain.nn.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * The shared machinery of optimizers whose update acts element by element: argument checks, the step counter,
 * float64 state slots by parameter name, and in-place writes. Float32 parameters are updated in float64 and
 * rounded once per step; their state stays in float64.
 */
abstract class ElementwiseOptimizer implements Optimizer {
    private final String kind;
    private final Map<String, double[]> slots = new LinkedHashMap<>();
    private final Map<String, Shape> slotShapes = new LinkedHashMap<>();
    private double lr;
    private long steps;

    ElementwiseOptimizer(String kind, double lr) {
        this.kind = kind;
        setLearningRate(lr);
    }

    /** Updates {@code p} (the parameter named {@code name}, as float64) from {@code g} for step number {@code t}. */
    abstract void update(String name, double[] p, double[] g, Shape shape, double lr, long t);

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
        for (int i = 0; i < vars.size(); i++) {
            Tensor p = vars.get(i).value();
            Tensor g = grads.get(i);
            boolean direct = p.dtype() == DType.FLOAT64;
            double[] pv = direct ? p.doubles() : p.toDoubleArray();
            double[] gv = g.dtype() == DType.FLOAT64 ? g.doubles() : g.toDoubleArray();
            update(names.get(i), pv, gv, p.shape(), lr, steps);
            if (!direct) {
                p.assign(Tensor.wrap(pv, p.shape()));
            }
        }
    }

    /** The float64 slot {@code slot} of parameter {@code name}, or null when it has not been created. */
    final double[] slot(String slot, String name) {
        return slots.get(OptimizerState.key(slot, name));
    }

    /** A new zero slot. */
    final double[] createSlot(String slot, String name, Shape shape) {
        String key = OptimizerState.key(slot, name);
        double[] s = new double[shape.size()];
        slots.put(key, s);
        slotShapes.put(key, shape);
        return s;
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
        state.slots().forEach((k, t) -> {
            slots.put(k, t.toDoubleArray());
            slotShapes.put(k, t.shape());
        });
        steps = state.steps();
        setLearningRate(state.learningRate());
    }
}
