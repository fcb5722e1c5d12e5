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
    static final int TRAINING_MEMORY_CAP_MIB = 2048;

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

    @Test
    void theResultsPageListsEveryShippedZipAsItsMetadataRecordsIt() throws Exception {
        Path results = Path.of("../docs/results.md");
        String quoted = MarkedBlocks.quoted(Files.readString(results), ShippedModelsTable.BLOCK);
        assertTrue(quoted != null, results + " has no <!-- shipped-models --> table");
        assertEquals(ShippedModelsTable.render(ShippedModelsTable.rows(TRAINED)), quoted,
                results + " is stale: run ./cnn-course docs to rewrite its table from the zips");
    }

    /** The course's memory target: every shipped network trained within 2 GiB resident, and recorded it. */
    @ParameterizedTest
    @MethodSource("shippedZips")
    void wasTrainedWithinTwoGibResident(Path zip) throws Exception {
        Integer peakMiB = ModelZips.readMetadata(zip).peakResidentMiB();
        assertTrue(peakMiB != null, zip + " does not record its training run's peak resident memory");
        assertTrue(peakMiB <= TRAINING_MEMORY_CAP_MIB,
                zip + " was trained at a peak of " + peakMiB + " MiB resident, over the " + TRAINING_MEMORY_CAP_MIB + " MiB cap");
    }

    @Test
    void theTableIsRewrittenInPlaceAndAnEditIsSeen() {
        String doc = "intro\n<!-- shipped-models -->\nold table\n<!-- /shipped-models -->\nafter\n";
        String rewritten = MarkedBlocks.rewrite(doc, ShippedModelsTable.BLOCK, "| new |\n");
        assertEquals("intro\n<!-- shipped-models -->\n| new |\n<!-- /shipped-models -->\nafter\n", rewritten);
        assertEquals("| new |\n", MarkedBlocks.quoted(rewritten, ShippedModelsTable.BLOCK));
    }

    @Test
    void predictsTheClassOfAPngImage(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ModelZips.Loaded m = ModelZips.load(TRAINED.resolve("simple-convnet-digits.zip"), false);
        ImageSet test = Evaluations.testSetOf(m.metadata());
        List<Path> pngs = org.cnncourse.data.SampleExport.firstImages(test, 5, dir);
        int right = 0;
        for (int i = 0; i < pngs.size(); i++) {
            List<Evaluations.Guess> top = Evaluations.predict(m.network(), m.metadata(), pngs.get(i), 3);
            assertEquals(3, top.size());
            assertTrue(top.get(0).probability() >= top.get(1).probability() && top.get(1).probability() >= top.get(2).probability());
            right += top.get(0).label().equals(test.classNames().get(test.label(i))) ? 1 : 0;
        }
        assertTrue(right >= 4, right + " of 5 sample digits recognised from their PNG files");
    }

    @Test
    void aFileThatIsNotAnImageIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        ModelZips.Loaded m = ModelZips.load(TRAINED.resolve("simple-convnet-digits.zip"), false);
        Path notImage = dir.resolve("notes.png");
        Files.writeString(notImage, "not a picture");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Evaluations.predict(m.network(), m.metadata(), notImage, 3));
        assertTrue(e.getMessage().startsWith(notImage.toString()), e.getMessage());
    }

    /**
     * Two zips at a time (junit-platform.properties allows two threads): each evaluation runs on
     * one ND4J thread, so both cores work; 166 s one after the other, about 110 s this way.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedZips")
    @org.junit.jupiter.api.parallel.Execution(org.junit.jupiter.api.parallel.ExecutionMode.CONCURRENT)
    void reproducesItsRecordedAccuracy(Path zip) throws Exception {
        ModelZips.Loaded m = ModelZips.load(zip, false);
        ImageSet test = Evaluations.testSetOf(m.metadata());
        double measured = Evaluations.evaluate(m.model(), test, Evaluations.inputSide(m.metadata())).accuracy();
        assertEquals(m.metadata().testAccuracy(), measured, 0.5 / test.size(),
                zip + ": recorded " + m.metadata().testAccuracy() + ", measured " + measured);
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            assertEquals(null, z.getEntry("updaterState.bin"), zip + " is shipped without the updater state");
        }
    }
}
