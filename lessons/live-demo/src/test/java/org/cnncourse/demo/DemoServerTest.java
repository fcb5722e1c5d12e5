package org.cnncourse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.cnncourse.data.CourseDatasets;
import org.cnncourse.models.Evaluations;
import org.cnncourse.models.ModelZips;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over real HTTP on loopback, with training running: good requests answer, bad ones get a 4xx and a reason. */
class DemoServerTest {
    static DemoServer server;
    static DemoTrainer trainer;
    static String base;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper json = new ObjectMapper();

    @TempDir
    static Path saveDir;

    static Path modelsDir() {
        return Path.of(System.getProperty("cnncourse.root", ".")).resolve("models/trained");
    }

    @BeforeAll
    static void start() throws Exception {
        trainer = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "digits", 1e-3, 50, "adam", false), 1);
        server = new DemoServer(trainer, modelsDir(), saveDir);
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
        post("/api/control", "{\"action\":\"start\"}");
        waitForBatches(5);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void waitForBatches(long n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (trainer.batches() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(trainer.batches() >= n, "training reached " + trainer.batches() + " batches, expected " + n);
    }

    static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").header(DemoServer.REQUEST_HEADER, DemoServer.REQUEST_HEADER_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String pixels(double value, int count) {
        double[] p = new double[count];
        Arrays.fill(p, value);
        for (int y = 6; y < 22 && count == 784; y++) {
            p[y * 28 + 14] = 1;
        }
        return Arrays.toString(p);
    }

    static void assertRefused(int status, String expected, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        String error = json.readTree(r.body()).get("error").asText();
        assertTrue(error.contains(expected), error);
    }

    @Test
    void malformedRequestsGetA4xxWithTheReasonAndTrainingGoesOn() throws Exception {
        long before = trainer.batches();
        assertRefused(400, "malformed JSON", post("/api/predict", "{pixels: nope"));
        assertRefused(400, "784 values (a 28x28 canvas) expected, got 10", post("/api/predict", "{\"pixels\":" + pixels(0, 10) + "}"));
        assertRefused(400, "pixels[0] must be a number in [0, 1], got 2.0", post("/api/predict", "{\"pixels\":" + pixels(2, 784) + "}"));
        assertRefused(400, "model must be the file name of a zip", post("/api/predict",
                "{\"pixels\":" + pixels(0, 784) + ",\"model\":\"../../pom.xml\"}"));
        assertRefused(404, "no model zip 'nothing-here.zip'", post("/api/predict",
                "{\"pixels\":" + pixels(0, 784) + ",\"model\":\"nothing-here.zip\"}"));
        assertRefused(400, "unknown action 'fly'", post("/api/control", "{\"action\":\"fly\"}"));
        assertRefused(400, "learning rate must be in (0, 1], got -1.0", post("/api/settings", "{\"learningRate\":-1}"));
        assertRefused(400, "unknown network 'googlenet-huge'", post("/api/settings", "{\"network\":\"googlenet-huge\"}"));
        assertRefused(400, "batchSize must be a number", post("/api/settings", "{\"batchSize\":\"many\"}"));
        assertRefused(400, "a JSON object expected", post("/api/control", "[1,2,3]"));
        assertRefused(400, "image must be in 0..499", get("/api/visuals?image=100000"));
        assertRefused(400, "name may hold letters", post("/api/save", "{\"name\":\"../escape\"}"));
        HttpResponse<String> huge = post("/api/predict", "{\"pixels\":[" + "0.5,".repeat(40_000) + "0]}");
        assertEquals(413, huge.statusCode(), huge.body());
        assertEquals(DemoTrainer.State.RUNNING, trainer.state());
        waitForBatches(before + 3);
    }

    @Test
    void theLiveNetworkAndAShippedZipClassifyACanvas() throws Exception {
        for (String model : new String[] {"current", "simple-convnet-digits.zip"}) {
            HttpResponse<String> r = post("/api/predict", "{\"pixels\":" + pixels(0, 784) + ",\"model\":\"" + model + "\"}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode g = json.readTree(r.body()).get("guesses");
            assertEquals(3, g.size());
            double sum = 0;
            for (JsonNode x : g) {
                sum += x.get("probability").asDouble();
            }
            assertTrue(sum > 0 && sum <= 1.0001, r.body());
            assertTrue(g.get(0).get("probability").asDouble() >= g.get(1).get("probability").asDouble());
        }
        JsonNode models = json.readTree(get("/api/models").body()).get("models");
        assertTrue(models.toString().contains("simple-convnet-digits.zip"), models.toString());
    }

    @Test
    void settingsApplyWhileTrainingRuns() throws Exception {
        HttpResponse<String> r = post("/api/settings", "{\"learningRate\":0.0005,\"batchSize\":20,\"updater\":\"sgd-momentum\",\"augment\":true}");
        assertEquals(200, r.statusCode(), r.body());
        long before = trainer.batches();
        waitForBatches(before + 5);
        long deadline = System.currentTimeMillis() + 10_000;
        while (trainer.snapshot().batch() <= before + 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("sgd-momentum", trainer.settings().updater());
        assertEquals(0.0005, org.deeplearning4j.util.NetworkUtils.getLearningRate(trainer.snapshot().net(), 0), 1e-12);
        post("/api/settings", "{\"learningRate\":0.001,\"batchSize\":50,\"updater\":\"adam\",\"augment\":false}");
    }

    @Test
    void visualsHoldEveryLayerAndTheFilters() throws Exception {
        JsonNode v = json.readTree(get("/api/visuals?image=3").body());
        JsonNode layers = v.get("layers");
        assertEquals("input", layers.get(0).get("name").asText());
        JsonNode conv = layers.get(1);
        assertEquals(30, conv.get("channels").asInt());
        assertEquals(24, conv.get("height").asInt());
        assertEquals(30 * 24 * 24, java.util.Base64.getDecoder().decode(conv.get("maps").asText()).length);
        assertEquals(30, conv.get("filters").get("count").asInt());
        JsonNode samples = json.readTree(get("/api/samples").body()).get("samples");
        assertEquals(DemoServer.SAMPLES, samples.size());
        assertEquals(3, samples.get(0).get("guesses").size());
    }

    @Test
    void theEventStreamPushesStatusSeveralTimesASecond() throws Exception {
        HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
                        .header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        int events = 0;
        long t0 = System.nanoTime();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body()))) {
            String line;
            while (events < 5 && (line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonNode s = json.readTree(line.substring(5));
                    assertTrue(s.has("examplesPerSecond") && s.has("curve"), line);
                    events++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(5, events);
        assertTrue(seconds < 5, "5 events took " + seconds + " s");
    }

    @Test
    void savedZipLoadsAndItsRecordedAccuracyIsReproduced() throws Exception {
        HttpResponse<String> r = post("/api/save", "{\"name\":\"demo-test\"}");
        assertEquals(200, r.statusCode(), r.body());
        ModelZips.Loaded m = ModelZips.load(saveDir.resolve("demo-test.zip"), false);
        double acc = Evaluations.evaluate(m.network(), CourseDatasets.mnistDigits(CourseDatasets.Split.TEST), 28).accuracy();
        assertEquals(m.metadata().testAccuracy(), acc, 1e-9);
        HttpResponse<String> p = post("/api/predict", "{\"pixels\":" + pixels(0, 784) + ",\"model\":\"saved/demo-test.zip\"}");
        assertEquals(200, p.statusCode(), p.body());
    }

    @Test
    void twoBrowsersSeeTheSameRun() throws Exception {
        HttpRequest events = HttpRequest.newBuilder(URI.create(base + "/api/events")).header("Accept", "text/event-stream")
                .GET().build();
        HttpResponse<java.io.InputStream> a = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<java.io.InputStream> b = http.send(events, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader ra = new BufferedReader(new InputStreamReader(a.body()));
             BufferedReader rb = new BufferedReader(new InputStreamReader(b.body()))) {
            JsonNode sa = null, sb = null;
            // Read until both streams carry a status that counts both of them, from the same run.
            for (int i = 0; i < 200 && (sa == null || sb == null || sa.get("clients").asInt() < 2 || sb.get("clients").asInt() < 2); i++) {
                String la = ra.readLine(), lb = rb.readLine();
                if (la != null && la.startsWith("data:")) {
                    sa = json.readTree(la.substring(5));
                }
                if (lb != null && lb.startsWith("data:")) {
                    sb = json.readTree(lb.substring(5));
                }
            }
            assertTrue(sa != null && sb != null && sa.get("clients").asInt() >= 2 && sb.get("clients").asInt() >= 2,
                    "both streams count both browsers: " + sa + " / " + sb);
            assertEquals(sa.get("settings"), sb.get("settings"));
            assertTrue(Math.abs(sa.get("batches").asLong() - sb.get("batches").asLong()) < 50, "the same run");
        }
    }
}
