package org.equitrain.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equitrain.data.FeatureSchema;
import org.equitrain.io.AtomicFiles;
import org.equitrain.nn.Module;
import org.equitrain.nn.Params;
import org.equitrain.nn.train.Checkpoint;

/**
 * {@code model.json}, written by {@code equitrain train} beside {@code model.ckpt}: what {@code equitrain predict}
 * needs to use the model on new rows — the {@code --model} it was built from, the label column and its classes
 * (the favourable one by index), the group columns, and the {@link FeatureSchema} that encodes a table the way the
 * training rows were (null when the model read image pixels, not table columns).
 */
record ModelCard(String format, int version, String model, String label, List<String> classes, int favourable,
        List<String> groups, String trainedOn, FeatureSchema features) {

    static final String FILE = "model.json";
    static final String CHECKPOINT = "model.ckpt";
    private static final String FORMAT = "equitrain-model";
    private static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static ModelCard of(String model, String label, List<String> classes, int favourable, List<String> groups,
            String trainedOn, FeatureSchema features) {
        return new ModelCard(FORMAT, VERSION, model, label, List.copyOf(classes), favourable, List.copyOf(groups),
                trainedOn, features);
    }

    /** Writes {@code model.json} into {@code folder} (atomically). */
    void write(Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve(FILE), MAPPER.writeValueAsString(this) + "\n");
    }

    /** Reads {@code folder/model.json}; an error names the file and what was expected. */
    static ModelCard read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--model " + folder + ": no " + FILE + " there; give the --out folder "
                    + "of an equitrain train run");
        }
        ModelCard card;
        try {
            card = MAPPER.readValue(file.toFile(), ModelCard.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(file + ": not a model card written by equitrain train ("
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (!FORMAT.equals(card.format()) || card.version() != VERSION) {
            throw new IllegalArgumentException(file + ": format '" + card.format() + "' version " + card.version()
                    + "; this equitrain reads '" + FORMAT + "' version " + VERSION);
        }
        return card;
    }

    /**
     * The model of a card with {@link #features}, with the parameters of {@code folder/model.ckpt}; an error names
     * what does not match.
     */
    Loaded load(Path folder) throws IOException {
        Checkpoint ckpt = Checkpoint.load(folder.resolve(CHECKPOINT));
        Module net = ModelSpec.parse(model).build(features.features().size(), classes.size());
        Params params = Params.init(net, ckpt.params().values().iterator().next().dtype(), 0);
        try {
            ckpt.restoreParams(params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(folder.resolve(CHECKPOINT) + " does not match " + folder.resolve(FILE)
                    + ": " + e.getMessage());
        }
        return new Loaded(net, params);
    }

    /** A model and its trained parameters. */
    record Loaded(Module net, Params params) {
    }
}
