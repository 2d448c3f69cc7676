package org.equitrain.cli;

import org.equitrain.data.Dataset;

/** What a command did to the user's data that they should hear on the terminal, not only in the provenance. */
final class Notices {
    private Notices() {
    }

    /** One line on stderr for each step of {@code d}'s provenance that dropped rows. */
    static void droppedRows(String command, Dataset d) {
        for (String step : d.provenance().steps()) {
            if (step.startsWith("dropped ")) {
                System.err.println("equitrain " + command + ": note: " + d.name() + ": " + step);
            }
        }
    }
}
