package dev.verity.node.api;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Item;
import dev.verity.core.regime.Step;
import dev.verity.node.bundle.Bundle;
import dev.verity.node.bundle.BundleException;
import dev.verity.node.bundle.Bundles;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.federation.PeerPath.Status;
import dev.verity.node.module.HotlineQueries;
import dev.verity.node.module.InspectionQueries;
import dev.verity.node.module.InventoryQueries;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.ProvisionQueries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.projection.InspectionProjection.Logged;
import dev.verity.node.projection.InspectionProjection.State;
import dev.verity.node.projection.InventoryView;
import dev.verity.node.projection.Owed;
import dev.verity.node.projection.Reconciliations;
import dev.verity.node.projection.Reconciliations.Result;
import dev.verity.node.store.StoreException;
import dev.verity.node.submit.SubmitRequest;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Tags;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.Set;
import dev.verity.tlog.tiles.TilePath;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The node's queries as its modules' routes see them: reads of its projections, one submit. */
final class ModuleQueries
    implements NodeQueries, InventoryQueries, InspectionQueries, ProvisionQueries,
    HotlineQueries {
  /** How a module's route submits: the API's own pipeline, answering the receipt. */
  interface Submit {
    void submit(Context ctx, SubmitRequest r) throws Exception;
  }

  private final ServedNode node;
  private final Submit submit;

  ModuleQueries(ServedNode node, Submit submit) {
    this.node = node;
    this.submit = submit;
  }

  @Override
  public Clock clock() {
    return node.clock();
  }

  @Override
  public Agreement agreement() {
    return node.agreement();
  }

  @Override
  public List<String> parties() {
    return node.projections().parties();
  }

  @Override
  public InventoryQueries inventory() {
    return this;
  }

  @Override
  public InspectionQueries inspections() {
    return this;
  }

  @Override
  public ProvisionQueries provisions() {
    return this;
  }

  @Override
  public HotlineQueries hotline() {
    return this;
  }

  @Override
  public String self() {
    return node.config().party();
  }

  @Override
  public Path dir() {
    return node.nodeDir();
  }

  @Override
  public List<Step> steps(Set<String> types) {
    return node.projections().provisions().steps(types);
  }

  @Override
  public Function<EntryRef, Optional<Instant>> receipts() {
    Map<String, NavigableMap<Long, Long>> times;
    try {
      times = ApiServer.receipts(node).firstTimes();
    } catch (StoreException e) {
      throw new IllegalStateException("the node's store cannot be read: " + e.getMessage(), e);
    }
    return ref -> {
      var byParty = times.get(ref.party());
      var t = byParty == null ? null : byParty.ceilingEntry(ref.index() + 1);
      return t == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(t.getValue()));
    };
  }

  @Override
  public void submitAs(String actor, SubmitRequest request) throws Exception {
    ApiServer.submitter(node).submit(request, actor);
  }

  @Override
  public Map<String, Status> paths() {
    return node.peerPaths();
  }

  @Override
  public Bundle backupBundle(String actor) throws BundleException {
    try {
      if (!NodeConfig.read(node.nodeDir()).agreement().equals(node.agreement().id())) {
        throw new BundleException("bundles carry the home agreement only, not "
            + node.agreement().id());
      }
      long from = Long.MAX_VALUE;
      for (PeerConfig p : node.config().peers()) {
        from = Math.min(from, node.store().position(p.party()).cosignedSize());
      }
      // the bundle starts at a tile: the importer serves its entries a tile at a time
      from = from == Long.MAX_VALUE ? 0 : from / TilePath.WIDTH * TilePath.WIDTH;
      Bundle b = Bundles.export(node.nodeDir(), from);
      node.store().audit(actor, "hotline-bundle", b.origin() + " entries " + from + "-"
          + (from + b.entries().size()));
      return b;
    } catch (ConfigException | StoreException e) {
      throw new BundleException("cannot export: " + e.getMessage(), e);
    }
  }

  @Override
  public EscrowLedger escrow() {
    return node.projections().escrow();
  }

  @Override
  public void gauge(String name, String description, Map<String, String> tags,
      LongSupplier value) {
    Tags all = Tags.of("agreement", node.agreement().id());
    for (Map.Entry<String, String> t : tags.entrySet()) {
      all = all.and(t.getKey(), t.getValue());
    }
    node.metrics().gauge(name, description, all, value);
  }

  @Override
  public void submit(Context ctx, SubmitRequest request) throws Exception {
    submit.submit(ctx, request);
  }

  @Override
  public long applied() {
    return node.projections().applied();
  }

  @Override
  public Optional<LocalDate> firstDeclarationDay() {
    return node.projections().firstDeclarationDay();
  }

  @Override
  public Map<String, InventoryView> inventory(LocalDate day) {
    return node.projections().inventory(day);
  }

  @Override
  public Optional<Inventory> inventoryAsOf(String party, LocalDate day) throws Exception {
    return node.projections().inventoryAsOf(party, day);
  }

  @Override
  public List<PartyCompliance> compliance(LocalDate day) {
    return node.projections().compliance(day);
  }

  @Override
  public List<Result> reconciliations() throws Exception {
    return node.projections().reconciliations(ApiServer.receipts(node).firstTimes());
  }

  @Override
  public State stateAsOf(Instant asOf) {
    return node.projections().inspections().stateAsOf(asOf);
  }

  @Override
  public Optional<Logged> logged(EntryRef ref) {
    return node.projections().inspections().logged(ref);
  }

  @Override
  public Optional<Item> declaredItem(String party, String id, Instant at) {
    return node.projections().inspections().declaredItem(party, id, at);
  }

  @Override
  public Map<String, Object> views() {
    return node.projections().provisions().views();
  }

  @Override
  public <S> Optional<S> state(String regime, Class<S> type) {
    return node.projections().provisions().state(regime, type);
  }

  @Override
  public List<Owed> obligations(Instant asOf) {
    return node.projections().provisions().obligations(asOf);
  }

  @Override
  public String party() {
    return node.config().party();
  }

  @Override
  public Path nodeDir() {
    return node.dir();
  }
}
