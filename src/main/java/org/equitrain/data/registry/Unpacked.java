package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The protocol of archive-backed sources (Debian .deb, npm .tgz): reuse {@code <home>/root} when it exists; else find
 * the downloaded archive in {@code home} or download it, unpack it into a staging folder and publish that folder under
 * its final name in one rename, so a half-unpacked folder never counts.
 */
final class Unpacked {
    private Unpacked() {
    }

    /** Finds the downloaded archive in the source's home folder, or null when there is none yet. */
    @FunctionalInterface
    interface ArchiveLookup {
        Path find() throws IOException;
    }

    /** A step that downloads into, or unpacks into, a folder. */
    @FunctionalInterface
    interface Step {
        void run(Path archiveOrHome, Path target) throws IOException;
    }

    /**
     * The unpacked {@code home/root}, obtained on first use: {@code download} runs (with home as both arguments) only
     * when {@code lookup} finds no archive, and must leave one, else the error says {@code noArchive} (e.g.
     * "`apt-get download x` left no x_*.deb") and names the folder.
     */
    static Path obtain(Path home, ArchiveLookup lookup, Step download, String noArchive, Step unpack)
            throws IOException {
        Path root = home.resolve("root");
        if (Files.isDirectory(root)) {
            return root;
        }
        Path archive = lookup.find();
        if (archive == null) {
            Files.createDirectories(home);
            download.run(home, home);
            archive = lookup.find();
            if (archive == null) {
                throw new IOException(noArchive + " in " + home);
            }
        }
        Path staging = staging(root);
        try {
            unpack.run(archive, staging);
            publish(staging, root);
        } finally {
            deleteTree(staging);
        }
        return root;
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
