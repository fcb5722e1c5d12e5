package org.cnncourse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients on loopback for a bounded time: status polls, predictions, and one malformed
 * request in ten. Training must keep going and only the malformed requests may fail.
 */
class DemoLoadTest {
    static final int CLIENTS = 16;
    static final long MILLIS = 8_000;

    @TempDir
    Path saveDir;

    @Test
    void trainingKeepsGoingAndOnlyMalformedRequestsFail() throws Exception {
        DemoTrainer trainer = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "digits", 1e-3, 50, "adam", false), 1);
        try (DemoServer server = new DemoServer(trainer, DemoServerTest.modelsDir(), saveDir)) {
            String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
            trainer.start();
            while (trainer.batches() < 3) {
                Thread.sleep(20);
            }
            long quietStart = trainer.batches();
            Thread.sleep(3000);
            double quietRate = (trainer.batches() - quietStart) / 3.0;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String good = "{\"pixels\":" + DemoServerTest.pixels(0, 784) + "}";
            String bad = "{\"pixels\":" + DemoServerTest.pixels(0, 100) + "}";
            AtomicLong ok = new AtomicLong(), malformedRefused = new AtomicLong(), unexpected = new AtomicLong();
            AtomicLong latencyNanos = new AtomicLong(), maxLatency = new AtomicLong();
            long batchesBefore = trainer.batches();
            long end = System.currentTimeMillis() + MILLIS;
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    long n = 0;
                    while (System.currentTimeMillis() < end) {
                        n++;
                        boolean malformed = n % 10 == 0;
                        HttpRequest req = client % 2 == 0 && !malformed
                                ? HttpRequest.newBuilder(URI.create(base + "/api/status")).GET().build()
                                : HttpRequest.newBuilder(URI.create(base + "/api/predict")).header("Content-Type", "application/json").header(DemoServer.REQUEST_HEADER, DemoServer.REQUEST_HEADER_VALUE)
                                .POST(HttpRequest.BodyPublishers.ofString(malformed ? bad : good)).build();
                        long t0 = System.nanoTime();
                        try {
                            int status = http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                            long dt = System.nanoTime() - t0;
                            latencyNanos.addAndGet(dt);
                            maxLatency.accumulateAndGet(dt, Math::max);
                            if (malformed && status == 400) {
                                malformedRefused.incrementAndGet();
                            } else if (!malformed && status == 200) {
                                ok.incrementAndGet();
                            } else {
                                unexpected.incrementAndGet();
                            }
                        } catch (Exception e) {
                            unexpected.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            long trained = trainer.batches() - batchesBefore;
            long requests = ok.get() + malformedRefused.get() + unexpected.get();
            System.out.printf(Locale.ROOT, "load test: %d clients for %.0f s: %d requests (%.0f/s), %d answered 200, %d malformed"
                            + " refused with 400, %d unexpected; mean latency %.1f ms, max %.1f ms; training ran %d batches"
                            + " meanwhile (%.1f batches/s; %.1f batches/s in the 3 s before the load)%n", CLIENTS, MILLIS / 1e3, requests, requests / (MILLIS / 1e3), ok.get(),
                    malformedRefused.get(), unexpected.get(), latencyNanos.get() / 1e6 / Math.max(1, requests),
                    maxLatency.get() / 1e6, trained, trained / (MILLIS / 1e3), quietRate);
            assertEquals(0, unexpected.get(), "requests that failed although well-formed, or malformed ones not refused");
            assertTrue(ok.get() > 100 && malformedRefused.get() > 10, "too few requests to say anything");
            // Ten batches, or a tenth of what this machine trained before the load when other work
            // already slows it down (the suite runs another module's tests on the other core, and
            // the 16 clients run in this JVM): the point is that training keeps going, on any machine.
            double expected = Math.max(3, Math.min(10, 0.1 * quietRate * MILLIS / 1e3));
            assertTrue(trained >= expected, "training ran only " + trained + " batches during the load (expected "
                    + expected + " at " + quietRate + " batches/s before it)");
            assertEquals(DemoTrainer.State.RUNNING, trainer.state());
        }
    }
}
