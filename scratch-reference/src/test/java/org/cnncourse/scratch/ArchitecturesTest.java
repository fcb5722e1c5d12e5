package org.cnncourse.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written architectures count the published parameters and depths from their own layers. */
class ArchitecturesTest {
    @Test
    void leNet5() {
        assertEquals(61_706, LeNet5.random(1).numParams());
    }

    @Test
    void alexNetFromTheLecturesTable() {
        assertEquals(62_378_344L, Architectures.count(AlexNet.parameterShapes(AlexNet.Config.lecture())));
        assertEquals(8, Architectures.chainDepth(AlexNet.parameterShapes(AlexNet.Config.lecture())));
    }

    @Test
    void vgg16() {
        assertEquals(138_357_544L, Architectures.count(Vgg.parameterShapes(Vgg.Config.vgg16())));
        assertEquals(16, Architectures.chainDepth(Vgg.parameterShapes(Vgg.Config.vgg16())));
    }

    @Test
    void googLeNetIsTwentyTwoLayersDeep() {
        Blueprint g = GoogLeNet.full();
        assertEquals(6_998_552L, g.numParams());
        assertEquals(22, g.depth());
    }

    @Test
    void resNet50AndResNet152() {
        assertEquals(25_557_032L, ResNet.resNet50().numParams());
        assertEquals(50, ResNet.resNet50().depth());
        assertEquals(60_192_808L, ResNet.resNet152().numParams());
        assertEquals(152, ResNet.resNet152().depth());
    }

    @Test
    void aBlueprintNamesAMissingInputAndATwiceUsedName() {
        Blueprint b = new Blueprint("input");
        b.relu("r", "input");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> b.relu("s", "nowhere"));
        assertTrue(missing.getMessage().contains("'nowhere'"), missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> b.relu("r", "input"));
        assertTrue(twice.getMessage().contains("'r'"), twice.getMessage());
    }

    @Test
    void aBasicBlockFromItsBlueprintAddsItsInputBack() {
        Blueprint b = new Blueprint("input");
        ResNet.basicBlock(b, "block", "input", 2);
        Map<String, Tensor> params = Architectures.randomParams(b.parameterShapes(), 3);
        // zero weights: both convolutions give 0, batch norm of a constant gives beta = 0, so the block is ReLU(x)
        java.util.Arrays.fill(params.get("block_a_W").data(), 0);
        java.util.Arrays.fill(params.get("block_b_W").data(), 0);
        Tensor x = Tensor.uniform(new java.util.Random(4), 2, 2, 3, 3);
        Tensor y = b.graph(params).forward(x);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(Math.max(0, x.data()[i]), y.data()[i], 1e-12);
        }
    }

    @Test
    void aParameterOfTheWrongShapeIsNamed() {
        Map<String, Tensor> params = Architectures.randomParams(LeNet5.parameterShapes(), 1);
        params.put("C3_W", Tensor.zeros(16, 5, 5, 5));
        ShapeException e = assertThrows(ShapeException.class, () -> new LeNet5(params));
        assertTrue(e.getMessage().contains("C3_W") && e.getMessage().contains("[16, 6, 5, 5]"), e.getMessage());
    }
}
