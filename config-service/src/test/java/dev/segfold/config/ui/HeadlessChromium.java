package dev.segfold.config.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven by its chromium-driver, headless, with a fresh profile, nothing that
 * calls home, and WebGL2 from the SwiftShader software renderer (NiiVue needs WebGL2; disabling
 * the GPU would take it away). Selenium is given both executables, so Selenium Manager never runs
 * (it would try to download a browser).
 */
final class HeadlessChromium {
    private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/lib/chromium/chromium",
            "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private HeadlessChromium() {
    }

    /** Why no browser can be started here, or empty where one can. */
    static Optional<String> unavailable() {
        if (browser().isEmpty()) {
            return Optional.of("chromium is not installed (looked for " + BROWSERS + "): apt-get install chromium "
                    + "chromium-driver (.ci/run does)");
        }
        if (driver().isEmpty()) {
            return Optional.of("chromium-driver is not installed (looked for " + DRIVERS + "): apt-get install "
                    + "chromium-driver (.ci/run does)");
        }
        return Optional.empty();
    }

    /** A new browser with its own profile folder, deleted by {@link #quit}. */
    static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser().orElseThrow().toString());
        options.addArguments("--headless=new", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver().orElseThrow().toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** The browser console so far, one line an entry, for failure messages. */
    static String console(ChromeDriver driver) {
        StringBuilder out = new StringBuilder();
        driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(e -> out.append(e.getLevel()).append(' ').append(e.getMessage()).append('\n'));
        return out.toString();
    }

    static void quit(ChromeDriver driver, Path profile) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null && Files.exists(profile)) {
            try (Stream<Path> walk = Files.walk(profile)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Optional<Path> browser() {
        return BROWSERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Path> driver() {
        return DRIVERS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }
}
