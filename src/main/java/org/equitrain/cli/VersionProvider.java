package org.equitrain.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (Maven fills it), with the JVM and BLAS backend in use. */
public final class VersionProvider implements IVersionProvider {
    /** The equitrain version from the jar manifest, or {@code "dev"} when running from classes. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "equitrain " + version(),
            "Java " + System.getProperty("java.version") + ", BLAS " + org.equitrain.tensor.Gemm.implementation()};
    }
}
