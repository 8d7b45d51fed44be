package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.WitnessService.Polled;
import dev.verity.node.identity.PublicIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The mirror poller as a fallback (issue 18): a peer whose served checkpoint does not change is
 * polled less and less often, a peer that pushes is not polled, and a push wakes a peer that had
 * backed off. Driven by a fake clock and fake peers, ticked by hand as the timer would each
 * second.
 */
class MirrorPollerTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final Map<String, Polled> answers = new HashMap<>();
  final Map<String, List<Long>> polls = new HashMap<>();
  final List<PeerConfig> peers = List.of(peer("RU"), peer("UA"));
  final MirrorPoller poller = new MirrorPoller(peers, p -> {
    polls.computeIfAbsent(p.party(), k -> new ArrayList<>()).add(seconds());
    return answers.getOrDefault(p.party(), Polled.UNCHANGED);
  }, now::get, false);

  static PeerConfig peer(String party) {
    return new PeerConfig("https://127.0.0.1:1/", new PublicIdentity(party, "new-start",
        "verity.example/new-start/" + party, "unused", "unused", "unused", "unused", null));
  }

  long seconds() {
    return TimeUnit.NANOSECONDS.toSeconds(now.get() - 1_000_000_000L);
  }

  /** Ticks once a second up to {@code s} seconds after the start. */
  void runUntil(long s) {
    while (seconds() < s) {
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
      poller.tick();
    }
  }

  List<Long> polls(String party) {
    return polls.getOrDefault(party, List.of());
  }

  @Test
  void aPeerWhoseCheckpointDoesNotChangeIsPolledLessAndLessOften() {
    runUntil(3600);
    // 30 s after the start, then at intervals doubling from 10 s to 300 s, then every 300 s
    assertThat(polls("RU")).startsWith(30L, 40L, 60L, 100L, 180L, 340L, 640L, 940L);
    assertThat(polls("RU")).hasSize(16); // a fixed 5 s period would have been 720
    assertThat(poller.schedule().interval("RU")).isEqualTo(PollSchedule.LONGEST);
  }

  @Test
  void aPollThatFindsANewCheckpointKeepsThePeerAtTheShortestInterval() {
    answers.put("UA", Polled.CHANGED);
    runUntil(60);
    assertThat(polls("UA")).containsExactly(30L, 35L, 40L, 45L, 50L, 55L, 60L);
    assertThat(polls("RU")).containsExactly(30L, 40L, 60L);
  }

  @Test
  void anUnreachablePeerIsBackedOffAsAnUnchangedOne() {
    answers.put("RU", Polled.UNREACHABLE);
    runUntil(200);
    assertThat(polls("RU")).containsExactly(30L, 40L, 60L, 100L, 180L);
  }

  @Test
  void aPeerThatKeepsPushingIsNotPolled() {
    for (int s = 1; s <= 600; s++) {
      runUntil(s);
      poller.pushed("RU"); // a checkpoint cosigned every second
    }
    assertThat(polls("RU")).isEmpty();
    assertThat(polls("UA")).isNotEmpty();
  }

  @Test
  void aPushWakesABackedOffPeerThirtySecondsAfterItFallsQuiet() {
    runUntil(1000); // RU polled at 940 and backed off to 300 s: next at 1240
    assertThat(poller.schedule().interval("RU")).isEqualTo(PollSchedule.LONGEST);
    poller.pushed("RU");
    runUntil(1010);
    poller.pushed("RU"); // its last push
    answers.put("RU", Polled.CHANGED); // the poll after it sees the pushed log's checkpoint
    runUntil(1050);
    answers.put("RU", Polled.UNCHANGED);
    runUntil(1100);
    assertThat(polls("RU")).filteredOn(s -> s > 940)
        .containsExactly(1040L, 1045L, 1050L, 1055L, 1065L, 1085L);
    assertThat(polls("UA")).filteredOn(s -> s > 940).isEmpty(); // UA still backed off
  }

  /** N−1 first polls of a node are spread over a second QUIET, not all in one second (D91). */
  @Test
  void firstPollsAreSpreadOverASecondQuietPeriod() {
    PollSchedule s = new PollSchedule();
    List<String> peers = IntStream.range(0, 56).mapToObj(i -> "P" + i).toList();
    peers.forEach(p -> s.add(p, 0));
    long quiet = PollSchedule.QUIET;
    assertThat(peers).noneMatch(p -> s.due(p, quiet - 1));
    assertThat(peers).allMatch(p -> s.due(p, 2 * quiet));
    assertThat(peers).filteredOn(p -> s.due(p, quiet + quiet / 2))
        .as("some due in the first half of the spread, not all").isNotEmpty()
        .hasSizeLessThan(peers.size());
  }
}
