package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;

/**
 * Which {@link Constraint} maps each named target parameter from raw head output to model-facing value; names not
 * listed are {@link Constraint#IDENTITY}. Immutable: {@code ParamConstraints.none().with("variance",
 * Constraint.POSITIVE)}. The penalty of PLE is computed on the constrained values by default (spec §3
 * "coordinates"), on the raw ones on request.
 */
public final class ParamConstraints {
    /** Default floor ε added to softplus outputs (variances, Cholesky diagonals). */
    public static final double DEFAULT_EPSILON = 1e-6;

    private final Map<String, Constraint> byName;
    private final double epsilon;

    private ParamConstraints(Map<String, Constraint> byName, double epsilon) {
        this.byName = byName;
        this.epsilon = epsilon;
    }

    /** Every parameter unconstrained. */
    public static ParamConstraints none() {
        return new ParamConstraints(Map.of(), DEFAULT_EPSILON);
    }

    /** These constraints plus {@code name → constraint}. */
    public ParamConstraints with(String name, Constraint constraint) {
        Map<String, Constraint> m = new LinkedHashMap<>(byName);
        m.put(name, constraint);
        return new ParamConstraints(Map.copyOf(m), epsilon);
    }

    /** The same constraints with another softplus floor ε ≥ 0. */
    public ParamConstraints withEpsilon(double eps) {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("the softplus floor must be >= 0, got " + eps);
        }
        return new ParamConstraints(byName, eps);
    }

    /** The softplus floor ε. */
    public double epsilon() {
        return epsilon;
    }

    /** The constraint on {@code name} (identity when none was declared). */
    public Constraint of(String name) {
        return byName.getOrDefault(name, Constraint.IDENTITY);
    }

    /** Checks every declared name exists in the template and has a shape its constraint accepts. */
    public void validate(ParamTemplate template) {
        for (Map.Entry<String, Constraint> e : byName.entrySet()) {
            ParamSpec spec = template.spec(e.getKey());
            String misfit = e.getValue().misfit(spec.shape());
            if (misfit != null) {
                throw new IllegalArgumentException("constraint " + e.getValue() + " on '" + spec + "': " + misfit);
            }
        }
    }

    /** The model-facing parameters: each raw value passed through its constraint, names and order kept. */
    public Params apply(Params raw) {
        List<Var> out = new ArrayList<>();
        for (String name : raw.names()) {
            out.add(of(name).apply(raw.asMap().get(name), epsilon));
        }
        return raw.withValues(out);
    }
}
