package dev.verity.node.e2e;

import dev.verity.node.e2e.Cluster.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through chromium-driver (never a downloaded browser). When
 * either is missing the calling test is skipped, naming what is missing.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("verity.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("verity.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final Path profile;

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips the test (JUnit assumption) unless chromium and chromedriver are installed. */
  static void assumeInstalled() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(CHROMIUM)) {
      missing.add("chromium (" + CHROMIUM + ")");
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      missing.add("chromium-driver (" + CHROMEDRIVER + ")");
    }
    Assumptions.assumeTrue(missing.isEmpty(),
        "browser tests skipped: missing " + String.join(" and ", missing) + "; apt-get install chromium chromium-driver");
  }

  Browser() throws IOException {
    profile = Files.createTempDirectory("verity-chromium-");
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1366,1000", "--lang=en-US");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  void get(String url) {
    driver.get(url);
  }

  WebDriverWait waitUp(int seconds) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds));
  }

  WebElement await(By by) {
    return waitUp(20).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the page {@code page} has rendered completely. */
  void awaitPage(String page) {
    await(By.cssSelector("section.page[data-page='" + page + "'][data-ready='yes']"));
  }

  /** A screenshot of the whole page (the window is grown to the document's height first). */
  void screenshot(Path file) throws IOException {
    Object h = driver.executeScript(
        "return Math.max(document.documentElement.scrollHeight, 700) + (window.outerHeight - window.innerHeight)");
    int height = Math.min(4000, ((Number) h).intValue());
    driver.manage().window().setSize(new Dimension(1366, height));
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new Dimension(1366, 1000));
  }

  /** The dashboard of node {@code m}. */
  static String url(Member m) {
    return "http://127.0.0.1:" + m.apiPort + "/";
  }

  /** Signs in to the dashboard of node {@code m} with {@code token}, in the language last chosen. */
  void signIn(Member m, String token) {
    String base = url(m);
    get(base + "#/overview");
    driver.executeScript("sessionStorage.clear()");
    get(base + "#/overview");
    driver.navigate().refresh();
    await(By.id("token")).sendKeys(token);
    driver.findElement(By.id("signin-button")).click();
    awaitPage("overview");
  }

  /**
   * Signs in to node {@code m}'s dashboard on {@code #/hash} (for an agreement whose first page
   * is not the overview) and waits until {@code page} has rendered.
   */
  void signInAt(Member m, String hash, String token, String page) {
    get(url(m) + "#/" + hash);
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    await(By.id("token")).sendKeys(token);
    driver.findElement(By.id("signin-button")).click();
    awaitPage(page);
  }

  /** Opens {@code #/hash} of node {@code m}'s dashboard and waits until {@code page} has rendered. */
  void go(Member m, String hash, String page) {
    get(url(m) + "#/" + hash);
    awaitPage(page);
  }

  /** Switches the page's language and waits until the page has rendered in it. */
  void language(String lang) {
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lang"))).selectByValue(lang);
    waitUp(10).until(d -> lang.equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    waitUp(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("section.page[data-ready='yes']")));
  }

  /** Closes the browser and the cluster of a test class, whichever was started. */
  static void closeAll(Browser browser, AutoCloseable cluster) throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Runs {@code script} in the page with {@code args} (arguments[0], ...); its result. */
  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** How many elements of the page match {@code selector}. */
  long count(String selector) {
    return ((Number) js("return document.querySelectorAll(arguments[0]).length", selector))
        .longValue();
  }

  WebDriver driver() {
    return driver;
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var s = Files.walk(profile)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
