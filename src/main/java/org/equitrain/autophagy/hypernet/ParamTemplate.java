package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.nn.Module;
import org.equitrain.nn.ParamSpec;

/**
 * The target model's trainable parameters read once, in declaration order, as an ordered name → shape map
 * (PLE spec §4 "Template"). Buffers such as BatchNorm running statistics live in the target's {@code Context}, not
 * in its specs, so they stay frozen and are never generated. Each tensor also has an offset in the flat parameter
 * vector θ ∈ R^P that the chunked heads produce.
 */
public final class ParamTemplate {
    private final List<ParamSpec> specs;
    private final int[] offsets;
    private final int totalSize;

    private ParamTemplate(List<ParamSpec> specs) {
        this.specs = List.copyOf(specs);
        this.offsets = new int[specs.size()];
        long total = 0;
        for (int i = 0; i < specs.size(); i++) {
            offsets[i] = (int) total;
            total += specs.get(i).size();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("target has " + total + " parameters, more than a flat vector holds");
        }
        this.totalSize = (int) total;
    }

    /** The template of {@code target}'s parameters; fails for a model with none. */
    public static ParamTemplate of(Module target) {
        List<ParamSpec> specs = target.paramSpecs();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("target " + target.getClass().getSimpleName()
                    + " has no parameters to generate");
        }
        return new ParamTemplate(specs);
    }

    /** The target's specs in order (names, shapes and the target's own initialisers). */
    public List<ParamSpec> specs() {
        return specs;
    }

    /** The target's parameter names, in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(specs.size());
        for (ParamSpec s : specs) {
            names.add(s.name());
        }
        return names;
    }

    /** Number of parameter tensors. */
    public int tensorCount() {
        return specs.size();
    }

    /** P, the number of scalar parameters of the target. */
    public int totalSize() {
        return totalSize;
    }

    /** Where tensor {@code i} starts in the flat vector θ (tensors laid out in order, each row-major). */
    public int offset(int i) {
        return offsets[i];
    }

    /** The spec named {@code name}; an error lists the names that exist. */
    public ParamSpec spec(String name) {
        for (ParamSpec s : specs) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("the target has no parameter '" + name + "'; have " + names());
    }
}
