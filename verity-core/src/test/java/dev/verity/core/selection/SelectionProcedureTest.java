package dev.verity.core.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.selection.SelectionInputs.Contribution;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectionProcedureTest {

  static SelectionInputs example() throws Exception {
    try (InputStream in = SelectionProcedureTest.class.getResourceAsStream("example-1.json")) {
      return new ObjectMapper().readValue(in, SelectionInputs.class);
    }
  }

  static SelectionInputs with(SelectionInputs in, Contribution a, Contribution b) {
    return new SelectionInputs(in.inspection(), a, b, in.checkpoints(), in.sites(), in.missiles(), in.bombers(), in.bomberCount());
  }

  static String secret(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    b[31] = (byte) (i >> 8);
    return Canonical.hex(b);
  }

  static Contribution committed(String party, String inspection, String secretHex) {
    return new Contribution(party, Canonical.hex(SecretCommitment.commit(party, inspection, Canonical.unhex(secretHex))), secretHex);
  }

  /** The worked example of docs/formats/selection.md (computed there by the Python reference). */
  @Test
  void goldenExampleFromTheDoc() throws Exception {
    Selection s = SelectionProcedure.derive(example());
    assertThat(s.seed()).isEqualTo("8a5cdafdc91467923bbf897ab49df170aae171e4bd8fcfdbe5025a951cf941bb");
    assertThat(s).isEqualTo(new Selection("example-1", s.seed(), "BASE-A", "M-1", List.of("B-3", "B-6")));
  }

  @Test
  void theSelectionChangesWithEitherPartysSecret() throws Exception {
    SelectionInputs ex = example();
    Set<String> byInspecting = new HashSet<>();
    Set<String> byInspected = new HashSet<>();
    Set<String> seeds = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      Selection a = SelectionProcedure.derive(with(ex, committed("US", "example-1", secret(i)), ex.inspected()));
      Selection b = SelectionProcedure.derive(with(ex, ex.inspecting(), new Contribution("RU", null, secret(i))));
      byInspecting.add(a.site() + "/" + a.missile() + "/" + a.bombers());
      byInspected.add(b.site() + "/" + b.missile() + "/" + b.bombers());
      seeds.add(a.seed());
      seeds.add(b.seed());
    }
    assertThat(seeds).hasSize(80);
    assertThat(byInspecting).hasSizeGreaterThan(5);
    assertThat(byInspected).hasSizeGreaterThan(5);
  }

  @Test
  void theCheckpointsEnterTheSeed() throws Exception {
    SelectionInputs ex = example();
    var cps = List.of(ex.checkpoints().get(0),
        new SelectionInputs.CheckpointRef("RU", "verity.example/ru", 2001, ex.checkpoints().get(1).rootHash()));
    SelectionInputs other = new SelectionInputs(ex.inspection(), ex.inspecting(), ex.inspected(), cps, ex.sites(), ex.missiles(), ex.bombers(), 2);
    assertThat(SelectionProcedure.derive(other).seed()).isNotEqualTo(SelectionProcedure.derive(ex).seed());
  }

  @Test
  void aRevealOtherThanTheCommittedSecretIsDetectedAndNamesTheParty() throws Exception {
    SelectionInputs ex = example();
    Contribution cheat = new Contribution("US", ex.inspecting().commitment(), secret(7));
    assertThatThrownBy(() -> SelectionProcedure.derive(with(ex, cheat, ex.inspected())))
        .isInstanceOf(SelectionException.class)
        .hasMessageStartingWith("US revealed a secret that does not match its commitment")
        .satisfies(e -> assertThat(((SelectionException) e).party()).isEqualTo("US"));
    Contribution ru = committed("RU", "example-1", secret(1));
    Contribution ruCheat = new Contribution("RU", ru.commitment(), secret(2));
    assertThatThrownBy(() -> SelectionProcedure.derive(with(ex, ex.inspecting(), ruCheat)))
        .satisfies(e -> assertThat(((SelectionException) e).party()).isEqualTo("RU"));
    assertThat(SelectionProcedure.derive(with(ex, ex.inspecting(), ru))).isNotNull();
    // a commitment made for another inspection does not open for this one
    Contribution replay = committed("US", "example-0", ex.inspecting().secret());
    assertThatThrownBy(() -> SelectionProcedure.derive(with(ex, replay, ex.inspected()))).hasMessageContaining("US revealed");
  }

  @Test
  void theInspectingPartyMustCommitAndInputsAreChecked() throws Exception {
    SelectionInputs ex = example();
    Contribution bare = new Contribution("US", null, ex.inspecting().secret());
    assertThatThrownBy(() -> SelectionProcedure.derive(with(ex, bare, ex.inspected()))).hasMessageContaining("must commit first");
    SelectionInputs dup = new SelectionInputs(ex.inspection(), ex.inspecting(), ex.inspected(), ex.checkpoints(),
        List.of("BASE-A", "BASE-A"), ex.missiles(), ex.bombers(), 2);
    assertThatThrownBy(() -> SelectionProcedure.derive(dup)).hasMessage("sites: duplicate BASE-A");
    SelectionInputs noCp = new SelectionInputs(ex.inspection(), ex.inspecting(), ex.inspected(), List.of(ex.checkpoints().get(0)),
        ex.sites(), ex.missiles(), ex.bombers(), 2);
    assertThatThrownBy(() -> SelectionProcedure.derive(noCp)).hasMessageContaining("checkpoint of both");
  }

  @Test
  void candidateOrderInTheInputDoesNotMatter() throws Exception {
    SelectionInputs ex = example();
    var rev = new java.util.ArrayList<>(ex.bombers());
    java.util.Collections.reverse(rev);
    SelectionInputs r = new SelectionInputs(ex.inspection(), ex.inspecting(), ex.inspected(), ex.checkpoints(),
        List.of("BASE-B", "BASE-A", "BASE-C"), ex.missiles(), rev, 2);
    assertThat(SelectionProcedure.derive(r)).isEqualTo(SelectionProcedure.derive(ex));
  }
}
