package org.equitrain.nn;

import java.util.List;
import org.equitrain.autodiff.Indexing;
import org.equitrain.autodiff.Var;

/**
 * A lookup table of {@code numEmbeddings} learned vectors of size {@code dim} (weight [numEmbeddings, dim],
 * initialised N(0, 1) as in PyTorch). The input holds integer codes stored as doubles, of any shape S; the output
 * has shape S + [dim]. Rows used several times in a batch receive the sum of their gradients.
 */
public final class Embedding implements Module {
    private final int numEmbeddings;
    private final int dim;

    /** Throws unless both sizes are positive. */
    public Embedding(int numEmbeddings, int dim) {
        if (numEmbeddings <= 0 || dim <= 0) {
            throw new IllegalArgumentException("embedding: needs a positive table size and dimension, got "
                    + numEmbeddings + " x " + dim);
        }
        this.numEmbeddings = numEmbeddings;
        this.dim = dim;
    }

    /** Number of rows (valid codes are {@code 0 .. numEmbeddings − 1}). */
    public int numEmbeddings() {
        return numEmbeddings;
    }

    /** Size of each vector. */
    public int dim() {
        return dim;
    }

    @Override
    public List<ParamSpec> paramSpecs() {
        return List.of(new ParamSpec("weight", new int[] {numEmbeddings, dim}, Init.normal(1.0)));
    }

    @Override
    public Var forward(Params p, Var codes, Context ctx) {
        int[] rows = Indexing.codes("embedding", codes.value(), numEmbeddings);
        int[] outDims = new int[codes.rank() + 1];
        System.arraycopy(codes.shape().dims(), 0, outDims, 0, codes.rank());
        outDims[codes.rank()] = dim;
        return Indexing.indexSelect(p.get("weight"), 0, rows).reshape(outDims);
    }
}
