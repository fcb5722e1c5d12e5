package org.cnncourse.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cnncourse.data.ImageSet;
import org.cnncourse.models.ModelZips;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The page's server: static files, a Server-Sent Events stream of the training status four
 * times a second, and a small JSON API. Every request is validated; a bad one gets a 4xx with
 * the reason and never reaches the training thread.
 */
public final class DemoServer implements AutoCloseable {
    /** Canvas pixels plus a little JSON: larger bodies are refused. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    static final int SAMPLES = 12;
    static final int CANVAS = 28;

    private final DemoTrainer trainer;
    private final Path modelsDir, saveDir;
    private final ObjectMapper json = new ObjectMapper();
    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final Map<String, ModelZips.Loaded> loaded = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-events");
        t.setDaemon(true);
        return t;
    });
    private Javalin app;
    /** The status as JSON, rebuilt at most every 100 ms: many pollers must not cost the trainer its CPU. */
    private volatile String cachedStatus;
    /** Requests that compute (predict, visuals, samples) take turns on all cores but one: the trainer keeps a core. */
    private final java.util.concurrent.Semaphore computing =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() - 1), true);
    private volatile long cachedAt;

    /** A request the server refuses, with the reason the client sees. */
    static final class BadRequest extends RuntimeException {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    public DemoServer(DemoTrainer trainer, Path modelsDir, Path saveDir) {
        this.trainer = trainer;
        this.modelsDir = modelsDir.toAbsolutePath().normalize();
        this.saveDir = saveDir.toAbsolutePath().normalize();
    }

    /** Starts listening; port 0 picks a free one. Returns the port. */
    public int start(String host, int port) {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/demo";
                sf.location = Location.CLASSPATH;
            });
        });
        app.before("/api/*", this::guard);
        app.sse("/api/events", client -> {
            client.keepAlive();
            client.onClose(() -> clients.remove(client));
            clients.add(client);
            client.sendEvent("status", statusJson());
        });
        app.get("/api/status", ctx -> ctx.contentType("application/json").result(statusJson()));
        app.post("/api/control", this::control);
        app.post("/api/settings", this::settings);
        app.post("/api/predict", ctx -> computing(ctx, this::predict));
        app.post("/api/save", ctx -> saving(ctx, c -> computing(c, this::save)));
        app.get("/api/models", ctx -> ctx.json(Map.of("models", modelNames())));
        app.get("/api/samples", ctx -> computing(ctx, c -> c.json(samples())));
        app.get("/api/visuals", ctx -> computing(ctx, this::visuals));
        app.exception(BadRequest.class, (e, ctx) -> {
            if (e.status == 403 || e.status == 415) {
                refused.incrementAndGet();
            }
            ctx.status(e.status).json(Map.of("error", e.getMessage()));
        });
        app.exception(com.fasterxml.jackson.core.JacksonException.class,
                (e, ctx) -> ctx.status(400).json(Map.of("error", "malformed JSON: " + e.getOriginalMessage())));
        app.exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).json(Map.of("error", e.getMessage())));
        app.start(host, port);
        ticker.scheduleAtFixedRate(this::broadcast, 250, 250, TimeUnit.MILLISECONDS);
        return app.port();
    }

    /** The header every write must carry: a web page on another origin cannot set it without the server's consent. */
    public static final String REQUEST_HEADER = "X-CNN-Course";
    public static final String REQUEST_HEADER_VALUE = "demo";

    /**
     * Who may ask: the Host must name this server by address or as localhost (a page that rebinds
     * its own domain name to 127.0.0.1 is refused, so it cannot read the answers), and a write (POST)
     * must come from this page: same Origin when the browser sends one, JSON, and the page's
     * {@value #REQUEST_HEADER} header, which a cross-origin form or a CORS-less fetch cannot send.
     */
    private void guard(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || !isLocalOrAddress(hostName(host))) {
            throw new BadRequest(403, "Host '" + host + "' is not this server's address: open the demo at"
                    + " http://127.0.0.1:" + app.port() + "/ or http://localhost:" + app.port() + "/");
        }
        if (!ctx.method().name().equals("POST")) {
            return;
        }
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("http://" + host)) {
            throw new BadRequest(403, "cross-origin request from '" + origin + "' refused: only the demo's own page may"
                    + " change training or save");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new BadRequest(403, "request from another site (" + site + ") refused");
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "Content-Type must be application/json, got " + (type == null ? "none" : "'" + type + "'"));
        }
        if (!REQUEST_HEADER_VALUE.equals(ctx.header(REQUEST_HEADER))) {
            throw new BadRequest(403, "the header " + REQUEST_HEADER + ": " + REQUEST_HEADER_VALUE
                    + " is missing: writes come from the demo's page");
        }
        String len = ctx.header("Content-Length");
        if (len != null && len.matches("\\d{1,18}") && Long.parseLong(len) > MAX_BODY_BYTES) {
            throw new BadRequest(413, "request body of " + len + " bytes is over the limit of " + MAX_BODY_BYTES);
        }
    }

    /** The name part of a Host header: "127.0.0.1:7070" -> "127.0.0.1", "[::1]:7070" -> "::1". */
    static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(1, end);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /** localhost or an IP address literal; never a DNS name, which a rebinding attack controls. */
    static boolean isLocalOrAddress(String name) {
        if (name.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return true;
        }
        return name.contains(":") && name.matches("[0-9a-fA-F:.]+");
    }

    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    /** Requests refused as foreign (wrong Host, Origin, content type or header) since the start. */
    long refusedRequests() {
        return refused.get();
    }

    /** One save at a time (each evaluates the whole test set); a second one while it runs is told to wait. */
    private final java.util.concurrent.Semaphore saves = new java.util.concurrent.Semaphore(1);

    private void saving(Context ctx, io.javalin.http.Handler handler) throws Exception {
        if (!saves.tryAcquire()) {
            throw new BadRequest(429, "a save is already running; try again when it has finished");
        }
        try {
            handler.handle(ctx);
        } finally {
            saves.release();
        }
    }

    private void computing(Context ctx, io.javalin.http.Handler handler) throws Exception {
        computing.acquire();
        try {
            handler.handle(ctx);
        } finally {
            computing.release();
        }
    }

    private void broadcast() {
        if (clients.isEmpty()) {
            return;
        }
        String s = statusJson();
        for (SseClient c : clients) {
            if (c.terminated()) {
                clients.remove(c);
            } else {
                c.sendEvent("status", s);
            }
        }
    }

    String statusJson() {
        long now = System.nanoTime();
        String s = cachedStatus;
        if (s == null || now - cachedAt > 100_000_000L) {
            try {
                s = json.writeValueAsString(status());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("status not serialisable", e);
            }
            cachedStatus = s;
            cachedAt = now;
        }
        return s;
    }

    Map<String, Object> status() {
        DemoTrainer.Settings s = trainer.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", trainer.state().name().toLowerCase(java.util.Locale.ROOT));
        m.put("settings", s);
        m.put("batches", trainer.batches());
        m.put("examples", trainer.examples());
        m.put("examplesPerSecond", Math.round(trainer.examplesPerSecond()));
        m.put("epoch", trainer.epoch());
        m.put("epochProgress", trainer.epochProgress());
        m.put("error", trainer.error());
        List<DemoTrainer.Point> pts = trainer.points();
        // At most 400 points for the curves; the latest measured accuracies on their own.
        int step = Math.max(1, pts.size() / 400);
        List<double[]> curve = new ArrayList<>();
        double lastTrain = Double.NaN, lastTest = Double.NaN;
        for (int i = 0; i < pts.size(); i++) {
            DemoTrainer.Point p = pts.get(i);
            if (!Double.isNaN(p.trainAccuracy())) {
                lastTrain = p.trainAccuracy();
            }
            if (!Double.isNaN(p.testAccuracy())) {
                lastTest = p.testAccuracy();
            }
            if (i % step == 0 || i == pts.size() - 1) {
                curve.add(new double[] {p.batch(), p.loss(), lastTrain, lastTest});
            }
        }
        m.put("loss", pts.isEmpty() ? null : pts.get(pts.size() - 1).loss());
        m.put("trainAccuracy", Double.isNaN(lastTrain) ? null : lastTrain);
        m.put("testAccuracy", Double.isNaN(lastTest) ? null : lastTest);
        m.put("curve", curve.stream().map(a -> Stream.of(a[0], a[1], a[2], a[3])
                .map(v -> Double.isNaN(v) ? null : v).toList()).toList());
        m.put("clients", clients.size());
        return m;
    }

    /**
     * The request body, read up to the limit: the bytes actually read count, so a chunked body
     * without a Content-Length is stopped at {@link #MAX_BODY_BYTES} too.
     */
    static String boundedBody(Context ctx) throws IOException {
        byte[] bytes = ctx.req().getInputStream().readNBytes((int) MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest(413, "request body is over the limit of " + MAX_BODY_BYTES + " bytes");
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    private JsonNode body(Context ctx) throws IOException {
        String text = boundedBody(ctx);
        if (text.isBlank()) {
            throw new BadRequest(400, "empty request body: JSON expected");
        }
        return object(text);
    }

    private JsonNode object(String text) throws IOException {
        JsonNode n = json.readTree(text);
        if (n == null || !n.isObject()) {
            throw new BadRequest(400, "a JSON object expected, got: " + (text.length() > 60 ? text.substring(0, 60) + "..." : text));
        }
        return n;
    }

    private void control(Context ctx) throws IOException {
        String action = body(ctx).path("action").asText("");
        switch (action) {
            case "start" -> trainer.start();
            case "pause" -> trainer.pause();
            case "reset" -> trainer.reset(trainer.settings());
            default -> throw new BadRequest(400, "unknown action '" + action + "'; use start, pause or reset");
        }
        ctx.json(status());
    }

    private void settings(Context ctx) throws IOException {
        JsonNode b = body(ctx);
        DemoTrainer.Settings old = trainer.settings();
        DemoTrainer.Settings s = new DemoTrainer.Settings(b.path("network").asText(old.network()),
                b.path("dataset").asText(old.dataset()), number(b, "learningRate", old.learningRate()),
                (int) number(b, "batchSize", old.batchSize()), b.path("updater").asText(old.updater()),
                b.has("augment") ? bool(b, "augment") : old.augment());
        trainer.update(s);
        ctx.json(status());
    }

    private static double number(JsonNode b, String field, double fallback) {
        if (!b.has(field)) {
            return fallback;
        }
        if (!b.get(field).isNumber()) {
            throw new BadRequest(400, field + " must be a number, got " + b.get(field));
        }
        return b.get(field).asDouble();
    }

    private static boolean bool(JsonNode b, String field) {
        if (!b.get(field).isBoolean()) {
            throw new BadRequest(400, field + " must be true or false, got " + b.get(field));
        }
        return b.get(field).asBoolean();
    }

    /** Classifies 28x28 canvas pixels (0 = background, 1 = ink) with the live network or a model zip. */
    private void predict(Context ctx) throws IOException {
        JsonNode b = body(ctx);
        JsonNode px = b.get("pixels");
        if (px == null || !px.isArray()) {
            throw new BadRequest(400, "pixels: an array of " + CANVAS * CANVAS + " numbers in [0, 1] expected");
        }
        if (px.size() != CANVAS * CANVAS) {
            throw new BadRequest(400, "pixels: " + CANVAS * CANVAS + " values (a 28x28 canvas) expected, got " + px.size());
        }
        float[] pixels = new float[CANVAS * CANVAS];
        for (int i = 0; i < pixels.length; i++) {
            JsonNode v = px.get(i);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1 || Double.isNaN(v.asDouble())) {
                throw new BadRequest(400, "pixels[" + i + "] must be a number in [0, 1], got " + v);
            }
            pixels[i] = (float) v.asDouble();
        }
        String model = b.path("model").asText("current");
        List<String> classes;
        double[] probs;
        if (model.equals("current")) {
            probs = trainer.withSnapshot(snap -> snap.output(input(pixels, snap.side())).toDoubleVector());
            classes = trainer.testSet().classNames();
        } else {
            ModelZips.Loaded m = loadModel(model);
            int side = m.metadata().inputShape().get(1);
            synchronized (m) {
                INDArray out = org.cnncourse.models.Networks.output(m.model(), input(pixels, side));
                probs = out.toDoubleVector();
            }
            classes = m.metadata().classNames();
        }
        ctx.json(Map.of("model", model, "guesses", top(probs, classes, 3)));
    }

    /** Test image {@code i} scaled to [0, 1], as the pipelines scale it. */
    static float[] scaledPixels(ImageSet set, int i) {
        float[] px = set.pixels(i);
        for (int p = 0; p < px.length; p++) {
            px[p] = (float) (px[p] / set.maxPixelValue());
        }
        return px;
    }

    /** A 28x28 canvas as a (1, 1, side, side) batch, centred with zero padding for 32x32 networks. */
    static INDArray input(float[] pixels, int side) {
        float[] x = new float[side * side];
        int off = (side - CANVAS) / 2;
        for (int y = 0; y < CANVAS; y++) {
            System.arraycopy(pixels, y * CANVAS, x, (y + off) * side + off, CANVAS);
        }
        return Nd4j.create(x, new long[] {1, 1, side, side}, 'c');
    }

    static List<Map<String, Object>> top(double[] probs, List<String> classes, int k) {
        Integer[] idx = new Integer[probs.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(probs[b], probs[a]));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < Math.min(k, idx.length); i++) {
            out.add(Map.of("label", idx[i], "name", classes.get(idx[i]), "probability", probs[idx[i]]));
        }
        return out;
    }

    List<String> modelNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path dir : List.of(modelsDir, saveDir)) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".zip") && Files.isRegularFile(f))
                            .map(f -> (dir.equals(saveDir) ? "saved/" : "") + f.getFileName()).sorted().forEach(names::add);
                }
            }
        }
        return names;
    }

    /** A zip by its name under models/trained/ (or "saved/NAME" under the demo's save folder); nothing else. */
    private ModelZips.Loaded loadModel(String name) throws IOException {
        boolean saved = name.startsWith("saved/");
        String file = saved ? name.substring("saved/".length()) : name;
        if (!file.matches("[A-Za-z0-9._-]+\\.zip") || file.contains("..")) {
            throw new BadRequest(400, "model must be the file name of a zip in models/trained/ (or saved/NAME.zip), got '"
                    + name + "'");
        }
        Path dir = saved ? saveDir : modelsDir;
        Path zip = dir.resolve(file).normalize();
        if (!zip.startsWith(dir) || !Files.isRegularFile(zip)) {
            throw new BadRequest(404, "no model zip '" + name + "' in " + dir);
        }
        ModelZips.Loaded m = loaded.get(name);
        if (m == null) {
            try {
                m = ModelZips.load(zip, false);
            } catch (IOException | RuntimeException e) {
                throw new BadRequest(422, "cannot load " + zip + ": " + e.getMessage());
            }
            loaded.put(name, m);
        }
        return m;
    }

    private void save(Context ctx) throws IOException {
        String text = boundedBody(ctx);
        JsonNode b = text.isBlank() ? json.createObjectNode() : object(text);
        DemoTrainer.Settings s = trainer.settings();
        String name = b.path("name").asText(s.network() + "-" + s.dataset() + "-demo");
        if (!name.matches("[A-Za-z0-9._-]{1,64}") || name.contains("..")) {
            throw new BadRequest(400, "name may hold letters, digits, '.', '_' and '-' only (at most 64), got '" + name + "'");
        }
        Files.createDirectories(saveDir);
        Path zip = trainer.save(saveDir.resolve(name + ".zip"));
        loaded.remove("saved/" + zip.getFileName());
        ctx.json(Map.of("saved", zip.toString(), "model", "saved/" + zip.getFileName()));
    }

    /** The first test images with the live network's top-3 guesses. */
    Map<String, Object> samples() {
        return trainer.withSnapshot(this::samples);
    }

    private Map<String, Object> samples(DemoTrainer.Snapshot snap) {
        ImageSet test = trainer.testSet();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            float[] scaled = scaledPixels(test, i);
            byte[] bytes = new byte[scaled.length];
            for (int p = 0; p < scaled.length; p++) {
                bytes[p] = (byte) Math.round(scaled[p] * 255);
            }
            double[] probs = snap.output(input(scaled, snap.side())).toDoubleVector();
            items.add(Map.of("index", i, "label", test.label(i), "name", test.classNames().get(test.label(i)),
                    "pixels", Base64.getEncoder().encodeToString(bytes), "guesses", top(probs, test.classNames(), 3)));
        }
        return Map.of("batch", snap.batch(), "samples", items);
    }

    /** Every layer's activations for one test image, and the first-layer-style filters of each convolution. */
    private void visuals(Context ctx) {
        int image;
        try {
            image = Integer.parseInt(ctx.queryParamAsClass("image", String.class).getOrDefault("0"));
        } catch (NumberFormatException e) {
            throw new BadRequest(400, "image must be a whole number, got '" + ctx.queryParam("image") + "'");
        }
        ImageSet test = trainer.testSet();
        if (image < 0 || image >= test.size()) {
            throw new BadRequest(400, "image must be in 0.." + (test.size() - 1) + ", got " + image);
        }
        int chosen = image;
        ctx.json(trainer.withSnapshot(snap -> visuals(snap, test, chosen)));
    }

    private Map<String, Object> visuals(DemoTrainer.Snapshot snap, ImageSet test, int image) {
        List<INDArray> acts = snap.activations(input(scaledPixels(test, image), snap.side()));
        MultiLayerNetwork net = snap.net();
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < acts.size(); i++) {
            INDArray a = acts.get(i).castTo(DataType.FLOAT);
            String name = i == 0 ? "input" : net.getLayer(i - 1).conf().getLayer().getLayerName();
            String type = i == 0 ? "input" : net.getLayer(i - 1).conf().getLayer().getClass().getSimpleName();
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", name == null ? "layer " + (i - 1) : name);
            l.put("type", type);
            if (a.rank() == 4) {
                l.put("channels", a.size(1));
                l.put("height", a.size(2));
                l.put("width", a.size(3));
                l.put("maps", perMapBytes(a.reshape(a.size(1), a.size(2) * a.size(3))));
            } else {
                long n = a.length();
                l.put("channels", 1);
                l.put("height", 1);
                l.put("width", n);
                l.put("maps", perMapBytes(a.reshape(1, n)));
            }
            if (i > 0 && net.getLayer(i - 1).conf().getLayer() instanceof ConvolutionLayer) {
                INDArray w = net.getLayer(i - 1).getParam("W").castTo(DataType.FLOAT);
                // One tile per filter: its weights averaged over input channels.
                INDArray tiles = w.mean(1);
                l.put("filters", Map.of("count", w.size(0), "height", w.size(2), "width", w.size(3),
                        "maps", perMapBytes(tiles.reshape(w.size(0), w.size(2) * w.size(3)))));
            }
            layers.add(l);
        }
        return Map.of("image", image, "batch", snap.batch(), "layers", layers);
    }

    /** Each row scaled to 0..255 on its own, as base64. */
    static String perMapBytes(INDArray rows) {
        float[][] m = rows.toFloatMatrix();
        byte[] out = new byte[m.length * (m.length == 0 ? 0 : m[0].length)];
        int k = 0;
        for (float[] row : m) {
            float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            float range = hi - lo > 1e-12f ? hi - lo : 1f;
            for (float v : row) {
                out[k++] = (byte) Math.round((v - lo) / range * 255);
            }
        }
        return Base64.getEncoder().encodeToString(out);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (SseClient c : clients) {
            c.close();
        }
        if (app != null) {
            app.stop();
        }
        trainer.close();
    }
}
