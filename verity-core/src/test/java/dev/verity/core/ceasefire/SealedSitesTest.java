package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.ceasefire.Action.InvokeRelease;
import dev.verity.core.ceasefire.Action.OpenSite;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.regime.Refusal;
import dev.verity.core.schema.GeoPoint;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sealed site lists (a hash commitment, one site opened for one claim; Ukraine shared criteria,
 * never coordinates [a38]) and release on breach, which needs the monitor's corroborated,
 * attributed finding ("if violated by one party, the other... free from its obligations" [a36]),
 * never a bare assertion.
 */
class SealedSitesTest {
  static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
  static final List<ProtectedSite> SITES = List.of(
      new ProtectedSite("ps-1", "electricity-generation-transmission",
          new GeoPoint(50.45, 30.52), "substation A"),
      new ProtectedSite("ps-2", "hydroelectric-dam", new GeoPoint(47.88, 35.08), "dam B"),
      new ProtectedSite("ps-3", "electricity-generation-transmission",
          new GeoPoint(49.84, 24.03), "power station C"));
  final SealedSites sealed = SealedSites.seal(SITES, new SecureRandom());
  final Registers reg = Registers.four();
  Commitment pause;

  static Instant at(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  @BeforeEach
  void commit() {
    pause = new Commitment("energy-pause-2026", "no strikes on energy", List.of(),
        List.of("electricity-generation-transmission", "hydroelectric-dam"), T0, at(24 * 7),
        true, Map.of("UA", sealed.list()));
    reg.inForce(pause, "US", T0);
    reg.file("UA", at(5), "ua-strike", seen(pause.id(), "kyiv-city", "protected-object-strike", 1,
        at(4)).protectedObject("electricity-generation-transmission").attributedTo("RU").build());
    reg.file("UA", at(5), "ua-shots", seen(pause.id(), "kyiv-city", "burst-and-shot", 9, at(4))
        .attributedTo("RU").build());
  }

  @Test
  void aSealedListCommitsToItsSitesWithoutShowingThem() {
    assertThat(sealed.list().size()).isEqualTo(3);
    assertThat(sealed.list().root()).hasSize(64);
    assertThat(pause.termsHash()).isNotEqualTo(new Commitment(pause.id(), pause.scope(),
        List.of(), pause.protectedObjects(), T0, at(24 * 7), true,
        Map.of("UA", SealedSites.seal(SITES, new SecureRandom()).list())).termsHash());
  }

  @Test
  void oneSiteIsOpenedForOneClaim() {
    reg.ok("UA", at(6), new OpenSite("ua-strike", sealed.open("ps-1")));
    ClaimRecord c = reg.register.claim("ua-strike").orElseThrow();
    assertThat(c.openings()).singleElement().satisfies(o -> {
      assertThat(o.party()).isEqualTo("UA");
      assertThat(o.opening().site().name()).isEqualTo("substation A");
    });
    reg.refused("UA", at(6), new OpenSite("ua-strike", sealed.open("ps-1")), Rule.DUPLICATE);
  }

  @Test
  void anOpeningThatDoesNotOpenTheListIsRefused() {
    SiteOpening good = sealed.open("ps-3");
    SiteOpening otherSalt = new SiteOpening(good.site(), "00".repeat(32), good.index(),
        good.proof());
    reg.refused("UA", at(6), new OpenSite("ua-strike", otherSalt), Rule.OPENING_INVALID);
    ProtectedSite moved = new ProtectedSite("ps-3", good.site().category(),
        new GeoPoint(49.0, 24.0), good.site().name());
    reg.refused("UA", at(6), new OpenSite("ua-strike",
        new SiteOpening(moved, good.salt(), good.index(), good.proof())), Rule.OPENING_INVALID);
    // a dam opened for a strike on a power line; an opening for shots, not a strike
    reg.refused("UA", at(6), new OpenSite("ua-strike", sealed.open("ps-2")),
        Rule.OPENING_INVALID);
    reg.refused("UA", at(6), new OpenSite("ua-shots", good), Rule.OPENING_INVALID);
    // Russia sealed no list; the monitor opens nothing
    reg.refused("RU", at(6), new OpenSite("ua-strike", good), Rule.OPENING_INVALID);
    reg.refused("SMM", at(6), new OpenSite("ua-strike", good), Rule.WRONG_SENDER);
  }

  @Test
  void aReleaseNeedsTheMonitorsCorroboratedAttributedFinding() {
    Refusal bare = reg.refused("UA", at(6), new InvokeRelease(pause.id(), "ua-strike"),
        Rule.NO_DETERMINATION);
    assertThat(bare.reason()).contains("recorded determination");
    reg.ok("SMM", at(8), new Finding("ua-strike", FindingStatus.CORROBORATED, null, null, null));
    reg.refused("UA", at(9), new InvokeRelease(pause.id(), "ua-strike"),
        Rule.NO_DETERMINATION); // corroborated, but attributed to nobody
    reg.ok("SMM", at(10), new Finding("ua-strike", FindingStatus.CORROBORATED, "RU", null, null));
    reg.refused("RU", at(11), new InvokeRelease(pause.id(), "ua-strike"),
        Rule.NO_DETERMINATION); // Russia cannot be released by its own breach
    reg.ok("UA", at(11), new InvokeRelease(pause.id(), "ua-strike"));
    CommitmentRecord c = reg.register.commitment(pause.id()).orElseThrow();
    assertThat(c.releases().get("UA")).isEqualTo(new CommitmentRecord.Release(at(11),
        "ua-strike", "RU"));
    reg.refused("UA", at(12), new InvokeRelease(pause.id(), "ua-strike"), Rule.DUPLICATE);
    // the released Party's later acts are marked, not counted
    reg.file("RU", at(14), "ru-after", seen(pause.id(), "belgorod", "explosion", 2, at(13))
        .attributedTo("UA").build());
    reg.file("RU", at(14), "ru-before", seen(pause.id(), "belgorod", "explosion", 2, at(10))
        .attributedTo("UA").build());
    assertThat(reg.register.claim("ru-after").orElseThrow().standing())
        .isEqualTo(Standing.RELEASED);
    assertThat(reg.register.claim("ru-before").orElseThrow().standing())
        .isEqualTo(Standing.COUNTED);
  }

  @Test
  void noReleaseWithoutTheClause() {
    Commitment plain = Registers.commitment("plain", T0, null);
    reg.inForce(plain, "US", at(5));
    reg.file("UA", at(6), "p-1", seen("plain", "donetsk", "explosion", 1, at(5)).attributedTo("RU")
        .build());
    reg.ok("SMM", at(7), new Finding("p-1", FindingStatus.CORROBORATED, "RU", null, null));
    Refusal r = reg.refused("UA", at(8), new InvokeRelease("plain", "p-1"),
        Rule.NO_DETERMINATION);
    assertThat(r.reason()).contains("no release-on-breach clause");
  }
}
