package org.equitrain.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes files atomically: to a temporary file in the same folder, then a rename, so readers never see half a file. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Receives the stream to write to. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the file's content to {@code out}; {@link AtomicFiles#write} closes the stream afterwards. */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} (creating its folders) with what {@code writer} writes, replacing any existing file;
     * the result has mode 0644 where the file system is POSIX. If {@code writer} throws, or {@code target} is a
     * folder, the temporary file is deleted and {@code target} is left as it was.
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
            setReadableByAll(tmp);
            if (Files.isDirectory(target)) {
                throw new IOException("cannot write " + target + ": a folder of that name is in the way");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temporary files are created owner-only (0600); results are meant to be shared, so open them to 0644. */
    private static void setReadableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** {@link #write} of {@code text} as UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
