package org.cnncourse.lessons.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class Dl4jPrecisionTest {
    @Test
    void aLessonThatSwitchesToDoubleLeavesTheDefaultsAsItFoundThem() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Dl4jPrecision.restoringDefaults(() -> {
            Dl4jPrecision.useDouble();
            assertEquals(DataType.DOUBLE, Nd4j.defaultFloatingPointType());
        });
        assertEquals(DataType.FLOAT, Nd4j.dataType());
        assertEquals(DataType.FLOAT, Nd4j.defaultFloatingPointType());
    }
}
