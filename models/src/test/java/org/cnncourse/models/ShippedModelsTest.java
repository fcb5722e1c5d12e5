package org.cnncourse.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnncourse.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every model zip shipped in models/trained loads and reproduces its recorded test accuracy. */
class ShippedModelsTest {
    static final Path TRAINED = Path.of("trained");

    static Stream<Path> shippedZips() throws Exception {
        try (Stream<Path> s = Files.list(TRAINED)) {
            return s.filter(p -> p.toString().endsWith(".zip")).sorted().toList().stream();
        }
    }

    @Test
    void theSimpleConvNetZipsForBothDatasetsAreShipped() {
        for (String name : List.of("simple-convnet-fashion.zip", "simple-convnet-digits.zip")) {
            assertTrue(Files.isRegularFile(TRAINED.resolve(name)), TRAINED.resolve(name) + " is missing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedZips")
    void reproducesItsRecordedAccuracy(Path zip) throws Exception {
        ModelZips.Loaded m = ModelZips.load(zip, false);
        ImageSet test = Evaluations.testSetOf(m.metadata());
        double measured = Evaluations.evaluate(m.network(), test).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 0.5 / test.size(),
                zip + ": recorded " + m.metadata().testAccuracy() + ", measured " + measured);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            assertEquals(null, z.getEntry("updaterState.bin"), zip + " is shipped without the updater state");
        }
    }
}
