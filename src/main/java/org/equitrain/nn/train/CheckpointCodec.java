package org.equitrain.nn.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import org.equitrain.io.AtomicFiles;
import org.equitrain.nn.optim.OptimizerState;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Shape;
import org.equitrain.tensor.Tensor;

/** Reads and writes the checkpoint format documented on {@link Checkpoint}. */
final class CheckpointCodec {
    static final byte[] MAGIC = "EQCKPT01".getBytes(StandardCharsets.US_ASCII);
    private static final String FORMAT = "equitrain-checkpoint";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointCodec() {
    }

    private record Entry(String group, String name, Tensor tensor) {
    }

    static void write(Path path, Checkpoint c) throws IOException {
        List<Entry> entries = new ArrayList<>();
        c.params().forEach((k, t) -> entries.add(new Entry("param", k, t)));
        c.buffers().forEach((k, t) -> entries.add(new Entry("buffer", k, t)));
        if (c.optimizer() != null) {
            c.optimizer().slots().forEach((k, t) -> entries.add(new Entry("optimizer", k, t)));
        }
        List<byte[]> data = new ArrayList<>();
        CRC32 crc = new CRC32();
        ObjectNode header = JSON.createObjectNode();
        header.put("format", FORMAT).put("version", VERSION);
        TrainingProgress p = c.progress();
        ObjectNode progress = header.putObject("progress");
        progress.put("step", p.step()).put("epoch", p.epoch()).put("batch", p.batch()).put("seed", p.seed());
        if (Double.isFinite(p.lastLoss())) {
            progress.put("lastLoss", p.lastLoss());
        } else {
            progress.putNull("lastLoss");
        }
        if (c.optimizer() == null) {
            header.putNull("optimizer");
        } else {
            header.putObject("optimizer").put("kind", c.optimizer().kind()).put("steps", c.optimizer().steps())
                    .put("learningRate", c.optimizer().learningRate());
        }
        ArrayNode tensors = header.putArray("tensors");
        long offset = 0;
        for (Entry e : entries) {
            byte[] bytes = encode(e.tensor());
            crc.update(bytes);
            data.add(bytes);
            ObjectNode t = tensors.addObject();
            t.put("group", e.group()).put("name", e.name()).put("dtype", e.tensor().dtype().name().toLowerCase(Locale.ROOT));
            ArrayNode shape = t.putArray("shape");
            for (int d : e.tensor().dims()) {
                shape.add(d);
            }
            t.put("offset", offset).put("length", bytes.length);
            offset += bytes.length;
        }
        header.put("dataLength", offset).put("dataCrc32", crc.getValue());
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        AtomicFiles.write(path, out -> {
            out.write(MAGIC);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(headerBytes.length).array());
            out.write(headerBytes);
            for (byte[] b : data) {
                out.write(b);
            }
        });
    }

    private static byte[] encode(Tensor t) {
        if (t.dtype() == DType.FLOAT64) {
            ByteBuffer buf = ByteBuffer.allocate(t.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
            buf.asDoubleBuffer().put(t.doubles());
            return buf.array();
        }
        ByteBuffer buf = ByteBuffer.allocate(t.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(t.floats());
        return buf.array();
    }

    static Checkpoint read(Path path) throws IOException {
        long fileSize = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
            byte[] magic = readFully(path, in, MAGIC.length, "the 8-byte magic \"EQCKPT01\"");
            if (!Arrays.equals(magic, MAGIC)) {
                throw error(path, "not an equitrain checkpoint (expected magic \"EQCKPT01\", found \""
                        + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?") + "\")");
            }
            long headerLength = ByteBuffer.wrap(readFully(path, in, 4, "the 4-byte header length"))
                    .order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (12 + headerLength > fileSize || headerLength > Integer.MAX_VALUE) {
                throw error(path, "truncated: the header should be " + headerLength + " bytes but only "
                        + (fileSize - 12) + " bytes follow the length field");
            }
            JsonNode header;
            try {
                header = JSON.readTree(readFully(path, in, (int) headerLength, "the JSON header"));
            } catch (JsonProcessingException e) {
                throw error(path, "the header is not valid JSON: " + e.getOriginalMessage());
            }
            if (!FORMAT.equals(text(path, header, "format")) || integer(path, header, "version") != VERSION) {
                throw error(path, "expected format \"" + FORMAT + "\" version " + VERSION + ", found "
                        + header.get("format") + " version " + header.get("version"));
            }
            long dataLength = integer(path, header, "dataLength");
            long found = fileSize - 12 - headerLength;
            if (found < dataLength) {
                throw error(path, "truncated: expected " + dataLength + " bytes of tensor data after the "
                        + headerLength + "-byte header, found " + found);
            }
            if (found > dataLength) {
                throw error(path, (found - dataLength) + " unexpected bytes after the " + dataLength
                        + " bytes of tensor data");
            }
            return decode(path, in, header, dataLength);
        }
    }

    private static Checkpoint decode(Path path, InputStream in, JsonNode header, long dataLength) throws IOException {
        Map<String, Map<String, Tensor>> groups = new LinkedHashMap<>();
        for (String g : List.of("param", "buffer", "optimizer")) {
            groups.put(g, new LinkedHashMap<>());
        }
        CRC32 crc = new CRC32();
        long offset = 0;
        for (JsonNode t : field(path, header, "tensors")) {
            String name = text(path, t, "name");
            String group = text(path, t, "group");
            String what = "tensor '" + name + "'";
            if (!groups.containsKey(group)) {
                throw error(path, what + " has unknown group \"" + group + "\" (expected param, buffer or optimizer)");
            }
            DType dtype = switch (text(path, t, "dtype")) {
                case "float64" -> DType.FLOAT64;
                case "float32" -> DType.FLOAT32;
                default -> throw error(path, what + " has dtype " + t.get("dtype") + ", expected float64 or float32");
            };
            int[] dims = new int[field(path, t, "shape").size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = t.get("shape").get(i).asInt();
            }
            Shape shape;
            try {
                shape = Shape.of(dims);
            } catch (IllegalArgumentException e) {
                throw error(path, what + " has an invalid shape: " + e.getMessage());
            }
            long length = integer(path, t, "length");
            int width = dtype == DType.FLOAT64 ? 8 : 4;
            if (integer(path, t, "offset") != offset || length != (long) shape.size() * width
                    || offset + length > dataLength) {
                throw error(path, what + " should occupy " + (long) shape.size() * width + " bytes at offset "
                        + offset + " (" + dtype.name().toLowerCase(Locale.ROOT) + " " + shape + "), header says "
                        + t.get("length") + " bytes at offset " + t.get("offset"));
            }
            byte[] bytes = readFully(path, in, (int) length, "the data of " + what);
            crc.update(bytes);
            offset += length;
            groups.get(group).put(name, decodeTensor(bytes, dtype, shape));
        }
        if (offset != dataLength) {
            throw error(path, "the tensors cover " + offset + " bytes but dataLength is " + dataLength);
        }
        if (crc.getValue() != integer(path, header, "dataCrc32")) {
            throw error(path, "corrupt tensor data: CRC-32 is " + crc.getValue() + ", the header expects "
                    + header.get("dataCrc32"));
        }
        JsonNode p = field(path, header, "progress");
        JsonNode lastLoss = field(path, p, "lastLoss");
        TrainingProgress progress = new TrainingProgress(integer(path, p, "step"), (int) integer(path, p, "epoch"),
                (int) integer(path, p, "batch"), integer(path, p, "seed"),
                lastLoss.isNull() ? Double.NaN : lastLoss.asDouble());
        JsonNode o = field(path, header, "optimizer");
        OptimizerState optimizer = o.isNull() ? null : new OptimizerState(text(path, o, "kind"),
                integer(path, o, "steps"), field(path, o, "learningRate").asDouble(), groups.get("optimizer"));
        return new Checkpoint(groups.get("param"), groups.get("buffer"), optimizer, progress);
    }

    private static Tensor decodeTensor(byte[] bytes, DType dtype, Shape shape) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DType.FLOAT64) {
            double[] d = new double[shape.size()];
            buf.asDoubleBuffer().get(d);
            return Tensor.wrap(d, shape);
        }
        float[] f = new float[shape.size()];
        buf.asFloatBuffer().get(f);
        return Tensor.wrap(f, shape);
    }

    private static byte[] readFully(Path path, InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw error(path, "truncated: expected " + n + " bytes for " + what + ", found " + b.length);
        }
        return b;
    }

    private static JsonNode field(Path path, JsonNode node, String name) throws IOException {
        JsonNode v = node.get(name);
        if (v == null) {
            throw error(path, "the header lacks the field \"" + name + "\"");
        }
        return v;
    }

    private static String text(Path path, JsonNode node, String name) throws IOException {
        JsonNode v = field(path, node, name);
        if (!v.isTextual()) {
            throw error(path, "header field \"" + name + "\" should be a string, found " + v);
        }
        return v.asText();
    }

    private static long integer(Path path, JsonNode node, String name) throws IOException {
        JsonNode v = field(path, node, name);
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw error(path, "header field \"" + name + "\" should be an integer, found " + v);
        }
        return v.asLong();
    }

    private static IOException error(Path path, String message) {
        return new IOException("checkpoint " + path + ": " + message);
    }
}
