package org.equitrain.autodiff.perexample;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.equitrain.autodiff.Conv2dAttributes;
import org.equitrain.autodiff.Grad;
import org.equitrain.autodiff.Node;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/**
 * The layers through which the requested parameters act on an output: every "linear" or "conv2d" node whose weight
 * or bias is one of them. The per-example factorisations hold only for those two ops, so any other use of a
 * requested parameter (a penalty term, an elementwise op, weight sharing between layers) is reported as an error
 * naming the parameter and the op.
 */
final class ParameterLayers {
    private final Map<String, Var> params;
    private final List<String> names;
    private final List<Layer> layers;
    private final Map<String, Layer> byName;
    private final int batch;

    private ParameterLayers(Map<String, Var> params, List<Layer> layers, Map<String, Layer> byName, int batch) {
        this.params = params;
        this.names = List.copyOf(params.keySet());
        this.layers = layers;
        this.byName = byName;
        this.batch = batch;
    }

    /** Walks the graph of {@code output} and finds the layers of {@code params} (by name, in order). */
    static ParameterLayers find(Var output, Map<String, Var> requested) {
        Map<String, Var> params = new LinkedHashMap<>(requested);
        Map<Var, String> names = new IdentityHashMap<>();
        for (Map.Entry<String, Var> e : params.entrySet()) {
            String previous = names.put(e.getValue(), e.getKey());
            if (previous != null) {
                throw new IllegalArgumentException("parameters '" + previous + "' and '" + e.getKey()
                        + "' are the same value");
            }
        }
        Map<String, Var> usedBy = new HashMap<>();
        Map<String, Integer> slot = new HashMap<>();
        Map<Var, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Var> stack = new ArrayDeque<>();
        stack.push(output);
        visited.put(output, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Var v = stack.pop();
            Node n = v.node();
            if (n == null) {
                continue;
            }
            List<Var> inputs = n.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                Var in = inputs.get(i);
                String name = names.get(in);
                if (name != null) {
                    checkUse(name, n.op(), i);
                    Var other = usedBy.put(name, v);
                    if (other != null && (other != v || slot.get(name) != i)) {
                        throw new IllegalArgumentException("parameter '" + name + "' is used by two layers ("
                                + other.node().op() + " and " + n.op() + "); per-example machinery does not"
                                + " support weight sharing");
                    }
                    slot.put(name, i);
                }
                if (in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                    stack.push(in);
                }
            }
        }
        if (usedBy.isEmpty()) {
            throw new IllegalArgumentException("none of the parameters " + params.keySet()
                    + " reaches the output through a linear or conv2d node");
        }
        Map<Var, Layer> layerOf = new IdentityHashMap<>();
        List<Layer> layers = new ArrayList<>();
        Map<String, Layer> byName = new LinkedHashMap<>();
        for (String name : params.keySet()) { // layers in parameter order
            Var out = usedBy.get(name);
            if (out != null) {
                Layer layer = layerOf.computeIfAbsent(out, o -> layer(o, names));
                if (!layers.contains(layer)) {
                    layers.add(layer);
                }
                byName.put(name, layer);
            }
        }
        return new ParameterLayers(params, layers, byName, batchSize(layers));
    }

    private static void checkUse(String name, String op, int input) {
        boolean layerOp = op.equals("linear") || op.equals("conv2d");
        if (!layerOp || input == 0) {
            throw new IllegalArgumentException("parameter '" + name + "' is used by op '" + op + "' (input " + input
                    + "); per-example machinery supports parameters used only as the weight or bias of linear"
                    + " and conv2d ops");
        }
    }

    private static Layer layer(Var output, Map<Var, String> names) {
        Node n = output.node();
        List<Var> in = n.inputs();
        Var w = in.get(1);
        String weight = names.get(w);
        String bias = in.size() > 2 ? names.get(in.get(2)) : null;
        if (n.op().equals("linear")) {
            return new DenseLayer(output, weight, bias, w.shape().dims(), in.get(0).value());
        }
        return new Conv2dLayer(output, weight, bias, w.shape().dims(), in.get(0).value(),
                (Conv2dAttributes) n.attributes());
    }

    private static int batchSize(List<Layer> layers) {
        Layer first = layers.get(0);
        for (Layer l : layers) {
            if (l.batch != first.batch) {
                throw new IllegalArgumentException("layers disagree on the batch size: " + first.op + " of "
                        + first.names() + " sees " + first.batch + " examples, " + l.op + " of " + l.names()
                        + " sees " + l.batch + "; row b of every layer input must belong to example b");
            }
        }
        return first.batch;
    }

    /**
     * One backward pass of {@code ⟨seed, output⟩} (seed null: a scalar output) to the outputs of all layers: the
     * signals δ, in float64.
     */
    Map<Layer, Tensor> backward(Var output, Tensor seed) {
        List<Var> outs = new ArrayList<>();
        for (Layer l : layers) {
            outs.add(l.output);
        }
        List<Var> grads = Grad.grad(output, outs, seed == null ? null : Var.constant(seed), false);
        Map<Layer, Tensor> deltas = new IdentityHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            deltas.put(layers.get(i), grads.get(i).value().to(DType.FLOAT64));
        }
        return deltas;
    }

    /**
     * The signals at the outputs of all layers for the seed Var {@code seed} [B, K], recorded with createGraph so
     * that they are differentiable functions of the seed (for Jacobian-vector products by double backward).
     */
    List<Var> backwardGraph(Var output, Var seed) {
        List<Var> outs = new ArrayList<>();
        for (Layer l : layers) {
            outs.add(l.output);
        }
        return Grad.grad(output, outs, seed, true);
    }

    /** The distinct layers, in graph order. */
    List<Layer> all() {
        return layers;
    }

    int batchSize() {
        return batch;
    }

    List<String> names() {
        return names;
    }

    /** The layer of parameter {@code name}, or null when it does not reach the output. */
    Layer layerOf(String name) {
        return byName.get(name);
    }

    Var param(String name) {
        return params.get(name);
    }

    /** {@code result} (float64) in the dtype of parameter {@code name}. */
    Tensor inParamType(String name, Tensor result) {
        return result.to(params.get(name).dtype());
    }

    /** Zeros of shape {@code [lead..., ...shape of name]} for a parameter that does not reach the output. */
    Tensor zeros(String name, int... lead) {
        int[] shape = params.get(name).shape().dims();
        int[] dims = new int[lead.length + shape.length];
        System.arraycopy(lead, 0, dims, 0, lead.length);
        System.arraycopy(shape, 0, dims, lead.length, shape.length);
        return Tensor.zeros(params.get(name).dtype(), dims);
    }

    /** Checks that {@code values} has one tensor per requested parameter, of that parameter's shape. */
    Map<String, Tensor> checkCovers(Map<String, Tensor> values, String what) {
        Set<String> missing = new TreeSet<>(names());
        missing.removeAll(values.keySet());
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(names());
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(what + " must have one entry per parameter " + names()
                    + (missing.isEmpty() ? "" : "; missing " + missing) + (unknown.isEmpty() ? "" : "; unknown "
                    + unknown));
        }
        for (String name : names()) {
            Shape expected = params.get(name).shape();
            if (!values.get(name).shape().equals(expected)) {
                throw new IllegalArgumentException(what + " '" + name + "' has shape " + values.get(name).shape()
                        + " but the parameter has shape " + expected);
            }
        }
        return values;
    }
}
