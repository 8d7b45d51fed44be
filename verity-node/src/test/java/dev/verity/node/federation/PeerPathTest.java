package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.PeerPath.Change;
import dev.verity.node.federation.PeerPath.Choice;
import dev.verity.node.identity.NodeIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The switch-over rule of the backup path (decision "The backup path: when to switch"). */
class PeerPathTest {
  static final String PRIMARY = "https://10.0.0.1:7443/";
  static final String BACKUP = "https://10.9.0.1:7443/";

  @TempDir Path dir;
  long now;
  final List<PeerPath.Switch> heard = new ArrayList<>();

  private PeerPath path(String backup) throws Exception {
    NodeIdentity ru = NodeIdentity.generate(dir.resolve("ru" + heard.size() + now),
        "us-ru-military-line", "RU");
    PeerConfig peer = new PeerConfig(PRIMARY, ru.publicIdentity()).withBackup(backup, 60);
    Clock clock = Clock.fixed(Instant.parse("2026-03-14T07:00:00Z"), ZoneOffset.UTC);
    return new PeerPath(peer, clock, () -> now, heard::add);
  }

  private void at(long seconds) {
    now = TimeUnit.SECONDS.toNanos(seconds);
  }

  private List<Change> changes() {
    return heard.stream().map(PeerPath.Switch::change).toList();
  }

  @Test
  void switchesOnlyPastTheLimitThenTriesThePrimaryOncePerLimitAndComesBack() throws Exception {
    PeerPath p = path(BACKUP);
    at(0);
    p.failed(p.choose());
    at(59);
    Choice c = p.choose();
    assertThat(c.primary()).isTrue();
    p.failed(c);
    assertThat(changes()).isEmpty(); // 59 s: within the limit
    at(60);
    p.failed(p.choose());
    assertThat(changes()).containsExactly(Change.SWITCHED_TO_BACKUP);
    assertThat(heard.get(0).url()).startsWith(BACKUP);
    assertThat(p.choose().primary()).isFalse();
    p.answered(p.choose());
    assertThat(p.status().path()).isEqualTo("backup");
    assertThat(p.status().reachable()).isTrue();
    at(119); // the primary is tried again once per limit
    assertThat(p.choose().primary()).isFalse();
    at(120);
    c = p.choose();
    assertThat(c.primary()).isTrue();
    p.failed(c); // still down: back on the backup at once
    assertThat(p.choose().primary()).isFalse();
    at(180);
    p.answered(p.choose());
    assertThat(changes()).containsExactly(Change.SWITCHED_TO_BACKUP, Change.SWITCHED_TO_PRIMARY);
    assertThat(p.status().path()).isEqualTo("primary");
    assertThat(p.status().switches()).hasSize(2);
  }

  @Test
  void withoutABackupTheLineIsDeclaredDownPastTheLimitAndUpAtTheFirstAnswer() throws Exception {
    PeerPath p = path(null);
    at(0);
    p.failed(p.choose());
    assertThat(p.status().reachable()).isTrue();
    assertThat(p.status().unreachableSince()).isNotNull();
    at(61);
    p.failed(p.choose());
    assertThat(p.down()).isTrue();
    assertThat(p.status().reachable()).isFalse();
    at(62);
    p.answered(p.choose());
    assertThat(changes()).containsExactly(Change.LINE_DOWN, Change.LINE_UP);
    assertThat(p.status().unreachableSince()).isNull();
  }

  @Test
  void bothWaysGoneIsTheLineDown() throws Exception {
    PeerPath p = path(BACKUP);
    at(0);
    p.failed(p.choose());
    at(60);
    p.failed(p.choose());
    p.failed(p.choose()); // the backup, at once
    at(90);
    p.failed(p.choose());
    assertThat(p.down()).isFalse(); // the backup has failed for 30 s only
    at(121);
    Choice c = p.choose();
    p.failed(c);
    if (c.primary()) {
      p.failed(p.choose());
    }
    assertThat(changes()).containsExactly(Change.SWITCHED_TO_BACKUP, Change.LINE_DOWN);
    p.answered(p.choose());
    assertThat(changes()).endsWith(Change.LINE_UP);
  }
}
