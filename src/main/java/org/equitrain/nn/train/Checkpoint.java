package org.equitrain.nn.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equitrain.autodiff.Var;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Optimizer;
import org.equitrain.nn.optim.OptimizerState;
import org.equitrain.tensor.Tensor;

/**
 * A snapshot of a training run: parameter values, buffers (BatchNorm running statistics), optimizer state (may be
 * null for a parameters-only file) and {@link TrainingProgress} (step, epoch, batch position, seed, last loss). The
 * seed and position are the whole random state: batch order and per-step randomness are derived from them (see
 * {@link Seeds}), so a resumed run is bit-identical to an unbroken one.
 *
 * <h2>File format (version 1)</h2>
 * All integers little-endian.
 * <pre>
 * offset 0        8 bytes   magic, ASCII "EQCKPT01"
 * offset 8        4 bytes   H, the length of the header (uint32)
 * offset 12       H bytes   header, UTF-8 JSON (below)
 * offset 12 + H   D bytes   tensor data: each tensor's elements in row-major order, IEEE 754 little-endian
 *                           (8 bytes for float64, 4 for float32), concatenated in header order
 * </pre>
 * The header:
 * <pre>
 * {"format": "equitrain-checkpoint", "version": 1,
 *  "progress": {"step": 1200, "epoch": 3, "batch": 17, "seed": 42, "lastLoss": 0.31},   (lastLoss null if none)
 *  "optimizer": {"kind": "adam", "steps": 1200, "learningRate": 0.001},                 (or null)
 *  "tensors": [{"group": "param", "name": "0.weight", "dtype": "float64", "shape": [4, 3],
 *               "offset": 0, "length": 96}, ...],       (group: "param", "buffer" or "optimizer"; offset and
 *                                                         length in bytes from the start of the tensor data)
 *  "dataLength": D, "dataCrc32": 123456789}              (CRC-32 of the D data bytes)
 * </pre>
 * Optimizer slots are stored as tensors of group "optimizer" named like "exp_avg/0.weight". Files are written
 * atomically (temporary file, then rename); a truncated or corrupt file is reported with the file name and what
 * was expected.
 */
public record Checkpoint(Map<String, Tensor> params, Map<String, Tensor> buffers, OptimizerState optimizer,
        TrainingProgress progress) {

    /** Copies both maps into unmodifiable ones, keeping their order (the tensors themselves are not copied). */
    public Checkpoint {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }

    /** A deep copy of the current state of a run ({@code optimizer} may be null). */
    public static Checkpoint capture(Params params, Map<String, Tensor> buffers, Optimizer optimizer,
            TrainingProgress progress) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        List<String> names = params.names();
        List<Var> vars = params.vars();
        for (int i = 0; i < names.size(); i++) {
            p.put(names.get(i), vars.get(i).value().copy());
        }
        Map<String, Tensor> b = new LinkedHashMap<>();
        buffers.keySet().stream().sorted().forEach(k -> b.put(k, buffers.get(k).copy()));
        return new Checkpoint(p, b, optimizer == null ? null : optimizer.state(), progress);
    }

    /** Writes this checkpoint to {@code path} atomically in the format above. */
    public void save(Path path) throws IOException {
        CheckpointCodec.write(path, this);
    }

    /** Reads a checkpoint; a truncated, corrupt or foreign file gives an IOException naming the file. */
    public static Checkpoint load(Path path) throws IOException {
        return CheckpointCodec.read(path);
    }

    /**
     * Copies the stored parameter values into {@code params}' tensors in place. The names must be the same sets and
     * each shape and dtype must match; an error names the first difference.
     */
    public void restoreParams(Params params) {
        List<String> names = params.names();
        if (!params().keySet().equals(Set.copyOf(names))) {
            throw new IllegalArgumentException("checkpoint parameters " + params().keySet()
                    + " differ from the model's " + names);
        }
        List<Var> vars = params.vars();
        for (int i = 0; i < names.size(); i++) {
            Tensor stored = params().get(names.get(i));
            Tensor target = vars.get(i).value();
            if (!stored.shape().equals(target.shape()) || stored.dtype() != target.dtype()) {
                throw new IllegalArgumentException("checkpoint parameter '" + names.get(i) + "' is " + stored.dtype()
                        + " " + stored.shape() + " but the model has " + target.dtype() + " " + target.shape());
            }
        }
        for (int i = 0; i < names.size(); i++) {
            vars.get(i).value().assign(params().get(names.get(i)));
        }
    }

    /** Replaces the contents of {@code target} with copies of the stored buffers. */
    public void restoreBuffers(Map<String, Tensor> target) {
        target.clear();
        buffers().forEach((k, t) -> target.put(k, t.copy()));
    }
}
