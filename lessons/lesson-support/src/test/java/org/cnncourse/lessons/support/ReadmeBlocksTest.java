package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeBlocksTest {
    static final String PRINTOUT = """

            -- The lecture's example: 2x2 max pooling
              output 2 3 4 2
              PASS     output by hand vs DL4J

            -- Robust to small shifts: a picture moved one pixel
              pixels that changed:  21.9%
              max pooling cells changed: 15.6%

            PASS: 3 checks passed, 0 failed
            """;

    static final String CURRENT = """
            # Lesson

            Prose around the block stays as it is.
            <!-- lesson-output "Robust to small shifts" -->
            ```text
            -- Robust to small shifts: a picture moved one pixel
              pixels that changed:  21.9%
              max pooling cells changed: 15.6%
            ```
            <!-- /lesson-output -->
            More prose.
            """;

    @Test
    void aBlockThatQuotesTheRunIsCurrent() {
        assertEquals(List.of(ReadmeBlocks.blocks(CURRENT).get(0).section()), List.of("Robust to small shifts"));
        assertEquals(List.of(), ReadmeBlocks.stale(CURRENT, PRINTOUT));
    }

    @Test
    void anEditedNumberIsFoundAndNamed() {
        String edited = CURRENT.replace("15.6%", "5.6%");
        List<String> problems = ReadmeBlocks.stale(edited, PRINTOUT);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("README \"max pooling cells changed: 5.6%\", run \"max pooling cells changed: 15.6%\""),
                problems.get(0));
    }

    @Test
    void rewriteRestoresTheRunAndKeepsTheProse() {
        String edited = CURRENT.replace("15.6%", "5.6%").replace("  pixels that changed:  21.9%\n", "");
        assertEquals(CURRENT, ReadmeBlocks.rewrite(edited, PRINTOUT));
    }

    @Test
    void aSectionTheRunNoLongerPrintsIsNamed() {
        String renamed = CURRENT.replace("\"Robust to small shifts\"", "\"Robust to noise\"");
        assertEquals(List.of("block \"Robust to noise\": no section of the printout starts with \"Robust to noise\""),
                ReadmeBlocks.stale(renamed, PRINTOUT));
        assertThrows(IllegalArgumentException.class, () -> ReadmeBlocks.rewrite(renamed, PRINTOUT));
    }

    @Test
    void aBlockCanQuoteTheFirstLinesOfASection() {
        String firstTwo = """
                <!-- lesson-output "Robust to small shifts" lines=2 -->
                ```text
                -- Robust to small shifts: a picture moved one pixel
                  pixels that changed:  21.9%
                ```
                <!-- /lesson-output -->
                """;
        assertEquals(2, ReadmeBlocks.blocks(firstTwo).get(0).lines());
        assertEquals(List.of(), ReadmeBlocks.stale(firstTwo, PRINTOUT));
        assertEquals(firstTwo, ReadmeBlocks.rewrite(firstTwo.replace("21.9%", "0%"), PRINTOUT));
        assertEquals(1, ReadmeBlocks.stale(firstTwo.replace("21.9%", "0%"), PRINTOUT).size());
    }

    @Test
    void theSectionStopsBeforeTheNextOneAndTheVerdict() {
        assertEquals("-- The lecture's example: 2x2 max pooling\n  output 2 3 4 2\n  PASS     output by hand vs DL4J",
                ReadmeBlocks.section(PRINTOUT, "The lecture's example"));
        assertTrue(ReadmeBlocks.section(PRINTOUT, "Robust").endsWith("15.6%"));
    }
}
