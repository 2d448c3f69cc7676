package org.equitrain.autodiff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.tensor.Tensor;

/** Reverse-mode differentiation over the graph that ends in an output {@link Var}. */
public final class Grad {
    private Grad() {
    }

    /** Gradients of a scalar {@code output} with respect to each of {@code wrt} (zeros where unused). */
    public static List<Var> grad(Var output, List<Var> wrt) {
        return grad(output, wrt, null, false);
    }

    /** Gradient tensors of a scalar output, the common case in training loops. */
    public static List<Tensor> gradTensors(Var output, List<Var> wrt) {
        List<Var> g = grad(output, wrt);
        List<Tensor> res = new ArrayList<>(g.size());
        for (Var v : g) {
            res.add(v.value());
        }
        return res;
    }

    /**
     * Vector-Jacobian product: the gradient of {@code ⟨seed, output⟩} with respect to {@code wrt}. With
     * {@code createGraph} the returned gradients are themselves differentiable (for Hessian-vector products).
     * A null seed means ones (the output must then be a scalar).
     */
    public static List<Var> grad(Var output, List<Var> wrt, Var seed, boolean createGraph) {
        if (seed == null && output.value().size() != 1) {
            throw new IllegalArgumentException("grad of a non-scalar output of shape " + output.shape()
                    + " needs a seed of the same shape");
        }
        Map<Var, Var> grads = new IdentityHashMap<>();
        Map<Var, Boolean> targets = new IdentityHashMap<>();
        for (Var w : wrt) {
            targets.put(w, Boolean.TRUE);
        }
        if (output.requiresGrad()) {
            Var g0 = seed != null ? seed : Var.constant(Tensor.full(output.dtype(), 1.0, output.shape()));
            grads.put(output, g0);
            List<Var> order = topologicalOrder(output);
            Map<Var, Boolean> leads = leadingToTargets(order, targets);
            try (GradMode mode = GradMode.set(createGraph)) {
                for (Var v : order) {
                    Var g = grads.get(v);
                    Node node = v.node();
                    if (!targets.containsKey(v)) {
                        grads.remove(v); // intermediate gradients are not kept, so memory stays bounded
                    }
                    if (g == null || node == null || !anyInputLeads(node, leads)) {
                        continue; // no target lies below this node: its backward rule cannot contribute
                    }
                    Var[] inGrads = node.backward().apply(g);
                    for (int i = 0; i < node.arity(); i++) {
                        Var in = node.input(i);
                        if (inGrads[i] == null || !in.requiresGrad() || !leads.containsKey(in)) {
                            continue;
                        }
                        if (!inGrads[i].shape().equals(in.shape())) {
                            throw new IllegalStateException("backward of " + node.op() + " gave gradient shape "
                                    + inGrads[i].shape() + " for input of shape " + in.shape());
                        }
                        Var prev = grads.get(in);
                        grads.put(in, prev == null ? inGrads[i] : Ops.add(prev, inGrads[i]));
                    }
                }
            }
        }
        List<Var> res = new ArrayList<>(wrt.size());
        for (Var w : wrt) {
            Var g = grads.get(w);
            res.add(g != null ? g : Var.constant(Tensor.zeros(w.dtype(), w.shape())));
        }
        return res;
    }

    /**
     * The values of {@code order} (outputs before inputs) from which a target is reachable through inputs, the
     * targets included: only their gradients can reach a target, so nothing below the lowest target is visited
     * (e.g. no weight gradients of a first layer when the targets are layer outputs).
     */
    private static Map<Var, Boolean> leadingToTargets(List<Var> order, Map<Var, Boolean> targets) {
        Map<Var, Boolean> leads = new IdentityHashMap<>();
        for (int j = order.size() - 1; j >= 0; j--) { // inputs before outputs
            Var v = order.get(j);
            if (targets.containsKey(v) || v.node() != null && anyInputLeads(v.node(), leads)) {
                leads.put(v, Boolean.TRUE);
            }
        }
        return leads;
    }

    private static boolean anyInputLeads(Node node, Map<Var, Boolean> leads) {
        for (int i = 0; i < node.arity(); i++) {
            if (leads.containsKey(node.input(i))) {
                return true;
            }
        }
        return false;
    }

    /** Nodes reachable from {@code output} through differentiable values, outputs before inputs. */
    private static List<Var> topologicalOrder(Var output) {
        List<Var> post = new ArrayList<>();
        Map<Var, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {output, 0});
        visited.put(output, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Var v = (Var) top[0];
            int next = (Integer) top[1];
            Node n = v.node();
            if (n != null && next < n.arity()) {
                top[1] = next + 1;
                Var in = n.input(next);
                if (in.requiresGrad() && visited.put(in, Boolean.TRUE) == null) {
                    stack.push(new Object[] {in, 0});
                }
            } else {
                stack.pop();
                post.add(v);
            }
        }
        List<Var> order = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) {
            order.add(post.get(i));
        }
        return order;
    }
}
