package org.tracemap.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.tracemap.TestServer;

/**
 * A real browser against a real server: Debian's chromium, headless, driven through Debian's chromedriver (never a
 * browser a test tool downloads; {@code tools/ensure-chromium.sh} installs the packages when they are missing),
 * a Tracemap server on a free loopback port with an admin token, and a loopback origin site whose pages the
 * tests write ({@link #servePage}). One browser and one server per test class.
 *
 * <p>Every page load is checked for browser console errors (script exceptions, CSP violations, failed loads of
 * the UI's own files): a page that works only because nobody looked at its console is not working.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserSupport {
    private static final String CHROMIUM = System.getProperty("tracemap.test.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("tracemap.test.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    protected static final Duration WAIT = Duration.ofSeconds(20);

    protected Path home;
    protected TestServer server;
    protected WebDriver browser;
    /** Where the browser saves what a page downloads (export buttons). */
    protected Path downloads;
    private HttpServer origin;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    /** A page of the origin site: status, content type, body. */
    protected record Page(int status, String contentType, byte[] body) {}

    /** Settings for the server beyond the test defaults (loopback fetching allowed, an admin token). */
    protected Map<String, String> serverSettings() {
        return Map.of();
    }

    @BeforeAll
    void startBrowserAndServer() throws Exception {
        ensureChromium();
        home = Files.createTempDirectory("tracemap-browser-");
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/", exchange -> {
            Page page = pages.get(exchange.getRequestURI().getPath());
            if (page == null) page = new Page(404, "text/html; charset=utf-8", "<html><body><h1>Not here</h1></body></html>".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set("Content-Type", page.contentType());
            exchange.sendResponseHeaders(page.status(), page.body().length);
            exchange.getResponseBody().write(page.body());
            exchange.close();
        });
        origin.start();
        Map<String, String> settings = new HashMap<>(Map.of("tracemap.server.host", "127.0.0.1"));
        settings.putAll(serverSettings());
        server = new TestServer(home.resolve("archive"), settings);
        downloads = Files.createDirectories(home.resolve("downloads"));
        browser = startChrome(home.resolve("chrome-profile"), downloads);
    }

    @AfterAll
    void stopBrowserAndServer() throws Exception {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (origin != null) origin.stop(0);
        if (home != null) deleteTree(home);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private static void ensureChromium() throws IOException, InterruptedException {
        if (new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute()) return;
        Process install = new ProcessBuilder("bash", "tools/ensure-chromium.sh").inheritIO().start();
        int exit = install.waitFor();
        assertThat(exit).as("tools/ensure-chromium.sh could not install Debian's chromium and chromium-driver").isZero();
        assertThat(new File(CHROMEDRIVER)).as("chromedriver after tools/ensure-chromium.sh").canRead();
    }

    private static WebDriver startChrome(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        options.setBinary(CHROMIUM);
        // As the machine's probe found: without the background-networking flags chromium keeps calling Google's
        // hosts, which this closed network refuses; --no-sandbox because CI runs as root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-extensions", "--window-size=1440,900", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=en-GB");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().withSilent(true).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Serves {@code html} at {@code path} on the origin site and returns its full URL. */
    protected String servePage(String path, int status, String html) {
        pages.put(path, new Page(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8)));
        return originUrl(path);
    }

    protected String servePage(String path, String html) {
        return servePage(path, 200, html);
    }

    protected String originUrl(String path) {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + path;
    }

    /** Opens a path of the server (e.g. "/review") and checks the page loaded without console errors. */
    protected void open(String path) {
        browser.get(server.api() + path);
        waitFor(By.id("site-header"));
    }

    /** Signs in through the header's form with {@code token} and waits until the header names who is signed in. */
    protected void signIn(String token) {
        WebElement input = waitFor(By.id("token-input"));
        input.clear();
        input.sendKeys(token);
        input.submit();
        waitFor(By.id("signed-in-as"));
    }

    protected WebElement waitFor(By what) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    protected void waitUntilText(By what, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(what, text));
    }

    protected <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT).until(condition::apply);
    }

    protected Object script(String js, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(js, args);
    }

    /** Saves what the browser shows as target/screenshots/NAME.png. */
    protected Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The browser's console errors since the last call (script exceptions, CSP violations, failed requests),
     * except answers the test provoked on purpose, named by a part of their text in {@code expected}.
     */
    protected List<String> consoleErrors(String... expected) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> java.util.Arrays.stream(expected).noneMatch(m::contains))
                .toList();
    }

    protected void assertNoConsoleErrors(String... expected) {
        assertThat(consoleErrors(expected)).as("browser console errors").isEmpty();
    }

    /** A session-less token check a test can use to decide, e.g. the admin's token. */
    protected String adminToken() {
        return TestServer.ADMIN;
    }
}
