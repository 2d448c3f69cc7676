package org.equitrain.data.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.equitrain.data.Dataset;
import org.equitrain.data.NaPolicy;
import org.equitrain.data.TableEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetRegistryTest {
    private static final String CSV = "sex,income,y\nF,10,no\nM,20,yes\nF,NA,yes\nM,40,no\n";

    @TempDir
    Path dir;

    private static RegisteredDataset csvDataset(String name, Source source, String path, int rows) {
        return new RegisteredDataset(name, "test data", source, "CC0", Map.of("all", rows),
                new TabularLoader(name, path, TabularLoader.csv(path),
                        Expectation.rows(rows).levels("sex", "F", 2, "M", 2).missingCells(1),
                        t -> new TableEncoder(t).label("y").favourable("yes").group("sex")));
    }

    /** Fake apt-get writes a .deb named like apt does; fake dpkg -x unpacks a CSV. */
    private FakeTools debianTools() {
        return new FakeTools()
                .on("apt-get", (wd, cmd) -> Files.writeString(wd.resolve(cmd[2] + "_1%3a2.0+dfsg-1_all.deb"), "deb"))
                .on("dpkg", (wd, cmd) -> {
                    Path target = Path.of(cmd[3]).resolve("usr/share/t/data.csv");
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, CSV);
                });
    }

    @Test
    void levelCountsMustComeInLevelCountPairs() {
        assertThrows(IllegalArgumentException.class, () -> Expectation.rows(4).levels("sex", "F", 2, "M"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> Expectation.rows(4).levels("sex", 2, "F"));
        assertEquals("expected counts of 'sex' must be pairs of a level (String) and a count (Integer); got [2, F]",
                e.getMessage());
    }

    @Test
    void debianFetchIsIdempotentAndRecordsTheVersion() throws Exception {
        FakeTools tools = debianTools();
        DataCache cache = new DataCache(dir.resolve("cache"));
        DatasetRegistry reg = new DatasetRegistry(cache, tools,
                List.of(csvDataset("toy", new DebianPackage("fake-pkg"), "usr/share/t/data.csv", 4)));
        assertFalse(reg.isCached("toy"));
        Path root = reg.fetch("toy");
        assertTrue(reg.isCached("toy"));
        assertEquals(cache.dir("debian", "fake-pkg", "root"), root);
        assertEquals(List.of("apt-get download fake-pkg",
                "dpkg -x " + cache.dir("debian", "fake-pkg", "fake-pkg_1%3a2.0+dfsg-1_all.deb") + " "
                        + tools.calls.get(1).split(" ")[3]), tools.calls);
        reg.fetch("toy");
        Dataset d = reg.load("toy");
        assertEquals(2, tools.calls.size(), "a cached artifact is not fetched again");
        assertEquals(3, d.size(), "the row with a missing income is dropped");
        assertEquals("Debian fake-pkg 1:2.0+dfsg-1", d.provenance().source());
        assertEquals(4, d.provenance().rowsRead());
        assertEquals(1, d.favourableClass());
        assertEquals(4, reg.load("toy", "all", NaPolicy.INDICATOR).size());
        try (var s = Files.list(cache.dir("debian", "fake-pkg"))) {
            assertEquals(2, s.count(), "only the .deb and root remain; no staging folder is left");
        }
    }

    @Test
    void countMismatchNamesTheDatasetAndTheCount() {
        DatasetRegistry reg = new DatasetRegistry(new DataCache(dir), debianTools(),
                List.of(csvDataset("toy", new DebianPackage("fake-pkg"), "usr/share/t/data.csv", 5)));
        CountMismatchException e = assertThrows(CountMismatchException.class, () -> reg.fetch("toy"));
        assertTrue(e.getMessage().startsWith("toy: expected rows of data.csv = 5"), e.getMessage());
        assertTrue(e.getMessage().contains("found 4"), e.getMessage());
    }

    @Test
    void failedUnpackLeavesNothingCached() {
        FakeTools tools = debianTools().on("dpkg", (wd, cmd) -> {
            Files.writeString(Path.of(cmd[3]).resolve("partial"), "x");
            throw new IOException("dpkg-deb: error: not a Debian format archive");
        });
        DatasetRegistry reg = new DatasetRegistry(new DataCache(dir), tools,
                List.of(csvDataset("toy", new DebianPackage("fake-pkg"), "usr/share/t/data.csv", 4)));
        IOException e = assertThrows(IOException.class, () -> reg.fetch("toy"));
        assertTrue(e.getMessage().contains("not a Debian format archive"));
        assertFalse(reg.isCached("toy"));
    }

    private static void tgz(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] b = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry te = new TarArchiveEntry(e.getKey());
                te.setSize(b.length);
                tar.putArchiveEntry(te);
                tar.write(b);
                tar.closeArchiveEntry();
            }
        }
    }

    @Test
    void npmPackIsUnpackedInJava() throws Exception {
        FakeTools tools = new FakeTools().on("npm", (wd, cmd) -> {
            assertEquals(List.of("npm", "pack", "@scope/toy@0.1.0", "--pack-destination", wd.toString()),
                    List.of(cmd));
            tgz(wd.resolve("scope-toy-0.1.0.tgz"), Map.of("package/data/data.csv", CSV));
        });
        DatasetRegistry reg = new DatasetRegistry(new DataCache(dir), tools,
                List.of(csvDataset("toy", new NpmPackage("@scope/toy", "0.1.0"), "package/data/data.csv", 4)));
        Dataset d = reg.load("toy");
        assertEquals(3, d.size());
        assertEquals("npm @scope/toy 0.1.0", d.provenance().source());
    }

    @Test
    void tarEntriesEscapingTheFolderAreRefused() throws Exception {
        Path bad = dir.resolve("bad.tgz");
        tgz(bad, Map.of("../../evil.txt", "x"));
        Path out = Files.createDirectories(dir.resolve("out"));
        IOException e = assertThrows(IOException.class, () -> NpmPackage.untar(bad, out));
        assertTrue(e.getMessage().contains("outside"));
        assertFalse(Files.exists(dir.resolve("evil.txt")));
    }

    @Test
    void mavenJarIsTakenFromTheLocalRepositoryAfterDependencyGet() throws Exception {
        Path repo = dir.resolve("m2");
        Path jar = repo.resolve("org/toy/toy-data/1.0/toy-data-1.0.jar");
        FakeTools tools = new FakeTools().on("mvn", (wd, cmd) -> {
            assertTrue(List.of(cmd).contains("-Dartifact=org.toy:toy-data:1.0"));
            assertTrue(List.of(cmd).contains("-Dtransitive=false"));
            Files.createDirectories(jar.getParent());
            try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
                z.putNextEntry(new ZipEntry("data/toy.arff"));
                z.write("""
                        @relation toy
                        @attribute sex {F, M}
                        @attribute income numeric
                        @attribute y {no, yes}
                        @data
                        F,10,no
                        M,20,yes
                        F,?,yes
                        M,40,no
                        """.getBytes(StandardCharsets.UTF_8));
            }
        });
        MavenArtifact artifact = new MavenArtifact("org.toy", "toy-data", "1.0", repo);
        RegisteredDataset toy = new RegisteredDataset("toy", "jar data", artifact, "GPL", Map.of("all", 4),
                new TabularLoader("toy", "data/toy.arff", TabularLoader.arffInJar("data/toy.arff"),
                        Expectation.rows(4).levels("y", "yes", 2), t -> new TableEncoder(t).label("y").group("sex")));
        DatasetRegistry reg = new DatasetRegistry(new DataCache(dir.resolve("cache")), tools, List.of(toy));
        reg.fetch("toy");
        assertEquals(1, tools.calls.size());
        assertTrue(tools.calls.get(0).contains(MavenArtifact.DEPENDENCY_PLUGIN));
        Files.delete(jar);
        assertEquals(3, reg.load("toy").size(), "the cache holds its own copy of the jar");
        assertEquals(1, tools.calls.size());
    }

    @Test
    void missingToolsAreNamedWithAHint() {
        ProcessTools none = new ProcessTools(dir.toString());
        assertFalse(none.available("apt-get"));
        IOException e = assertThrows(IOException.class, () -> new DebianPackage("r-cran-aer")
                .obtain(new DataCache(dir.resolve("c")), none));
        assertTrue(e.getMessage().contains("'apt-get' is not installed or not on PATH"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get download r-cran-aer"), e.getMessage());
    }

    @Test
    void failingCommandReportsItsStatusAndOutput() throws Exception {
        Path sh = Path.of("/bin/sh");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(sh), "needs /bin/sh");
        ProcessTools tools = new ProcessTools("/bin");
        IOException e = assertThrows(IOException.class,
                () -> tools.run(dir, "sh", "-c", "echo 'E: Unable to locate package nope'; exit 100"));
        assertTrue(e.getMessage().contains("exit status 100") && e.getMessage().contains("Unable to locate"),
                e.getMessage());
    }

    @Test
    void cacheFolderComesFromPropertyThenEnvironmentThenDefault() {
        String old = System.getProperty(DataCache.PROPERTY);
        try {
            System.setProperty(DataCache.PROPERTY, dir.toString());
            assertEquals(dir.toAbsolutePath(), DataCache.fromEnvironment().root());
            System.clearProperty(DataCache.PROPERTY);
            Path expected = System.getenv(DataCache.ENV) != null ? Path.of(System.getenv(DataCache.ENV))
                    : Path.of("data-cache");
            assertEquals(expected.toAbsolutePath(), DataCache.fromEnvironment().root());
        } finally {
            if (old != null) {
                System.setProperty(DataCache.PROPERTY, old);
            }
        }
    }

    @Test
    void builtinsCoverTheDatasetsOfTheSpec() {
        List<RegisteredDataset> all = DatasetRegistry.builtins();
        var names = new HashSet<String>();
        all.forEach(d -> assertTrue(names.add(d.name()), "duplicate " + d.name()));
        assertTrue(names.containsAll(List.of("mnist", "fashion-mnist", "german-credit", "arrests", "hmda",
                "cps1988", "income", "resume-names", "attrition")));
        RegisteredDataset mnist = all.stream().filter(d -> d.name().equals("mnist")).findFirst().orElseThrow();
        assertEquals("60000+10000", mnist.rowsText());
        assertEquals("train", mnist.defaultPart());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetRegistry(new DataCache(dir), new FakeTools(), all).get("adult"));
        assertTrue(e.getMessage().contains("known: [mnist"), e.getMessage());
    }
    @Test
    void aNameThatLooksLikeAPathIsReportedAsAMissingFileAFolderOrAFile() throws IOException {
        DatasetRegistry reg = new DatasetRegistry(new DataCache(dir), new FakeTools(),
                List.of(csvDataset("toy", new DebianPackage("p"), "d.csv", 4),
                        csvDataset("toy2", new DebianPackage("p"), "d.csv", 4)));
        for (String name : List.of("missing.csv", "./missing", "data/missing")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.get(name));
            assertEquals("no file '" + name + "' (and no registered dataset of that name; registered: toy, toy2)",
                    e.getMessage());
        }
        Path folder = Files.createDirectories(dir.resolve("folder.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reg.get(folder.toString()));
        assertEquals("'" + folder + "' is a folder, not a CSV file", e.getMessage());
        Path file = Files.writeString(dir.resolve("toy.csv"), CSV);
        e = assertThrows(IllegalArgumentException.class, () -> reg.get(file.toString()));
        assertEquals("'" + file + "' is a file, not a registered dataset (registered: toy, toy2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> reg.get("toy3"));
        assertEquals("unknown dataset 'toy3'; known: [toy, toy2]", e.getMessage());
    }
}
