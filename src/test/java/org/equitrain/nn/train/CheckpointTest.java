package org.equitrain.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equitrain.autodiff.GradCheck;
import org.equitrain.nn.Params;
import org.equitrain.nn.optim.Adam;
import org.equitrain.tensor.DType;
import org.equitrain.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Params params() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("0.weight", GradCheck.randn(1, 3, 2));
        m.put("0.bias", GradCheck.randn(2, 3).to(DType.FLOAT32));
        return Params.fromTensors(m);
    }

    private Checkpoint sample() {
        Params p = params();
        Adam adam = Adam.adam(0.01);
        adam.step(p, List.of(GradCheck.randn(3, 3, 2), GradCheck.randn(4, 3).to(DType.FLOAT32)));
        Map<String, Tensor> buffers = Map.of("1.running_mean", GradCheck.randn(5, 3));
        return Checkpoint.capture(p, buffers, adam, new TrainingProgress(12, 2, 5, -42, 0.25));
    }

    private Path saved() throws IOException {
        Path file = dir.resolve("run.ckpt");
        sample().save(file);
        return file;
    }

    @Test
    void roundTripKeepsNamesShapesDtypesValuesAndProgress() throws IOException {
        Checkpoint original = sample();
        Checkpoint back = Checkpoint.load(saved());
        assertEquals(original.progress(), back.progress());
        assertEquals(List.of("0.weight", "0.bias"), List.copyOf(back.params().keySet()));
        for (String k : original.params().keySet()) {
            assertSameTensor(original.params().get(k), back.params().get(k));
        }
        assertSameTensor(original.buffers().get("1.running_mean"), back.buffers().get("1.running_mean"));
        assertEquals(original.optimizer().kind(), back.optimizer().kind());
        assertEquals(original.optimizer().steps(), back.optimizer().steps());
        assertEquals(original.optimizer().learningRate(), back.optimizer().learningRate(), 0.0);
        assertEquals(original.optimizer().slots().keySet(), back.optimizer().slots().keySet());
        for (String k : original.optimizer().slots().keySet()) {
            assertSameTensor(original.optimizer().slots().get(k), back.optimizer().slots().get(k));
        }
    }

    @Test
    void parametersOnlyAndNoLossYetRoundTrip() throws IOException {
        Path file = dir.resolve("params.ckpt");
        Checkpoint.capture(params(), Map.of(), null, TrainingProgress.start(3)).save(file);
        Checkpoint back = Checkpoint.load(file);
        assertNull(back.optimizer());
        assertTrue(Double.isNaN(back.progress().lastLoss()));
        Params target = Params.fromTensors(Map.of("0.weight", Tensor.zeros(DType.FLOAT64, 3, 2),
                "0.bias", Tensor.zeros(DType.FLOAT32, 3)));
        back.restoreParams(target);
        assertSameTensor(params().asMap().get("0.weight").value(), target.get("0.weight").value());
    }

    @Test
    void fileStartsWithTheDocumentedLayout() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        assertEquals("EQCKPT01", new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        int h = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        String header = new String(bytes, 12, h, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"format\":\"equitrain-checkpoint\",\"version\":1"), header);
        // The first tensor is 0.weight, float64 little-endian right after the header.
        double first = ByteBuffer.wrap(bytes, 12 + h, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        assertEquals(sample().params().get("0.weight").getFlat(0), first, 0.0);
    }

    @Test
    void truncatedFileNamesTheFileAndTheMissingBytes() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + ": truncated: expected "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes of tensor data"), e.getMessage());

        Files.write(file, Arrays.copyOf(bytes, 20));
        e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("truncated: the header should be"), e.getMessage());
        Files.write(file, Arrays.copyOf(bytes, 5));
        e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("truncated: expected 8 bytes for the 8-byte magic"), e.getMessage());
    }

    @Test
    void corruptDataFailsTheChecksum() throws IOException {
        Path file = saved();
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 3] ^= 0x10;
        Files.write(file, bytes);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().startsWith("checkpoint " + file + ": corrupt tensor data: CRC-32"), e.getMessage());
    }

    @Test
    void foreignOrDamagedHeadersAreRejected() throws IOException {
        Path file = dir.resolve("other.bin");
        Files.writeString(file, "PK\u0003\u0004 not a checkpoint at all");
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("not an equitrain checkpoint"), e.getMessage());

        byte[] bytes = Files.readAllBytes(saved());
        bytes[12] = 'x';
        Files.write(file, bytes);
        e = assertThrows(IOException.class, () -> Checkpoint.load(file));
        assertTrue(e.getMessage().contains("the header is not valid JSON"), e.getMessage());
    }

    @Test
    void restoringIntoADifferentModelNamesTheParameter() throws IOException {
        Checkpoint c = Checkpoint.load(saved());
        Params wrongShape = Params.fromTensors(Map.of("0.weight", Tensor.zeros(DType.FLOAT64, 2, 3),
                "0.bias", Tensor.zeros(DType.FLOAT32, 3)));
        Exception e = assertThrows(IllegalArgumentException.class, () -> c.restoreParams(wrongShape));
        assertEquals("checkpoint parameter '0.weight' is FLOAT64 [3, 2] but the model has FLOAT64 [2, 3]",
                e.getMessage());
        Params wrongNames = Params.fromTensors(Map.of("weight", Tensor.zeros(DType.FLOAT64, 3, 2)));
        assertThrows(IllegalArgumentException.class, () -> c.restoreParams(wrongNames));
    }

    private static void assertSameTensor(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype());
        assertEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 0.0);
    }
}
