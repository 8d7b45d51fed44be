package dev.verity.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.SharedData;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.inventory.ItemStatus;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Item;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForceTemplatesTest {

  @Test
  void bundledTemplatesCoverTheNewStartParties() throws Exception {
    ForceTemplates t = ForceTemplates.bundled();
    assertThat(t.parties()).containsOnlyKeys("US", "RU");
    assertThat(t.aggregates().warheads()).isEqualTo("warheads");
  }

  /** With the US shares taken from the State breakdown, the generated 1 Sep 2020 inventory has
   * exactly the published per-system figures (../shared/data/new-start-us-disaggregated.csv). */
  @Test
  void usInventoryOfSeptember2020MatchesTheStateBreakdown() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<AggregatesTable.Row> rows;
    try (Reader r = SharedData.reader("new-start-aggregates.csv")) {
      rows = AggregatesTable.read("new-start-aggregates.csv", r, a);
    }
    List<String> breakdown = Files.readAllLines(SharedData.file("new-start-us-disaggregated.csv"));
    Scenario s = new ScenarioGenerator(a, rows, ForceTemplates.bundled()).generate(LocalDate.of(2020, 9, 1), null, 0, 9);
    Declaration us = s.declarations().stream().filter(d -> d.party().equals("US") && d.asOf().getYear() == 2020).findFirst().orElseThrow();
    Inventory inv = Inventory.of(a, "US", us);
    assertThat(count(inv, "US-MM3-", "icbm", ItemStatus.DEPLOYED)).isEqualTo(published(breakdown, "MM-III", "deployed ICBMs"));
    assertThat(count(inv, "US-D5-", "slbm", ItemStatus.DEPLOYED)).isEqualTo(published(breakdown, "Trident II", "deployed SLBMs"));
    assertThat(count(inv, "US-B2A-", "heavy-bomber", ItemStatus.DEPLOYED)).isEqualTo(published(breakdown, "B-2A", "deployed heavy bombers"));
    assertThat(count(inv, "US-B52H-", "heavy-bomber", ItemStatus.DEPLOYED)).isEqualTo(published(breakdown, "B-52H", "deployed heavy bombers"));
    assertThat(count(inv, "US-MM3-", "icbm-launcher-silo", ItemStatus.NON_DEPLOYED)).isEqualTo(published(breakdown, "MM-III", "non-deployed launchers of ICBMs"));
    assertThat(count(inv, "US-D5-", "slbm-launcher", ItemStatus.NON_DEPLOYED)).isEqualTo(published(breakdown, "Trident II", "non-deployed launchers of SLBMs"));
    assertThat(count(inv, "US-B2A-", "heavy-bomber", ItemStatus.NON_DEPLOYED)).isEqualTo(published(breakdown, "B-2A", "non-deployed heavy bombers"));
    assertThat(count(inv, "US-B52H-", "heavy-bomber", ItemStatus.NON_DEPLOYED)).isEqualTo(published(breakdown, "B-52H", "non-deployed heavy bombers"));
    assertThat(count(inv, "US-B52H-", "heavy-bomber", ItemStatus.NOT_COUNTED))
        .isEqualTo(published(breakdown, "B-52H", "heavy bombers equipped for non-nuclear armaments"));
  }

  private static long count(Inventory inv, String prefix, String kind, ItemStatus status) {
    return inv.items().values().stream().map(Item::id)
        .filter(id -> id.startsWith(prefix) && inv.item(id).kind().equals(kind) && inv.status(id) == status).count();
  }

  private static long published(List<String> csv, String system, String category) {
    return csv.stream().map(l -> l.split(","))
        .filter(f -> f[0].equals("2020-09-01") && f[1].equals(system) && f[2].equals(category))
        .mapToLong(f -> Long.parseLong(f[4])).findFirst().orElseThrow();
  }

  @Test
  void badTemplateNamesThePath() {
    assertThatThrownBy(() -> ForceTemplates.read("f.yaml", new StringReader("parties:\n  US:\n    storage: {id: X, colour: red}\n")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("f.yaml")
        .hasMessageContaining("colour");
  }
}
