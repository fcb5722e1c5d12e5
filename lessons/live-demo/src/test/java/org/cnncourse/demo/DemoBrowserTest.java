package org.cnncourse.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real headless Chromium (the system's chromium and chromedriver, installed by
 * ./cnn-course test; nothing is downloaded): start, watch the numbers move, draw, classify, pause, save, reload;
 * and a hostile page on another origin that cannot drive it.
 */
class DemoBrowserTest {
    static DemoServer server;
    static DemoTrainer trainer;
    static ChromeDriver browser;
    static String url;

    @TempDir
    static Path saveDir;

    static String executable(String property, String fallback) {
        String path = System.getProperty(property, fallback);
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install the Debian packages chromium and chromium-driver"
                    + " (./cnn-course test does when it runs as root), or set -D" + property + "=...");
        }
        return path;
    }

    @BeforeAll
    static void open() {
        trainer = new DemoTrainer(new DemoTrainer.Settings("simple-convnet", "fashion", 1e-3, 50, "adam", false), 1);
        server = new DemoServer(trainer, DemoServerTest.modelsDir(), saveDir);
        url = "http://127.0.0.1:" + server.start("127.0.0.1", 0) + "/";
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("cnncourse.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1400,1800");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(executable("cnncourse.chromedriver", "/usr/bin/chromedriver")))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    static double number(String id) {
        String t = browser.findElement(By.id(id)).getText().replace(",", "").replace("%", "").trim();
        return t.equals("-") || t.isEmpty() ? -1 : Double.parseDouble(t);
    }

    /** A page served from another origin (another port on loopback) that tries every way to drive the demo. */
    static final String HOSTILE_PAGE = """
            <!doctype html><html><head><title>waiting</title></head><body>
            <iframe name="sink"></iframe>
            <form id="form" method="POST" action="TARGET/api/control" enctype="text/plain" target="sink">
              <input name='{"action":"start","x":"' value='"}'></form>
            <script>
            const target = 'TARGET', results = [];
            async function attempt(name, request) {
              try { const r = await request(); results.push(name + ':' + (r.type === 'opaque' ? 'opaque' : r.status)); }
              catch (e) { results.push(name + ':blocked'); }
              document.title = 'tried ' + results.join(' ');
            }
            (async () => {
              await attempt('json', () => fetch(target + '/api/control', {method: 'POST',
                headers: {'Content-Type': 'application/json', 'X-CNN-Course': 'demo'}, body: '{"action":"start"}'}));
              await attempt('plain', () => fetch(target + '/api/control', {method: 'POST', mode: 'no-cors',
                headers: {'Content-Type': 'text/plain'}, body: '{"action":"start"}'}));
              await attempt('save', () => fetch(target + '/api/save', {method: 'POST', mode: 'no-cors',
                headers: {'Content-Type': 'text/plain'}, body: '{}'}));
              await attempt('read', () => fetch(target + '/api/status').then(r => r.json()));
              document.getElementById('form').submit();
              setTimeout(() => { document.title = 'done ' + results.join(' '); }, 1500);
            })();
            </script></body></html>
            """;

    @Test
    void aPageOnAnotherOriginTriesToDriveTheDemoAndFails() throws Exception {
        trainer.pause();
        DemoTrainer.State stateBefore = trainer.state();
        long batchesBefore = trainer.batches();
        long refusedBefore = server.refusedRequests();
        long zipsBefore;
        try (var files = Files.list(saveDir)) {
            zipsBefore = files.count();
        }
        com.sun.net.httpserver.HttpServer hostile = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = HOSTILE_PAGE.replace("TARGET", url.substring(0, url.length() - 1))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        hostile.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        hostile.start();
        try {
            browser.get("http://127.0.0.1:" + hostile.getAddress().getPort() + "/");
            try {
                waitUpTo(30).until(d -> d.getTitle().startsWith("done"));
            } catch (org.openqa.selenium.TimeoutException e) {
                throw new AssertionError("the hostile page did not finish: " + browser.getTitle(), e);
            }
            String results = browser.getTitle();
            // The preflighted JSON request and the cross-origin read never get through; the simple ones reach the
            // server and are refused there (the page cannot see the answer: opaque).
            assertEquals("done json:blocked plain:opaque save:opaque read:blocked", results);
            // The no-cors fetches and the form reached the server and were refused there.
            assertTrue(server.refusedRequests() >= refusedBefore + 3, (server.refusedRequests() - refusedBefore) + " refused");
            assertEquals(stateBefore, trainer.state(), "training was not started");
            assertEquals(batchesBefore, trainer.batches(), "no batch was trained");
            try (var files = Files.list(saveDir)) {
                assertEquals(zipsBefore, files.count(), "nothing was saved");
            }
        } finally {
            hostile.stop(0);
        }
    }

    @Test
    void aLearnerTrainsWatchesDrawsPausesSavesAndReloads() throws Exception {
        browser.get(url);
        waitUpTo(20).until(d -> d.findElement(By.id("connection")).getText().equals("live"));
        browser.findElement(By.id("start")).click();
        waitUpTo(60).until(d -> number("eps") > 0);
        double firstExamples = number("examples");
        waitUpTo(60).until(d -> number("testAcc") > 0);
        double acc1 = number("testAcc");
        waitUpTo(60).until(d -> number("examples") > firstExamples + 1000 && number("testAcc") != acc1);
        // Activation images and filters appear.
        waitUpTo(30).until(d -> d.findElements(By.cssSelector("#layers .maps canvas")).size() > 30
                && !d.findElements(By.cssSelector("#layers .filters canvas")).isEmpty());
        waitUpTo(30).until(d -> d.findElements(By.cssSelector("#samples .sample")).size() == DemoServer.SAMPLES);

        // A stroke on the canvas gives a prediction (classified on pointer up).
        WebElement pad = browser.findElement(By.id("draw"));
        // Pointer actions do not scroll: bring the pad into the window first, as a learner would.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", pad);
        new Actions(browser).moveToElement(pad, -60, -80).clickAndHold().moveByOffset(0, 60).moveByOffset(0, 60)
                .moveByOffset(20, 30).release().perform();
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("#guesses .guess")).size() == 3);
        assertTrue(browser.findElement(By.cssSelector("#guesses .guess")).getText().matches(".+: \\d+\\.\\d%"));

        browser.findElement(By.id("pause")).click();
        waitUpTo(20).until(d -> d.findElement(By.id("state")).getText().equals("paused"));
        Thread.sleep(1000);
        double paused = number("examples");
        Thread.sleep(1500);
        assertEquals(paused, number("examples"), "no training while paused");

        browser.findElement(By.id("save")).click();
        waitUpTo(60).until(d -> d.findElement(By.id("message")).getText().startsWith("saved "));
        assertTrue(Files.isRegularFile(saveDir.resolve("simple-convnet-fashion-demo.zip")));
        // The saved zip is offered and classifies the drawing.
        waitUpTo(20).until(d -> new Select(d.findElement(By.id("model"))).getFirstSelectedOption().getAttribute("value")
                .equals("saved/simple-convnet-fashion-demo.zip"));
        browser.findElement(By.id("guesses")).getText();
        browser.findElement(By.id("classify")).click();
        waitUpTo(20).until(d -> d.findElements(By.cssSelector("#guesses .guess")).size() == 3);
        assertEquals("", browser.findElement(By.id("message")).getText().replaceFirst("^saved .*", ""));

        browser.executeScript("window.scrollTo(0, 0)");
        Path shot = Path.of(System.getProperty("cnncourse.out", "target/out")).resolve("demo-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
