package org.equitrain.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Pointwise;
import org.equitrain.autodiff.Var;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.ShapeException;
import org.equitrain.tensor.Tensor;

/**
 * Batch normalisation (Ioffe &amp; Szegedy 2015, Alg. 1) over the channel axis 1 of inputs [B, C] (PyTorch's
 * BatchNorm1d), [B, C, L] or [B, C, H, W] (BatchNorm2d): {@code y = (x − μ) / √(σ² + ε) · γ + β}, with statistics
 * per channel over every other axis. Defaults as in PyTorch: ε = 1e-5, momentum 0.1, affine γ (ones) and β (zeros)
 * named "weight" and "bias".
 *
 * <p>In training mode μ and σ² are the batch mean and biased variance, and the running statistics are updated as
 * {@code r ← (1 − momentum)·r + momentum·s}, with the unbiased variance for {@code running_var}. In evaluation mode
 * the running statistics are used. They live in {@link Context#buffers()} under the layer's full name, resolved
 * through {@link Params#fullName}: a BatchNorm at index 1 of a {@link Sequential} keeps "1.running_mean" and
 * "1.running_var" beside "1.weight", as in a PyTorch state dict. The first training-mode pass creates them (mean 0,
 * variance 1); an evaluation pass without them is an error, since it usually means the training buffers were not
 * passed to {@link Context#eval(Map)}. Evaluation reads them in the input's dtype.
 */
public final class BatchNorm implements Module {
    /** Name of the running-mean buffer within the layer's scope ("1.running_mean" at index 1 of a Sequential). */
    public static final String RUNNING_MEAN = "running_mean";
    /** Name of the running-variance buffer (unbiased variance) within the layer's scope. */
    public static final String RUNNING_VAR = "running_var";

    private final int channels;
    private final double eps;
    private final double momentum;
    private final boolean affine;

    /** PyTorch's defaults: ε = 1e-5, momentum 0.1, affine. */
    public BatchNorm(int channels) {
        this(channels, 1e-5, 0.1, true);
    }

    /**
     * Throws unless {@code channels > 0}, {@code eps > 0} and {@code momentum} is in [0, 1]; without {@code affine}
     * there are no parameters.
     */
    public BatchNorm(int channels, double eps, double momentum, boolean affine) {
        if (channels <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("BatchNorm needs channels > 0, eps > 0 and momentum in [0, 1]; got "
                    + channels + ", " + eps + ", " + momentum);
        }
        this.channels = channels;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
    }

    /** Number of channels C on axis 1. */
    public int channels() {
        return channels;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        if (affine) {
            specs.add(new ParamSpec("weight", new int[] {channels}, Init.constant(1)));
            specs.add(new ParamSpec("bias", new int[] {channels}, Init.zeros()));
        }
        return specs;
    }

    @Override
    public Var forward(Params p, Var x, Context ctx) {
        if (x.rank() < 2 || x.dim(1) != channels) {
            throw new ShapeException("batchNorm", "input " + x.shape() + " does not have " + channels
                    + " channels on axis 1 (expected [batch, " + channels + ", ...])");
        }
        int batch = x.dim(0);
        int length = x.value().size() / Math.max(1, batch * channels);
        Var x3 = x.reshape(batch, channels, length);
        Var centered;
        Var variance;
        if (ctx.training()) {
            int n = batch * length;
            if (n < 2) {
                throw new ShapeException("batchNorm", "training needs more than one value per channel, got input "
                        + x.shape());
            }
            Var mean = Ops.mean(Ops.mean(x3, 2, true), 0, true);
            centered = Ops.sub(x3, mean);
            variance = Ops.mean(Ops.mean(Ops.mul(centered, centered), 2, true), 0, true);
            updateRunning(p, ctx, mean.value(), variance.value(), n);
        } else {
            // buffers in the input's dtype: float64 statistics must not turn a float32 model's output into float64
            centered = Ops.sub(x3, Var.constant(buffer(p, ctx, RUNNING_MEAN).to(x.dtype()).reshape(1, channels, 1)));
            variance = Var.constant(buffer(p, ctx, RUNNING_VAR).to(x.dtype()).reshape(1, channels, 1));
        }
        // Alg. 1: x̂ = (x − μ) / √(σ² + ε); y = γ x̂ + β, applied as (x − μ)·s + β with the per-channel scale
        // s = γ / √(σ² + ε) [1, C, 1], so the full-size tensor sees one product (and its backward two) instead of
        // a quotient and a product.
        Var scale = Pointwise.pow(Ops.addScalar(variance, eps), -0.5);
        if (affine) {
            scale = Ops.mul(scale, p.get("weight").reshape(1, channels, 1));
        }
        Var y = Ops.mul(centered, scale);
        if (affine) {
            y = Ops.add(y, p.get("bias").reshape(1, channels, 1));
        }
        return y.reshape(x.shape().dims());
    }

    private void updateRunning(Params p, Context ctx, Tensor mean, Tensor biasedVar, int n) {
        Map<String, Tensor> buffers = ctx.buffers();
        String meanKey = p.fullName(RUNNING_MEAN);
        String varKey = p.fullName(RUNNING_VAR);
        Tensor oldMean = buffers.get(meanKey);
        Tensor oldVar = buffers.get(varKey);
        Tensor newMean = Tensor.zeros(mean.dtype(), channels);
        Tensor newVar = Tensor.zeros(mean.dtype(), channels);
        double unbias = n / (n - 1.0);
        for (int c = 0; c < channels; c++) {
            double rm = oldMean == null ? 0 : oldMean.getFlat(c);
            double rv = oldVar == null ? 1 : oldVar.getFlat(c);
            newMean.setFlat(c, (1 - momentum) * rm + momentum * mean.getFlat(c));
            newVar.setFlat(c, (1 - momentum) * rv + momentum * biasedVar.getFlat(c) * unbias);
        }
        buffers.put(meanKey, newMean);
        buffers.put(varKey, newVar);
    }

    private Tensor buffer(Params p, Context ctx, String name) {
        String key = p.fullName(name);
        Tensor t = ctx.buffers().get(key);
        if (t == null) {
            throw new IllegalStateException("BatchNorm has no buffer '" + key + "' in evaluation mode; pass the "
                    + "buffers filled in training to Context.eval(buffers) (have " + ctx.buffers().keySet() + ")");
        }
        if (!t.shape().equals(Shape.of(channels))) {
            throw new ShapeException("batchNorm", "buffer '" + key + "' has shape " + t.shape() + ", expected ["
                    + channels + "]");
        }
        return t;
    }
}
