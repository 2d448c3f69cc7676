package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link Tools} for offline tests: records each command and does what a test registered for its program. */
final class FakeTools implements Tools {
    /** What a fake program does, given its working folder and arguments. */
    @FunctionalInterface
    interface Program {
        void run(Path workDir, String[] command) throws IOException;
    }

    final List<String> calls = new ArrayList<>();
    private final Map<String, Program> programs = new HashMap<>();

    FakeTools on(String program, Program p) {
        programs.put(program, p);
        return this;
    }

    @Override
    public void run(Path workDir, String... command) throws IOException {
        calls.add(String.join(" ", command));
        Program p = programs.get(command[0]);
        if (p == null) {
            throw new IOException("'" + command[0] + "' is not installed");
        }
        p.run(workDir, command);
    }
}
