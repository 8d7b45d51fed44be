package dev.verity.node.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.api.VendorAssets;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard works air-gapped: no page, script, style sheet, picture or data file it serves
 * refers to another host. A URL may appear only in a comment (the vendored files' headers name
 * their projects) or a licence file; the one URL allowed in code is SVG's XML namespace, an
 * identifier no browser fetches.
 */
class OfflineAssetsTest {
  static final Pattern URL = Pattern.compile("(?i)(?:\\bhttps?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
  static final Set<String> IDENTIFIERS = Set.of("http://www.w3.org/2000/svg");

  /** Every file under the dashboard's resource folder (assets, vendor, pages). */
  static List<Path> dashboardFiles() throws IOException, URISyntaxException {
    Path web =
        Path.of(OfflineAssetsTest.class.getResource("/dev/verity/node/web/index.html").toURI())
            .getParent();
    try (Stream<Path> s = Files.walk(web)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("LICENSE"))
          .toList();
    }
  }

  @Test
  void noServedFileRefersToAnotherHost() throws Exception {
    List<String> found = new ArrayList<>();
    for (Path f : dashboardFiles()) {
      found.addAll(outsideComments(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
    }
    for (String p : VendorAssets.paths()) {
      found.addAll(
          outsideComments(
              "/vendor/" + p,
              new String(VendorAssets.find(p).orElseThrow().bytes(), StandardCharsets.UTF_8)));
    }
    assertThat(dashboardFiles()).hasSizeGreaterThan(20);
    assertThat(found).as("URLs outside comments").isEmpty();
  }

  @Test
  void theCheckFindsAUrlInCodeButNotInAComment() {
    assertThat(
            outsideComments(
                "a.js", "// https://d3js.org/d3-geo/ v3\nfetch('https://cdn.example.org/x.json')"))
        .containsExactly("a.js: https://cdn.example.org");
    assertThat(outsideComments("a.js", "/* see https://example.org */ x = '//cdn.example.org/y'"))
        .containsExactly("a.js: //cdn.example.org");
    assertThat(outsideComments("a.css", "a { background: url(https://tiles.example.org/1.png) }"))
        .hasSize(1);
    assertThat(
            outsideComments("a.js", "document.createElementNS('http://www.w3.org/2000/svg', 'g')"))
        .isEmpty();
  }

  /** Each URL in {@code text} that is neither in a comment nor an allowed identifier. */
  static List<String> outsideComments(String name, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = URL.matcher(text);
    while (m.find()) {
      boolean identifier = IDENTIFIERS.stream().anyMatch(id -> text.startsWith(id, m.start()));
      if (!identifier && !inComment(text, m.start())) {
        out.add(name + ": " + m.group());
      }
    }
    return out;
  }

  /**
   * Inside a block comment, or after a line comment's {@code //} that starts a line or follows a
   * blank.
   */
  static boolean inComment(String text, int at) {
    int open = text.lastIndexOf("/*", at);
    if (open >= 0 && text.lastIndexOf("*/", at) < open) {
      return true;
    }
    int lineStart = text.lastIndexOf('\n', at) + 1;
    String before = text.substring(lineStart, at);
    int slashes = before.indexOf("//");
    return slashes >= 0 && before.substring(0, slashes).isBlank();
  }
}
