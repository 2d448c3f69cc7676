package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Activation;
import org.equitrain.nn.Context;
import org.equitrain.nn.Linear;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;
import org.equitrain.nn.Sequential;
import org.equitrain.tensor.ShapeException;

/**
 * A hypernetwork generated automatically from any target {@link Module}: it maps a data set X = {x_1..x_B} to
 * every parameter of the target (PLE spec §4, after torchhyper's {@code hypernetwork_architectures.py}):
 * <pre>
 *   θ = heads( h²( (1/B) Σ_i h¹(x_i) ) )        (PLE v3 Eq. 6, DeepSets form, mean pooled)
 * </pre>
 * The target's parameters are read once into a {@link ParamTemplate}. {@link #generate} returns them as
 * differentiable values under the target's names, so {@code target.forward(generate(φ, X), x)} back-propagates into
 * φ. The hypernetwork is itself a {@link Module} ({@code Params.init(hypernet, dtype, seed)} gives φ); its
 * {@link #forward} returns the code that the heads read. Its own parameters are named "encoder.*", "outer.*" and
 * "heads.*".
 */
public final class Hypernetwork implements Module {
    private final ParamTemplate template;
    private final HypernetConfig config;
    private final Sequential encoder;
    private final Sequential outer;
    private final Heads heads;

    /** The hypernetwork of {@code target}'s parameters with architecture {@code config}. */
    public Hypernetwork(Module target, HypernetConfig config) {
        this.template = ParamTemplate.of(target);
        this.config = config;
        int[] widths = config.encoderWidths();
        int in = config.naiveBatchSize() > 0 ? config.naiveBatchSize() * config.inputDim() : config.inputDim();
        List<Module> layers = new ArrayList<>();
        for (int w : widths) {
            layers.add(new Linear(in, w));
            layers.add(Activation.relu());
            in = w;
        }
        this.encoder = new Sequential(layers);
        int h = config.codeWidth();
        List<Module> outerLayers = new ArrayList<>();
        for (int i = 0; config.outerNet() && i < HypernetConfig.OUTER_LAYERS; i++) {
            outerLayers.add(new Linear(h, h));
            outerLayers.add(Activation.relu());
        }
        this.outer = new Sequential(outerLayers);
        this.heads = config.heads().build(template, h);
    }

    /** The target's parameter names, shapes and flat offsets. */
    public ParamTemplate template() {
        return template;
    }

    /** The architecture. */
    public HypernetConfig config() {
        return config;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        encoder.paramSpecs().forEach(s -> specs.add(s.prefixed("encoder")));
        outer.paramSpecs().forEach(s -> specs.add(s.prefixed("outer")));
        heads.paramSpecs().forEach(s -> specs.add(s.prefixed("heads")));
        return specs;
    }

    /** The code [1, h] of the data set {@code data} [B ≥ 1, d] (or [B, ...] flattening to d per sample). */
    @Override
    public Var forward(Params phi, Var data, Context ctx) {
        Var x = flattenSamples(data);
        Var code;
        if (config.naiveBatchSize() > 0) {
            if (x.dim(0) != config.naiveBatchSize()) {
                throw new ShapeException("hypernetwork", "the naive encoder was built for batches of "
                        + config.naiveBatchSize() + " samples, got " + data.shape());
            }
            code = encoder.forward(phi.scope("encoder"), Ops.reshape(x, 1, x.dim(0) * x.dim(1)), ctx);
        } else {
            // h¹ per sample, then mean pooling over the B samples: permutation invariant, any B.
            code = Ops.mean(encoder.forward(phi.scope("encoder"), x, ctx), 0, true);
        }
        return outer.forward(phi.scope("outer"), code, ctx);
    }

    /** The code of {@code data} in evaluation mode. */
    public Var encode(Params phi, Var data) {
        return forward(phi, data, Context.eval());
    }

    /**
     * The target's parameters generated from the data set: same names, order and shapes as the target's specs, raw
     * head outputs (apply {@link ParamConstraints} for model-facing values), differentiable in φ and in the data.
     */
    public Params generate(Params phi, Var data) {
        return bind(phi).apply(data);
    }

    /**
     * {@link #generate} bound to φ, for generating from several data sets with one φ (a PLE step evaluates H on
     * 1 + M sets): the heads' data-independent parts are computed once per binding; values are those of generate.
     */
    public Function<Var, Params> bind(Params phi) {
        Function<Var, List<Var>> bound = heads.bind(phi.scope("heads"));
        return data -> {
            List<Var> tensors = bound.apply(encode(phi, data));
            Map<String, Var> named = new LinkedHashMap<>();
            for (int i = 0; i < tensors.size(); i++) {
                named.put(template.specs().get(i).name(), tensors.get(i));
            }
            return Params.of(named);
        };
    }

    /** Number of scalar parameters φ of the hypernetwork. */
    public long parameterCount() {
        long n = 0;
        for (ParamSpec s : paramSpecs()) {
            n += s.size();
        }
        return n;
    }

    /** P, the number of scalar parameters of the target. */
    public long targetParameterCount() {
        return template.totalSize();
    }

    /** Hypernetwork size over target size (spec §4: report it). */
    public double sizeRatio() {
        return (double) parameterCount() / targetParameterCount();
    }

    /** A one-line size report: "hypernetwork 1234 parameters, target 56 (ratio 22.0)". */
    public String sizeReport() {
        return String.format(Locale.ROOT, "hypernetwork %d parameters, target %d (ratio %.3g), %s",
                parameterCount(), targetParameterCount(), sizeRatio(), config);
    }

    private Var flattenSamples(Var data) {
        if (data.rank() < 2) {
            throw new ShapeException("hypernetwork", "expected a data set [samples, features...], got "
                    + data.shape());
        }
        if (data.dim(0) == 0) {
            throw new ShapeException("hypernetwork", "the data set " + data.shape() + " has no samples to pool");
        }
        int perSample = data.shape().sizeBetween(1, data.rank());
        if (perSample != config.inputDim()) {
            throw new ShapeException("hypernetwork", "samples of shape " + data.shape() + " have " + perSample
                    + " values each, the hypernetwork was built for " + config.inputDim());
        }
        return data.rank() == 2 ? data : Ops.reshape(data, data.dim(0), perSample);
    }
}
