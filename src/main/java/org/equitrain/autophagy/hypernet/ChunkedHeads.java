package org.equitrain.autophagy.hypernet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.equitrain.autodiff.Indexing;
import org.equitrain.autodiff.Ops;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Init;
import org.equitrain.nn.ParamSpec;
import org.equitrain.nn.Params;

/**
 * The flat θ ∈ R^P cut into K = ⌈P/C⌉ chunks of size C (the last one padded). One shared Linear(h + d_e → C) maps
 * [code ; e_k] to chunk k (PLE spec §4 "Scale", [choice]). Its weight is stored as the two blocks acting on the
 * code ("code_weight" [C, h]) and on the embedding ("embedding_weight" [C, d_e]), so all chunks are one product:
 * chunks = E·W_eᵀ + b + code·W_cᵀ (broadcast over k) with E = "embeddings" [K, d_e].
 */
final class ChunkedHeads implements Heads {
    private final ParamTemplate template;
    private final int codeWidth;
    private final int chunkSize;
    private final int embeddingDim;
    private final int chunks;

    ChunkedHeads(ParamTemplate template, int codeWidth, int chunkSize, int embeddingDim) {
        this.template = template;
        this.codeWidth = codeWidth;
        this.chunkSize = chunkSize;
        this.embeddingDim = embeddingDim;
        this.chunks = (template.totalSize() + chunkSize - 1) / chunkSize;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        Init shared = Init.uniformFanIn(codeWidth + embeddingDim);
        return List.of(
                new ParamSpec("code_weight", new int[] {chunkSize, codeWidth}, shared),
                new ParamSpec("embedding_weight", new int[] {chunkSize, embeddingDim}, shared),
                new ParamSpec("bias", new int[] {chunkSize}, shared),
                new ParamSpec("embeddings", new int[] {chunks, embeddingDim}, Init.normal(1)));
    }

    @Override
    public List<Var> generate(Params heads, Var code) {
        return bind(heads).apply(code);
    }

    /**
     * Per target tensor i, the rows k0..k1 of E·W_eᵀ + b [K, C] that cover its range of θ; they do not depend on
     * the code, so a binding computes them once (one PLE step's 1 + M sets). Each tensor is cut from its own rows
     * plus code·W_cᵀ, so its gradient is padded to those rows only, not to all of θ (O(P) per set, not O(P·tensors)).
     */
    @Override
    public Function<Var, List<Var>> bind(Params heads) {
        List<Var> rows = new ArrayList<>();
        for (int i = 0; i < template.tensorCount(); i++) {
            int first = template.offset(i) / chunkSize;
            int last = (template.offset(i) + template.specs().get(i).size() - 1) / chunkSize;
            Var e = Indexing.narrow(heads.get("embeddings"), 0, first, last - first + 1);
            rows.add(Ops.linear(e, heads.get("embedding_weight"), heads.get("bias")));         // [r_i, C]
        }
        return code -> {
            Var shared = Ops.linear(code, heads.get("code_weight"), null);                     // [1, C]
            List<Var> out = new ArrayList<>();
            for (int i = 0; i < template.tensorCount(); i++) {
                ParamSpec t = template.specs().get(i);
                Var block = Ops.add(rows.get(i), shared);
                Var flat = Ops.reshape(block, block.value().size());
                int start = template.offset(i) - (template.offset(i) / chunkSize) * chunkSize;
                out.add(Ops.reshape(Indexing.narrow(flat, 0, start, t.size()), t.shape()));
            }
            return out;
        };
    }
}
