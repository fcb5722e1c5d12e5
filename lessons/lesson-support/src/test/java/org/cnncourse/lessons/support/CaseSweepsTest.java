package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseSweepsTest {
    @Test
    void eachConvolutionCaseBelongsToExactlyOneLesson() {
        List<ConvCase> all = CaseSweeps.convolutions();
        Set<ConvCase> seen = new HashSet<>();
        int total = 0;
        for (int lesson = 1; lesson <= 7; lesson++) {
            for (ConvCase c : CaseSweeps.convolutionsOf(lesson)) {
                assertEquals(true, seen.add(c), c + " is in two lessons");
                total++;
            }
        }
        assertEquals(all.size(), total, "every case of the sweep runs in some lesson");
        assertEquals(List.of(6, 12, 0, 18, 73, 110, 0), java.util.stream.IntStream.rangeClosed(1, 7)
                .mapToObj(l -> CaseSweeps.convolutionsOf(l).size()).toList());
    }
}
