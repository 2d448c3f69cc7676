package org.equitrain.cli;

import java.io.IOException;
import org.equitrain.data.registry.DatasetRegistry;
import org.junit.jupiter.api.Assumptions;

/**
 * Real datasets for command tests: used when cached, fetched when {@code EQUITRAIN_FETCH_TESTS} is set (as CI sets
 * it), else the test is skipped, so ordinary runs stay offline.
 */
final class RegisteredData {
    private RegisteredData() {
    }

    /** Makes {@code name} available or skips the calling test. */
    static void require(String name) throws IOException {
        DatasetRegistry registry = DatasetRegistry.standard();
        if (!registry.isCached(name)) {
            Assumptions.assumeTrue(System.getenv("EQUITRAIN_FETCH_TESTS") != null,
                    name + " is not cached; set EQUITRAIN_FETCH_TESTS=1 to fetch it");
            registry.fetch(name);
        }
    }
}
