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
            Map<Var, Boolean> leads = leadsToTargets(order, targets);
            try (GradMode mode = GradMode.set(createGraph)) {
                for (Var v : order) {
                    Var g = grads.get(v);
                    Node node = v.node();
                    if (g == null || node == null) {
                        continue;
                    }
                    if (!targets.containsKey(v)) {
                        grads.remove(v); // intermediate gradients are not kept, so memory stays bounded
                    }
                    boolean[] wanted = new boolean[node.arity()];
                    boolean any = false;
                    for (int i = 0; i < wanted.length; i++) {
                        wanted[i] = leads.containsKey(node.input(i));
                        any |= wanted[i];
                    }
                    if (!any) {
                        continue; // no requested gradient lies behind this node
                    }
                    Var[] inGrads = node.backward() instanceof Node.SelectiveBackward s ? s.apply(g, wanted)
                            : node.backward().apply(g);
                    for (int i = 0; i < node.arity(); i++) {
                        Var in = node.input(i);
                        if (inGrads[i] == null || !in.requiresGrad() || !wanted[i]) {
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
     * The values of {@code order} (outputs before inputs) from which some target is reachable: only their
     * gradients can contribute to the result, so backward work for the others is skipped.
     */
    private static Map<Var, Boolean> leadsToTargets(List<Var> order, Map<Var, Boolean> targets) {
        Map<Var, Boolean> leads = new IdentityHashMap<>();
        for (int k = order.size() - 1; k >= 0; k--) {
            Var v = order.get(k);
            boolean lead = targets.containsKey(v);
            Node n = v.node();
            for (int i = 0; !lead && n != null && i < n.arity(); i++) {
                lead = leads.containsKey(n.input(i));
            }
            if (lead) {
                leads.put(v, Boolean.TRUE);
            }
        }
        return leads;
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
