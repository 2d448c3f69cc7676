package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Debian package, fetched with {@code apt-get download} (no installation, no R) and unpacked with
 * {@code dpkg -x} into {@code <cache>/debian/<package>/root}. apt takes the current version of the configured suite
 * (bookworm for the counts in datasets.md).
 */
public record DebianPackage(String name) implements Source {
    @Override
    public String describe() {
        return "Debian " + name;
    }

    private Path home(DataCache cache) {
        return cache.dir("debian", name);
    }

    @Override
    public boolean isCached(DataCache cache) {
        return Files.isDirectory(home(cache).resolve("root"));
    }

    @Override
    public Path obtain(DataCache cache, Tools tools) throws IOException {
        return Unpacked.obtain(home(cache), () -> debFile(cache),
                (home, unused) -> tools.run(home, "apt-get", "download", name), "`apt-get download " + name + "` left no " + name + "_*.deb",
                (deb, staging) -> tools.run(home(cache), "dpkg", "-x", deb.toString(), staging.toString()));
    }

    private Path debFile(DataCache cache) throws IOException {
        if (!Files.isDirectory(home(cache))) {
            return null;
        }
        try (Stream<Path> s = Files.list(home(cache))) {
            List<Path> debs = s.filter(p -> p.getFileName().toString().startsWith(name + "_")
                    && p.getFileName().toString().endsWith(".deb")).sorted().toList();
            return debs.isEmpty() ? null : debs.get(debs.size() - 1);
        }
    }

    /**
     * The version from the .deb file name {@code name_version_arch.deb} (apt writes ':' as %3a); null before the
     * package was downloaded.
     */
    @Override
    public String version(DataCache cache) throws IOException {
        Path deb = debFile(cache);
        if (deb == null) {
            return null;
        }
        String[] parts = deb.getFileName().toString().split("_");
        return parts.length >= 3 ? parts[1].replace("%3a", ":").replace("%3A", ":") : null;
    }
}
