package org.equitrain.cli;

import org.equitrain.nn.Linear;
import org.equitrain.nn.Mlp;
import org.equitrain.nn.Module;

/**
 * The {@code --model} of {@code equitrain train}: "logistic" (multinomial logistic regression), "mlp" (hidden widths
 * 128, 64) or "mlp:H1,H2,..." with every width 1 or more. Parsed before any data is read; built once the number of
 * features and classes is known.
 */
record ModelSpec(String text, int[] hidden) {
    /** Parses {@code --model}; an error names the option, the value and what was expected. */
    static ModelSpec parse(String text) {
        if (text.equals("logistic")) {
            return new ModelSpec(text, new int[0]);
        }
        if (text.equals("mlp")) {
            return new ModelSpec(text, new int[] {128, 64});
        }
        if (!text.startsWith("mlp:")) {
            throw new IllegalArgumentException("--model: '" + text + "' is not logistic, mlp or mlp:H1,H2,...");
        }
        String[] parts = text.substring(4).split(",", -1);
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                widths[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--model " + text + ": hidden width '" + parts[i]
                        + "' is not an integer");
            }
            if (widths[i] < 1) {
                throw new IllegalArgumentException("--model " + text + ": every hidden width must be 1 or more, got "
                        + widths[i]);
            }
        }
        return new ModelSpec(text, widths);
    }

    /** The model for {@code inputs} features and {@code classes} output logits. */
    Module build(int inputs, int classes) {
        if (hidden.length == 0) {
            return new Linear(inputs, classes);
        }
        int[] widths = new int[hidden.length + 2];
        widths[0] = inputs;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = classes;
        return Mlp.of(widths);
    }
}
