package org.equitrain.mutual;

import org.equitrain.autodiff.Activations;
import org.equitrain.autodiff.CustomOp;
import org.equitrain.autodiff.GradMode;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Tensor;

/**
 * The mutual-learning term as one autodiff op: {@code mean_b D_α(stopgrad(softmax(a_b)) ‖ softmax(z_b))}, summed
 * over classes and averaged over the batch (renyi-dml.md §2). The peer is detached; the student's gradient is the
 * closed form {@code (1/B)(q − w(α))} (§1, §3), computed in float64 during the forward pass.
 */
public final class RenyiMutualTerm {
    private RenyiMutualTerm() {
    }

    /**
     * The batch-mean divergence from the peer's prediction to the student's, a scalar in the student's dtype.
     * Both logits are {@code [batch, classes]}; no gradient reaches {@code peerLogits}.
     */
    public static Var batchMean(RenyiDivergence div, Var peerLogits, Var studentLogits) {
        if (studentLogits.rank() != 2 || !peerLogits.shape().equals(studentLogits.shape())) {
            throw new IllegalArgumentException("Rényi mutual term: peer logits " + peerLogits.shape()
                    + " and student logits " + studentLogits.shape() + " must both be [batch, classes]");
        }
        int batch = studentLogits.dim(0);
        int classes = studentLogits.dim(1);
        double[] peer = peerLogits.value().toDoubleArray();
        double[] grad = new double[batch * classes];
        double[] perSample = div.rows(peer, studentLogits.value().toDoubleArray(), classes, grad,
                studentLogits.dtype());
        double mean = 0;
        for (double d : perSample) {
            mean += d;
        }
        mean /= batch;
        for (int i = 0; i < grad.length; i++) {
            grad[i] /= batch; // renyi-dml.md §3: (1/B)(q − w)
        }
        Tensor value = Tensor.scalar(studentLogits.dtype(), mean);
        Tensor closedForm = Tensor.wrap(grad, studentLogits.shape()).to(studentLogits.dtype());
        return CustomOp.of("renyiMutual", value, g -> new Var[] {
            GradMode.isEnabled()
                    ? Ops.mul(differentiableGradient(div, peer, studentLogits), g)
                    : Ops.mul(Var.constant(closedForm), g)}, studentLogits);
    }

    /**
     * The same gradient {@code (T/B)(q − w)} built from differentiable ops of the student logits, for
     * createGraph passes (Hessian-vector products). Under the clamp: {@code q·Σ(w⊙mask) − w⊙mask}.
     */
    static Var differentiableGradient(RenyiDivergence div, double[] peer, Var student) {
        int batch = student.dim(0);
        int classes = student.dim(1);
        double t = div.temperature();
        if (div.alpha() == 0) {
            return Var.constant(Tensor.zeros(student.dtype(), student.shape()));
        }
        Var lq = Activations.logSoftmax(t == 1 ? student : Ops.mulScalar(student, 1 / t), 1);
        Var q = Activations.exp(lq);
        double[] lp = div.logProbs(peer, classes);
        Tensor mask = null;
        if (div.clampParity()) {
            mask = Tensor.zeros(student.dtype(), student.shape());
            for (int i = 0; i < lp.length; i++) {
                mask.setFlat(i, lq.value().getFlat(i) >= RenyiDivergence.logClampEps() ? 1 : 0);
            }
        }
        Var w;
        if (div.usesKlBranch(student.dtype())) {
            Tensor p = Tensor.zeros(student.dtype(), student.shape());
            for (int i = 0; i < lp.length; i++) {
                p.setFlat(i, Math.exp(lp[i]));
            }
            w = Var.constant(p);
        } else {
            double a = div.alpha();
            Var lqc = lq;
            if (mask != null) {
                Tensor floor = Tensor.zeros(student.dtype(), student.shape());
                for (int i = 0; i < lp.length; i++) {
                    floor.setFlat(i, (1 - mask.getFlat(i)) * RenyiDivergence.logClampEps());
                }
                lqc = Ops.add(Ops.mul(lq, Var.constant(mask)), Var.constant(floor));
            }
            Tensor alphaLp = Tensor.zeros(student.dtype(), student.shape());
            for (int i = 0; i < lp.length; i++) {
                alphaLp.setFlat(i, a * lp[i]);
            }
            w = Activations.softmax(Ops.add(Var.constant(alphaLp), Ops.mulScalar(lqc, 1 - a)), 1);
        }
        Var g;
        if (mask == null) {
            g = Ops.sub(q, w);
        } else {
            Var wm = Ops.mul(w, Var.constant(mask));
            g = Ops.sub(Ops.mul(q, Ops.sum(wm, 1, true)), wm);
        }
        return Ops.mulScalar(g, t / batch);
    }
}
