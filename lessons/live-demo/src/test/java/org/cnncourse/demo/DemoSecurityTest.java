package org.cnncourse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another web page, a rebinding domain name or a greedy client may not do to the demo, over
 * real HTTP on loopback: each refusal leaves training as it was.
 */
class DemoSecurityTest {
    static DemoServer server;
    static DemoTrainer trainer;
    static int port;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path saveDir;

    @BeforeAll
    static void start() {
        trainer = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "digits", 1e-3, 50, "adam", false), 1);
        server = new DemoServer(trainer, DemoServerTest.modelsDir(), saveDir);
        port = server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One raw HTTP/1.1 exchange, for what Java's client will not send (a foreign Host header, a chunked body). */
    static String raw(String head, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (java.io.IOException refusedMidway) {
                    // The server may answer and close before the whole body is sent: that is the point.
                }
            }
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                answer.write(buf, 0, n);
                if (answer.toString(StandardCharsets.ISO_8859_1).contains("}")) {
                    break;
                }
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static long zipsSaved() throws java.io.IOException {
        try (var files = Files.list(saveDir)) {
            return files.filter(p -> p.toString().endsWith(".zip")).count();
        }
    }

    @Test
    void aPageOnAnotherOriginCannotStartTrainingOrSave() throws Exception {
        long zipsBefore = zipsSaved();
        String start = "{\"action\":\"start\"}";
        HttpResponse<String> r = post("/api/control", start, "Content-Type", "application/json",
                DemoServer.REQUEST_HEADER, DemoServer.REQUEST_HEADER_VALUE, "Origin", "http://evil.example");
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("cross-origin request from 'http://evil.example' refused"), r.body());
        // What an HTML form or a no-cors fetch can send: text/plain or a form encoding, no custom header.
        assertEquals(415, post("/api/control", start, "Content-Type", "text/plain").statusCode());
        assertEquals(415, post("/api/control", "action=start", "Content-Type", "application/x-www-form-urlencoded").statusCode());
        HttpResponse<String> noHeader = post("/api/save", "{}", "Content-Type", "application/json");
        assertEquals(403, noHeader.statusCode(), noHeader.body());
        assertTrue(noHeader.body().contains(DemoServer.REQUEST_HEADER), noHeader.body());
        assertEquals(DemoTrainer.State.IDLE, trainer.state());
        assertEquals(0, trainer.batches());
        assertEquals(zipsBefore, zipsSaved(), "nothing saved");
        // The page's own request, same origin, goes through.
        HttpResponse<String> own = post("/api/control", "{\"action\":\"pause\"}", "Content-Type", "application/json",
                DemoServer.REQUEST_HEADER, DemoServer.REQUEST_HEADER_VALUE, "Origin", "http://127.0.0.1:" + port);
        assertEquals(200, own.statusCode(), own.body());
    }

    @Test
    void aRebindingDomainNameCannotReadTheApi() throws Exception {
        String refused = raw("GET /api/status HTTP/1.1\r\nHost: rebind.evil.example:" + port + "\r\nConnection: close\r\n\r\n", null);
        assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
        assertTrue(refused.contains("is not this server's address"), refused);
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port)) {
            String ok = raw("GET /api/status HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n", null);
            assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
        }
    }

    @Test
    void aChunkedBodyIsStoppedAtTheLimitByTheBytesRead() throws Exception {
        // Valid JSON of 1 MB, sent without a Content-Length: only the bytes read can tell its size.
        byte[] json = ("{\"action\":\"pause\",\"padding\":\"" + "x".repeat(1 << 20) + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        for (int off = 0; off < json.length; off += 8192) {
            int n = Math.min(8192, json.length - off);
            chunked.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunked.write(json, off, n);
            chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String answer = raw("POST /api/control HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + DemoServer.REQUEST_HEADER + ": " + DemoServer.REQUEST_HEADER_VALUE
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunked.toByteArray());
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer.lines().findFirst().orElse(answer));
        assertTrue(answer.contains("over the limit of " + DemoServer.MAX_BODY_BYTES + " bytes"), answer);
    }

    @Test
    void savesRunOneAtATimeAndTheRestAreToldToWait() throws Exception {
        long zipsBefore = zipsSaved();
        List<CompletableFuture<HttpResponse<String>>> saves = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            saves.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/save"))
                    .header("Content-Type", "application/json").header(DemoServer.REQUEST_HEADER, DemoServer.REQUEST_HEADER_VALUE)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"concurrent-" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int saved = 0, toldToWait = 0;
        for (CompletableFuture<HttpResponse<String>> f : saves) {
            HttpResponse<String> r = f.get();
            if (r.statusCode() == 200) {
                saved++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.body().contains("a save is already running"), r.body());
                toldToWait++;
            }
        }
        assertTrue(saved >= 1 && toldToWait >= 1, saved + " saved, " + toldToWait + " told to wait");
        assertEquals(zipsBefore + saved, zipsSaved());
    }

    static long residentMegabytes() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    @Test
    void memoryStaysFlatAcrossManyNetworkSwitches() throws Exception {
        DemoTrainer t = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "digits", 1e-3, 50, "adam", false), 5);
        try {
            String[] networks = {"vgg-small", "simple-convnet"};
            // Resident memory settles after about 30 switches (heap sizing, the allocator's pools).
            for (int i = 0; i < 30; i++) {
                t.reset(new DemoTrainer.Settings(networks[i % 2], "digits", 1e-3, 50, "adam", false));
            }
            long warm = residentMegabytes();
            for (int i = 0; i < 60; i++) {
                t.reset(new DemoTrainer.Settings(networks[i % 2], "digits", 1e-3, 50, "adam", false));
            }
            long after = residentMegabytes();
            System.out.printf("resident memory over 60 network switches (after 30 to warm up): %d MB -> %d MB%n", warm, after);
            // Measured: +2 to +60 MB over 60 switches; without the collection after a reset, gigabytes over hundreds.
            assertTrue(after - warm < 150, "resident memory went from " + warm + " MB to " + after + " MB over 60 switches");
        } finally {
            t.close();
        }
    }

    @Test
    void aResetFreesTheOldNetworksNativeMemory() {
        DemoTrainer t = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "digits", 1e-3, 50, "adam", false), 3);
        try {
            DemoTrainer.Snapshot before = t.snapshot();
            org.deeplearning4j.nn.multilayer.MultiLayerNetwork training = t.trainingNetwork();
            t.reset(new DemoTrainer.Settings("lenet5", "digits", 1e-3, 50, "adam", false));
            assertTrue(before.isClosed(), "the old snapshot is closed");
            assertTrue(before.net().params().wasClosed(), "the old snapshot's parameters are freed");
            assertTrue(training.params().wasClosed(), "the old training network's parameters are freed");
            assertTrue(t.withSnapshot(s -> s.output(DemoServer.input(new float[28 * 28], s.side())).length()) == 10);
        } finally {
            t.close();
        }
    }
}
