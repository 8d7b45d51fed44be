package dev.verity.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;


/**
 * The dashboard's offline map (assets/map.js) in headless Debian Chromium, under the dashboard's
 * Content-Security-Policy: Plesetsk, an area in the Barents Sea and a 50 km circle at the Kura
 * range on Kamchatka land where they should on Natural Earth's boundaries, the circle is centred on
 * its point and 50 km across on the ground, labels follow the page's direction, and nothing is
 * fetched from elsewhere. Screenshots in en, ru and ar under target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class MapBrowserTest {
  static final Path SHOTS = Path.of("target", "screenshots");

  /** Russia's ISO 3166-1 numeric code, the id of its shape in world-atlas. */
  static final String RUSSIA = "643";

  AssetServer server;
  Browser browser;

  @BeforeAll
  void start() throws Exception {
    if (!Browser.installed()) {
      return; // every test reports itself skipped, naming what is missing (requireBrowser)
    }
    server = new AssetServer();
    browser = new Browser();
  }

  @BeforeEach
  void requireBrowser() {
    Browser.assumeInstalled();
  }

  @AfterAll
  void stop() throws Exception {
    Browser.closeAll(browser, server);
  }

  void open(String lang) {
    browser.get(server.url("/?lang=" + lang));
    browser
        .waitUp(30)
        .until(
            d ->
                d.findElement(By.tagName("body")).getAttribute("data-ready") != null
                    || d.findElement(By.tagName("body")).getAttribute("data-error") != null);
    assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-error"))
        .isNull();
  }

  Object js(String script) {
    return browser.driver.executeScript(script);
  }

  double num(String script) {
    return ((Number) js(script)).doubleValue();
  }

  /** The projected anchor of the first feature of {@code shape}, optionally of one layer. */
  double[] anchor(String selector) {
    @SuppressWarnings("unchecked")
    List<Object> xy =
        (List<Object>)
            js(
                "const g = document.querySelector(\""
                    + selector
                    + "\");"
                    + " return [+g.dataset.x, +g.dataset.y];");
    return new double[] {((Number) xy.get(0)).doubleValue(), ((Number) xy.get(1)).doubleValue()};
  }

  boolean inRussia(double[] xy) {
    return (Boolean)
        js(
            "return document.querySelector('.map-country[data-id=\""
                + RUSSIA
                + "\"]')"
                + ".isPointInFill(new DOMPoint("
                + xy[0]
                + ", "
                + xy[1]
                + "))");
  }

  boolean onAnyLand(double[] xy) {
    return (Boolean)
        js(
            "return [...document.querySelectorAll('.map-country')].some(c => c.isPointInFill("
                + "new DOMPoint("
                + xy[0]
                + ", "
                + xy[1]
                + ")))");
  }

  @Test
  void drawsTheBoundariesAndEachShapeWhereItIs() throws Exception {
    open("en");
    double[] mark = anchor("g.launch[data-shape=point]");
    assertThat(num("return document.querySelector('g.launch[data-shape=point] text').getBBox().x"))
        .as("a left-to-right label starts right of its mark")
        .isGreaterThan(mark[0] + 4);
    assertThat(js("return [...document.querySelectorAll('.map-country')].map(c => c.dataset.id)"))
        .asList()
        .contains(RUSSIA, "578", "246", "752"); // Norway, Finland, Sweden
    assertThat(num("return document.querySelector('.map-borders').getAttribute('d').length"))
        .isGreaterThan(1000);
    assertThat(num("return document.querySelector('.map-graticule').getAttribute('d').length"))
        .isGreaterThan(100);
    assertThat(js("return document.querySelector('.map-svg').dataset.projection"))
        .isEqualTo("conic");
    assertThat(
            num("return document.querySelectorAll('g[data-shape=point] circle.map-mark').length"))
        .isEqualTo(2);
    assertThat(
            num("return document.querySelectorAll('g[data-shape=polygon] path.map-area').length"))
        .isEqualTo(1);
    assertThat(num("return document.querySelectorAll('g[data-shape=circle] path.map-area').length"))
        .isEqualTo(1);
    assertThat(num("return window.mapResult.skipped.length")).isEqualTo(1);

    double[] plesetsk = anchor("g.launch[data-shape=point]");
    double[] barents = anchor("g[data-shape=polygon]");
    double[] kura = anchor("g.impact[data-shape=point]");
    assertThat(inRussia(plesetsk)).as("Plesetsk on Russian land").isTrue();
    assertThat(inRussia(kura)).as("Kura on Kamchatka").isTrue();
    assertThat(onAnyLand(barents)).as("the Barents Sea area's centre at sea").isFalse();
    // north is up, east is right, at the scale of the frame
    assertThat(barents[1]).isLessThan(plesetsk[1]);
    assertThat(kura[0]).isGreaterThan(plesetsk[0] + 300);
    // Plesetsk's own coordinates project where its mark is
    assertThat(num("return window.mapResult.project([40.58, 62.93])[0]"))
        .isCloseTo(plesetsk[0], Offset.offset(0.01));
  }

  @Test
  void theCircleIsCentredOnItsPointAndFiftyKilometresInRadius() throws Exception {
    open("en");
    double[] kura = anchor("g.impact[data-shape=point]");
    double[] centre = anchor("g[data-shape=circle]");
    assertThat(centre[0]).isCloseTo(kura[0], Offset.offset(0.01));
    @SuppressWarnings("unchecked")
    Map<String, Number> box =
        (Map<String, Number>)
            js(
                "const b = document.querySelector('g[data-shape=circle] path').getBBox(); return"
                    + " {x: b.x, y: b.y, w: b.width, h: b.height};");
    double cx = box.get("x").doubleValue() + box.get("w").doubleValue() / 2;
    double cy = box.get("y").doubleValue() + box.get("h").doubleValue() / 2;
    assertThat(cx).isCloseTo(kura[0], Offset.offset(2.0));
    assertThat(cy).isCloseTo(kura[1], Offset.offset(2.0));
    // 50 km due north of the centre (0.4497° of latitude on the mean sphere) is on the rim; away
    // from the central meridian a conic projection tilts the meridians, so measure the distance
    @SuppressWarnings("unchecked")
    List<Number> north =
        (List<Number>)
            js(
                "return window.mapResult.project([160.9, 57.3 + 50 / 6371.0088 * 180"
                    + " / Math.PI])");
    double rim =
        Math.hypot(north.get(0).doubleValue() - kura[0], north.get(1).doubleValue() - kura[1]);
    double radius = Math.max(box.get("w").doubleValue(), box.get("h").doubleValue()) / 2;
    assertThat(rim).isCloseTo(radius, Percentage.withPercentage(10));
    assertThat(radius).isGreaterThan(3);
  }

  @Test
  void nothingIsFetchedFromElsewhereAndThePolicyHolds() throws Exception {
    open("en");
    assertThat(
            num(
                "return performance.getEntriesByType('resource')"
                    + ".filter(e => !e.name.startsWith(location.origin)).length"))
        .isZero();
    assertThat(num("return window.cspViolations.length")).isZero();
    assertThat(server.requested)
        .contains(
            "/vendor/d3-geo/d3-geo.min.js",
            "/vendor/d3-array/d3-array.min.js",
            "/vendor/topojson-client/topojson-client.min.js",
            "/vendor/world-atlas/countries-50m.json",
            "/assets/map.css");
  }

  @Test
  void labelsLegendAndTooltipsInEachLanguageAndRightToLeftInArabic() throws Exception {
    for (String lang : List.of("en", "ru", "ar")) {
      open(lang);
      browser.screenshot(SHOTS.resolve("map-" + lang + ".png"));
    }
    // the last page opened is Arabic
    assertThat(js("return document.querySelector('figure.map').dir")).isEqualTo("rtl");
    assertThat(
            js(
                "return [...document.querySelectorAll('.map-legend li span')].map(s =>"
                    + " s.textContent)"))
        .isEqualTo(List.of("مواقع الإطلاق", "مناطق الإطلاق في البحر", "مناطق السقوط"));
    assertThat(js("return document.querySelector('g.launch[data-shape=point] title').textContent"))
        .isEqualTo("بليسيتسك 62.93° 40.58°");
    // the label reads from beside the mark leftwards, never over it
    double[] plesetsk = anchor("g.launch[data-shape=point]");
    assertThat(
            num(
                "const b = document.querySelector('g.launch[data-shape=point] text').getBBox();"
                    + " return b.x + b.width"))
        .isLessThan(plesetsk[0] - 4);
    assertThat(js("return document.querySelector('.map-attribution').textContent"))
        .isEqualTo("الحدود: Natural Earth");
  }
}
