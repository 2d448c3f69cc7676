package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;

/**
 * θ = θ_0 + U·a(code) with a = Linear(h → r) ("coefficients") and U ∈ R^{P×r} (PLE spec §4 "Scale", [choice]).
 * U and θ_0 are stored per target tensor ("name.basis" [numel, r], "name.base" [numel]), the row blocks of the
 * flat U and θ_0, so each tensor is one linear map of a; θ_0 starts at the target's own initialisation.
 */
final class LowRankHeads implements Heads {
    private final ParamTemplate template;
    private final int codeWidth;
    private final int rank;

    LowRankHeads(ParamTemplate template, int codeWidth, int rank) {
        this.template = template;
        this.codeWidth = codeWidth;
        this.rank = rank;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        specs.add(new ParamSpec("coefficients.weight", new int[] {rank, codeWidth}, Init.uniformFanIn(codeWidth)));
        specs.add(new ParamSpec("coefficients.bias", new int[] {rank}, Init.uniformFanIn(codeWidth)));
        for (ParamSpec t : template.specs()) {
            specs.add(new ParamSpec(t.name() + ".basis", new int[] {t.size(), rank}, Init.uniformFanIn(rank)));
            specs.add(new ParamSpec(t.name() + ".base", new int[] {t.size()}, Heads.targetInit(t)));
        }
        return specs;
    }

    @Override
    public List<Var> generate(Params heads, Var code) {
        Var a = Ops.linear(code, heads.get("coefficients.weight"), heads.get("coefficients.bias"));
        List<Var> out = new ArrayList<>();
        for (ParamSpec t : template.specs()) {
            Var flat = Ops.linear(a, heads.get(t.name() + ".basis"), heads.get(t.name() + ".base"));
            out.add(Ops.reshape(flat, t.shape()));
        }
        return out;
    }
}
