package dev.verity.core.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.message.EntryRef;
import dev.verity.core.schema.Fields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One subject of a protocol (a call, a claim, an exchange): who opened it, whom it is addressed
 * to, the state it is in, and every step accepted on it. Changed only by {@link ProtocolRegime}.
 */
public final class Subject {
  /** A step accepted on the subject: which rule, the entry, who, when. */
  public record Taken(String step, EntryRef entry, String party, Instant at) {}

  private final String id;
  private final String initiator;
  private final List<String> counterparts;
  private String state;
  private final List<Taken> steps = new ArrayList<>();
  private final Map<String, JsonNode> fields = new LinkedHashMap<>();

  Subject(String id, String initiator, List<String> counterparts) {
    this.id = id;
    this.initiator = initiator;
    this.counterparts = List.copyOf(counterparts);
  }

  void take(Taken t, String to, Fields f) {
    steps.add(t);
    if (to != null) {
      state = to;
    }
    f.json().fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
  }

  public String id() {
    return id;
  }

  public String initiator() {
    return initiator;
  }

  /** Whom the subject is addressed to. */
  public List<String> counterparts() {
    return counterparts;
  }

  public String state() {
    return state;
  }

  /** The accepted steps, in the order folded: the subject's timeline. */
  public List<Taken> steps() {
    return Collections.unmodifiableList(steps);
  }

  /** The latest value of each field any of its steps carried. */
  @JsonIgnore
  public Optional<JsonNode> field(String name) {
    return Optional.ofNullable(fields.get(name)).map(JsonNode::deepCopy);
  }

  /** The first time step {@code step} was taken on the subject, by anyone. */
  Optional<Taken> first(String step) {
    return steps.stream().filter(t -> t.step().equals(step)).findFirst();
  }

  /** When the subject was opened. */
  Instant opened() {
    return steps.get(0).at();
  }
}
