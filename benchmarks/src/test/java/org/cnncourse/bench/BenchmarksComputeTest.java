package org.cnncourse.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.cnncourse.scratch.Tensor;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** Each benchmark runs once, for every parameter, and computes something real (finite, not all zero). */
class BenchmarksComputeTest {
    @Test
    void everyBenchmarkRunsForEveryParameter() throws Exception {
        List<String> ran = new ArrayList<>();
        for (Class<?> type : List.of(GemmBench.class, Im2ColBench.class, LayerBench.class)) {
            var param = java.util.Arrays.stream(type.getFields()).filter(f -> f.isAnnotationPresent(Param.class)).findFirst();
            String[] values = param.map(f -> f.getAnnotation(Param.class).value()).orElse(new String[] {""});
            for (String value : values) {
                Object bench = type.getDeclaredConstructor().newInstance();
                if (param.isPresent()) {
                    param.get().set(bench, value);
                }
                for (Method m : type.getMethods()) {
                    if (m.isAnnotationPresent(Setup.class)) {
                        m.invoke(bench);
                    }
                }
                for (Method m : type.getMethods()) {
                    if (m.isAnnotationPresent(Benchmark.class)) {
                        Object result = m.invoke(bench);
                        double[] data = result instanceof Tensor t ? t.data() : (double[]) result;
                        String name = type.getSimpleName() + "." + m.getName() + " " + value;
                        assertTrue(java.util.Arrays.stream(data).allMatch(Double::isFinite), name + " is not finite");
                        assertTrue(java.util.Arrays.stream(data).anyMatch(v -> v != 0), name + " is all zeros");
                        ran.add(name);
                    }
                }
            }
        }
        assertEquals(7 + 4 + 7, ran.size(), ran.toString());
    }

    @Test
    void gemmBenchmarkComputesTheProductOfItsShape() {
        GemmBench bench = new GemmBench();
        bench.shape = "conv-dW-per-image:30x25x576:B^T";
        bench.setUp();
        double[] c = bench.multiply();
        double[] expected = new double[bench.m * bench.n];
        for (int i = 0; i < bench.m; i++) {
            for (int j = 0; j < bench.n; j++) {
                for (int p = 0; p < bench.k; p++) {
                    expected[i * bench.n + j] += bench.a[i * bench.k + p] * bench.b[j * bench.k + p];
                }
            }
        }
        assertArrayEquals(expected, c, 1e-9);
    }
}
