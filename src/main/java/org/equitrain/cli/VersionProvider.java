package org.equitrain.cli;

import org.equitrain.report.Provenance;
import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (Maven fills it), with the JVM and BLAS backend in use. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "equitrain " + Provenance.detectedEquitrainVersion(),
            "Java " + Provenance.detectedJavaVersion() + ", BLAS " + Provenance.detectedBlas()};
    }
}
