package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.List;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;

/** One Linear(h → numel) per target tensor, reshaped (torchhyper's heads): "name.weight" [numel, h], "name.bias". */
final class DenseHeads implements Heads {
    private final ParamTemplate template;
    private final int codeWidth;

    DenseHeads(ParamTemplate template, int codeWidth) {
        this.template = template;
        this.codeWidth = codeWidth;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        List<ParamSpec> specs = new ArrayList<>();
        for (ParamSpec t : template.specs()) {
            specs.add(new ParamSpec(t.name() + ".weight", new int[] {t.size(), codeWidth},
                    Init.uniformFanIn(codeWidth)));
            specs.add(new ParamSpec(t.name() + ".bias", new int[] {t.size()}, Heads.targetInit(t)));
        }
        return specs;
    }

    @Override
    public List<Var> generate(Params heads, Var code) {
        List<Var> out = new ArrayList<>();
        for (ParamSpec t : template.specs()) {
            Var flat = Ops.linear(code, heads.get(t.name() + ".weight"), heads.get(t.name() + ".bias"));
            out.add(Ops.reshape(flat, t.shape()));
        }
        return out;
    }
}
