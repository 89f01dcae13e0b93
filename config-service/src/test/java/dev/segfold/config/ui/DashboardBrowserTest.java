package dev.segfold.config.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.config.rest.KafkaTopics;
import dev.segfold.config.rest.TestData;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against the service on the
 * devstack's real Kafka and S3 server: the runs list shows a submitted run, the run page's curve
 * grows when the trainer's next progress event arrives (no reload), the cancel button sends the
 * DELETE with the page's token, and the viewer's canvases are not blank and show the labels'
 * colours. Each page is opened with a login link ({@code ?token=}) in a fresh browser profile.
 * Screenshots go to {@code target/dashboard-screenshots/}.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
class DashboardBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Path SHOTS = Path.of("target", "dashboard-screenshots");

    @InjectDevStack
    DevStack stack;

    @InjectDevStack
    ApiKeys keys;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/")
    URL root;

    private Path profile;
    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        HeadlessChromium.unavailable().ifPresent(why -> Assumptions.abort("no browser test: " + why));
        profile = Files.createTempDirectory("segfold-chromium");
        browser = HeadlessChromium.start(profile);
        Files.createDirectories(SHOTS);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        HeadlessChromium.quit(browser, profile);
    }

    /** Waits like {@link WebDriverWait}; a timeout says what the page showed and logged. */
    private <T> T await(java.util.function.Function<org.openqa.selenium.WebDriver, T> condition) {
        try {
            // the pages re-render their tables as events arrive: a stale element is looked up again
            return new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(e.getMessage().lines().findFirst().orElse("timeout") + "\npage " + browser.getCurrentUrl()
                    + ":\n" + browser.findElement(By.tagName("body")).getText() + "\nconsole:\n"
                    + HeadlessChromium.console(browser), e);
        }
    }

    /** The canvas's pixels once {@code done} holds for them (a timeout fails with what the page showed). */
    private Pixels drawn(By canvas, java.util.function.Predicate<Pixels> done) {
        return await(d -> {
            try {
                Pixels p = Pixels.of(d.findElement(canvas).getScreenshotAs(OutputType.BYTES));
                return done.test(p) ? p : null;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void runsListShowsTheRunAndTheRunPageCurveGrowsWithTheNextProgressEvent() throws Exception {
        String runId = submit("tester", ApiRole.SUBMIT);
        FoldId fold0 = new FoldId(runId, "3d_fullres", 0, 0);
        for (int it = 1; it <= 15; it++) {
            progress(fold0, it);
        }
        String reader = keys.token("rita", ApiRole.READ, Duration.ofMinutes(30));

        browser.get(root + "?token=" + reader);
        By row = By.cssSelector("tr[data-run='" + runId + "']");
        String text = await(d -> d.findElement(row).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/ui/"), "/ redirects to /ui/ and the token leaves the address bar: "
                + browser.getCurrentUrl());
        assertTrue(text.contains("tester"), "the list says who submitted: " + text);
        assertTrue(text.contains(TestData.dataset(store)), text);

        await(d -> {
            d.findElement(row).findElement(By.tagName("a")).click();
            return true;
        });
        await(ExpectedConditions.urlContains("/ui/runs/" + runId));
        WebElement curves = await(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".fold-curves[data-fold='0/0']")));
        await(d -> "15".equals(curves.getDomAttribute("data-points")));
        assertEquals(2, curves.findElements(By.tagName("canvas")).size(), "a loss/pseudo-Dice chart and a learning-rate chart");
        assertFalse(curves.findElements(By.cssSelector(".u-legend")).isEmpty(), "uPlot drew its legend");
        // no cancel button for a reader (the API would refuse it anyway)
        assertTrue(browser.findElements(By.id("cancel-run")).isEmpty());

        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
        progress(fold0, 16);
        await(d -> "16".equals(curves.getDomAttribute("data-points")));
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                "the curve grew without a reload");
        await(d -> d.findElement(By.cssSelector("#fold-table tr[data-fold='0/0']")).getText().contains("16 / 20"));

        // the rest of the fold, then what the evaluator stores and publishes
        for (int it = 17; it <= 20; it++) {
            progress(fold0, it);
        }
        RunLayout layout = RunLayout.of(runId);
        String trainingCase = caseIds(DatasetLayout.of(TestData.dataset(store)).labelsTrPrefix()).get(0);
        store.put(store.buckets().runs(), layout.fold("3d_fullres", 0).validationPrediction(trainingCase),
                store.get(store.buckets().datasets(), DatasetLayout.of(TestData.dataset(store)).trainingLabel(trainingCase)),
                "application/gzip");
        store.put(store.buckets().runs(), layout.fold("3d_fullres", 0).validationSummary(), ("{\"results\": {\"all\": [{"
                + "\"1\": {\"Dice\": 0.81}, \"2\": {\"Dice\": 0.67}, \"test\": \"/w/" + trainingCase + ".nii.gz\"}],"
                + " \"mean\": {}}}").getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(store.buckets().runs(), layout.fold("3d_fullres", 0).postprocessing(),
                "{\"for_which_classes\": [[1, 2], 1], \"dc_per_class_raw\": {\"1\": 0.80, \"2\": 0.67}}"
                        .getBytes(StandardCharsets.UTF_8), "application/json");
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldEvaluated(fold0, 20,
                layout.checkpoint("3d_fullres", 0, 20).manifest(), "c".repeat(64),
                List.of(new ClassDice(1, "Anterior", 0.81), new ClassDice(2, "Posterior", 0.67)),
                layout.fold("3d_fullres", 0).validationSummary(), layout.fold("3d_fullres", 0).postprocessing(),
                Instant.now()), Service.EVALUATOR);
        await(d -> {
            String dice = d.findElement(By.id("dice-table")).getText();
            return dice.contains("0.810") && dice.contains("0.670")
                    && dice.contains("largest connected component of foreground 1+2, class 1");
        });
        await(d -> d.findElement(By.id("validation-cases")).getText().contains(trainingCase));
        assertEquals("20", curves.getDomAttribute("data-points"));
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1700));
        Files.write(SHOTS.resolve("run-page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theCancelButtonSendsTheDeleteWithThePagesToken() {
        String runId = submit("alice", ApiRole.SUBMIT);
        String alice = keys.token("alice", ApiRole.SUBMIT, Duration.ofMinutes(30));
        browser.get(root + "ui/runs/" + runId + "?token=" + alice);
        await(ExpectedConditions.elementToBeClickable(By.id("cancel-run"))).click();
        await(ExpectedConditions.alertIsPresent()).accept();
        await(ExpectedConditions.textToBePresentInElementLocated(By.id("cancel-status"), "Cancellation sent"));
        // the marker records the caller's principal: the DELETE carried alice's token
        String marker = new String(store.get(store.buckets().runs(), RunLayout.of(runId).cancelMarker()),
                StandardCharsets.UTF_8);
        assertTrue(marker.contains("\"alice\""), marker);
        await(d -> d.findElement(By.id("run-state")).getText().equals("CANCELLED"));
        assertTrue(browser.findElements(By.id("cancel-run")).isEmpty(), "no cancel button on a cancelled run");
    }

    @Test
    void theViewerDrawsATestCaseWithTheEnsembleLabelsAndAValidationCaseBesideItsGroundTruth() throws Exception {
        String runId = submit("tester", ApiRole.SUBMIT);
        String dataset = TestData.dataset(store);
        String testCase = caseIds(DatasetLayout.of(dataset).imagesTsPrefix()).get(0);
        String trainingCase = caseIds(DatasetLayout.of(dataset).labelsTrPrefix()).get(0);
        byte[] label = store.get(store.buckets().datasets(), DatasetLayout.of(dataset).trainingLabel(trainingCase));
        // what the predictor and the evaluator store: the ensemble's labels of the test case (a
        // label volume of the same 16^3 grid), a validation prediction and its summary
        store.put(store.buckets().runs(), RunLayout.of(runId).ensemble(testCase), label, "application/gzip");
        RunLayout layout = RunLayout.of(runId);
        store.put(store.buckets().runs(), layout.fold("3d_fullres", 0).validationPrediction(trainingCase), label,
                "application/gzip");
        store.put(store.buckets().runs(), layout.fold("3d_fullres", 0).validationSummary(), ("{\"results\": {\"all\": [{"
                + "\"1\": {\"Dice\": 0.875}, \"2\": {\"Dice\": 0.625}, \"test\": \"/w/validation/" + trainingCase + ".nii.gz\"}],"
                + " \"mean\": {}}}").getBytes(StandardCharsets.UTF_8), "application/json");
        String reader = keys.token("rita", ApiRole.READ, Duration.ofMinutes(30));

        browser.get(root + "ui/runs/" + runId + "/viewer?case=" + testCase + "&token=" + reader);
        await(d -> d.findElement(By.tagName("body")).getDomAttribute("data-viewer") != null);
        assertEquals("ready", browser.findElement(By.tagName("body")).getDomAttribute("data-viewer"),
                browser.findElement(By.id("app")).getText());
        assertFalse(browser.getCurrentUrl().contains("token="), browser.getCurrentUrl());
        By canvas = By.cssSelector("canvas[data-volume='ensemble']");
        // NiiVue draws on an animation frame after loading: wait for both labels' colours
        Pixels ensemble = drawn(canvas, p -> p.variance() > 100 && p.label1() > 20 && p.label2() > 20);
        assertTrue(ensemble.variance() > 100, "the canvas is not blank: luminance variance " + ensemble.variance());
        assertTrue(ensemble.label1() > 20 && ensemble.label2() > 20, "labels 1 and 2 are drawn in their colours over "
                + "the image: " + ensemble);
        Files.write(SHOTS.resolve("viewer-test-case.png"), browser.getScreenshotAs(OutputType.BYTES));

        new Select(browser.findElement(By.id("view"))).selectByVisibleText("3D render");
        Pixels render = drawn(canvas, p -> p.variance() > 100 && !p.equals(ensemble));
        assertTrue(render.variance() > 100, "the 3D render is not blank: luminance variance " + render.variance());

        browser.get(root + "ui/runs/" + runId + "/viewer?case=" + trainingCase);
        await(d -> "ready".equals(d.findElement(By.tagName("body")).getDomAttribute("data-viewer")));
        assertTrue(browser.findElement(By.id("case-dice")).getText().contains("0.875"),
                browser.findElement(By.id("case-dice")).getText());
        for (String volume : List.of("prediction", "label")) {
            Pixels pane = drawn(By.cssSelector("canvas[data-volume='" + volume + "']"),
                    p -> p.variance() > 100 && p.label1() > 20 && p.label2() > 20);
            assertTrue(pane.variance() > 100, volume + " pane is not blank: " + pane.variance());
            assertTrue(pane.label1() > 20 && pane.label2() > 20, volume + " pane shows both labels: " + pane);
        }
        Files.write(SHOTS.resolve("viewer-validation-case.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Luminance variance of a screenshot, and how many pixels show label 1's red (230, 25, 75) or
     * label 2's green (60, 180, 75) blended over the grey image; the page draws nothing else in colour.
     */
    record Pixels(double variance, int label1, int label2) {
        static Pixels of(byte[] png) throws IOException {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            double sum = 0;
            double squares = 0;
            int red = 0;
            int green = 0;
            int n = image.getWidth() * image.getHeight();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = rgb >> 16 & 0xff;
                    int g = rgb >> 8 & 0xff;
                    int b = rgb & 0xff;
                    double l = 0.299 * r + 0.587 * g + 0.114 * b;
                    sum += l;
                    squares += l * l;
                    if (r - g > 50 && b - g > 10) {
                        red++;
                    }
                    if (g - r > 40 && g - b > 40) {
                        green++;
                    }
                }
            }
            double mean = sum / n;
            return new Pixels(squares / n - mean * mean, red, green);
        }
    }

    private List<String> caseIds(String prefix) {
        return store.list(store.buckets().datasets(), prefix).stream()
                .map(k -> k.substring(prefix.length()).replace(RunLayout.NIFTI, "")).sorted().toList();
    }

    private String submit(String subject, ApiRole role) {
        ExtractableResponse<Response> r = given().header("Authorization", "Bearer " + keys.token(subject, role,
                        Duration.ofMinutes(10)))
                .contentType("application/json").body("{\"dataset\": \"" + TestData.dataset(store)
                        + "\", \"configuration\": \"3d_fullres\", \"folds\": [0], \"iterations\": 20,"
                        + " \"saveInterval\": 10, \"logInterval\": 5, \"network\": {\"baseFeatures\": 4, \"maxPools\": 2}}")
                .post("/runs").then().extract();
        assertEquals(202, r.statusCode(), r.asString());
        return r.path("runId");
    }

    /** A trainer's progress event: validation (loss, pseudo-Dice) every 5 iterations, as nnU-Net's epochs. */
    private void progress(FoldId fold, int iteration) throws Exception {
        boolean validated = iteration % 5 == 0;
        double noise = Math.sin(iteration * 1.7) * 0.03;
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldProgress(fold, iteration, 20,
                1.1 * Math.exp(-iteration / 9.0) + 0.2 + noise, validated ? 1.0 * Math.exp(-iteration / 12.0) + 0.3 : null,
                validated ? 0.85 * (1 - Math.exp(-iteration / 7.0)) : null, 0.01 * Math.pow(1 - iteration / 20.0, 0.9),
                iteration, 20.0 - iteration, Instant.now()), Service.TRAINER);
    }
}
