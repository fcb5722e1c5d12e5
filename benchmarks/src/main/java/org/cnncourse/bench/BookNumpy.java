package org.cnncourse.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The book's numpy SimpleConvNet (resources bench/book_simple_convnet.py), timed by python3 on
 * the same batches as the Java benchmarks, when python3 with numpy is installed.
 */
final class BookNumpy {
    static final String TRAINING = training("1 thread");
    private static final long TIMEOUT_MINUTES = 15;

    record Rates(double[] train, double[] infer) {
    }

    /** The BLAS kernel numpy's OpenBLAS ran in the last measurement, as it reports it. */
    private static String lastKernel = "not measured";

    static String lastKernel() {
        return lastKernel;
    }

    private BookNumpy() {
    }

    static String training(String threads) {
        return "book's numpy training, " + threads + " (double)";
    }

    static String inference(String threads) {
        return "book's numpy inference, " + threads + " (double)";
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Training and inference images/s of each round, by result name ({@link #training},
     * {@link #inference}), numpy's BLAS on one thread (as the book's figures are usually quoted)
     * and on every core; empty when python3 with numpy is missing.
     */
    static Map<String, double[]> measure(DataSet[] batches, int rounds) throws IOException {
        Map<String, double[]> results = new LinkedHashMap<>();
        if (!available()) {
            return results;
        }
        Path dir = Files.createTempDirectory("book-numpy");
        try {
            Path script = dir.resolve("book_simple_convnet.py"), images = dir.resolve("images.f64"), labels = dir.resolve("labels.i32");
            try (InputStream in = BookNumpy.class.getResourceAsStream("/bench/book_simple_convnet.py")) {
                if (in == null) {
                    throw new IOException("resource /bench/book_simple_convnet.py is missing from the course runner");
                }
                Files.copy(in, script);
            }
            writeBatches(batches, images, labels);
            int batch = (int) batches[0].getFeatures().size(0);
            for (boolean oneThread : new boolean[] {true, false}) {
                String threads = oneThread ? "1 thread" : "all cores";
                Rates r = run(script, images, labels, batch, rounds, oneThread);
                results.put(training(threads), r.train());
                results.put(inference(threads), r.infer());
            }
            return results;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static Rates run(Path script, Path images, Path labels, int batch, int rounds, boolean oneThread)
            throws IOException {
        try {
            ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), images.toString(), labels.toString(),
                    String.valueOf(batch), String.valueOf(rounds)).redirectErrorStream(true);
            String threads = oneThread ? "1" : String.valueOf(Runtime.getRuntime().availableProcessors());
            for (String variable : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}) {
                pb.environment().put(variable, threads);
            }
            // numpy's own OpenBLAS picks its best kernel for this CPU: a kernel forced on ND4J's
            // OpenBLAS (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE) would only slow numpy down.
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
            Process p = pb.start();
            List<Double> train = new ArrayList<>(), infer = new ArrayList<>();
            StringBuilder output = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.append(line).append('\n');
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 2 && parts[0].equals("kernel")) {
                        lastKernel = parts[1];
                    } else if (parts.length == 2 && parts[0].equals("train")) {
                        train.add(Double.parseDouble(parts[1]));
                    } else if (parts.length == 2 && parts[0].equals("infer")) {
                        infer.add(Double.parseDouble(parts[1]));
                    }
                }
            }
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES) || p.exitValue() != 0 || train.size() != rounds) {
                p.destroyForcibly();
                throw new IOException("the book's numpy SimpleConvNet (" + script + ") failed:\n" + output);
            }
            return new Rates(train.stream().mapToDouble(Double::doubleValue).toArray(),
                    infer.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while timing the book's numpy SimpleConvNet", e);
        }
    }

    /** Images as float64 and class indices as int32, little-endian, the batches one after another. */
    private static void writeBatches(DataSet[] batches, Path images, Path labels) throws IOException {
        try (var img = Files.newOutputStream(images); var lab = Files.newOutputStream(labels)) {
            for (DataSet ds : batches) {
                double[] x = org.cnncourse.lessons.support.Tensors.fromNd(ds.getFeatures()).data();
                ByteBuffer bx = ByteBuffer.allocate(x.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                bx.asDoubleBuffer().put(x);
                img.write(bx.array());
                int[] y = org.cnncourse.lessons.support.ByHandTrainable.labels(ds.getLabels());
                ByteBuffer by = ByteBuffer.allocate(y.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                by.asIntBuffer().put(y);
                lab.write(by.array());
            }
        }
    }
}
