package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/** Publishes a freshly unpacked folder under its final name in one rename, so a half-unpacked folder never counts. */
final class Unpacked {
    private Unpacked() {
    }

    /** A fresh, empty temporary folder beside {@code target}. */
    static Path staging(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp");
    }

    /** Renames {@code staging} to {@code target}. */
    static void publish(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staging, target);
        }
    }

    /** Deletes a folder tree (used for failed staging folders). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
