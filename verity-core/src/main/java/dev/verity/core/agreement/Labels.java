package dev.verity.core.agreement;

import dev.verity.core.agreement.Protocol.Rung;
import dev.verity.core.schema.Field;
import java.util.Set;
import java.util.TreeSet;

/**
 * The label keys an agreement's own provisions need in its message files ({@code
 * i18n/<id>.<lang>.json}, docs/formats/agreement.md, "Labels"), under the dashboard's naming: the
 * agreement ({@code agreement.<id>}), each message type it declares itself ({@code
 * msgtype.<id>}) and each of its fields' label, and per protocol {@code protocol.<p>} with its
 * states, deadlines (recurring ones too), quotas, gates and escalation rungs ({@code
 * protocol.<p>.state.<s>}, ...), and each level of a duty roster a rung notifies ({@code
 * roster.<level>}).
 * Types that a provision brings are labelled in that provision's own files.
 */
public final class Labels {
  private Labels() {}

  public static Set<String> keys(Agreement a) {
    Set<String> out = new TreeSet<>();
    out.add("agreement." + a.id());
    for (MessageType m : a.messages()) {
      if (m.provision() == null) {
        out.add("msgtype." + m.id());
        m.schema().fields().stream().map(Field::label).forEach(out::add);
      }
    }
    for (Protocol p : a.protocols()) {
      if (p.provision() == null) {
        out.addAll(keys(p));
      }
    }
    return out;
  }

  /**
   * The keys a shared provision's own parts need in its message files ({@code
   * i18n/<provision>.<lang>.json}): each message type it brings to {@code a}, and their fields.
   */
  public static Set<String> keys(Agreement a, String provision) {
    Set<String> out = new TreeSet<>();
    for (MessageType m : a.messages()) {
      if (provision.equals(m.provision())) {
        out.add("msgtype." + m.id());
        m.schema().fields().stream().map(Field::label).forEach(out::add);
      }
    }
    for (Protocol p : a.protocols()) {
      if (provision.equals(p.provision())) {
        out.addAll(keys(p));
      }
    }
    return out;
  }

  /** The keys of one protocol. */
  public static Set<String> keys(Protocol p) {
    Set<String> out = new TreeSet<>();
    String at = "protocol." + p.id();
    out.add(at);
    p.states().forEach(s -> out.add(at + ".state." + s));
    p.steps().stream().filter(s -> !s.id().equals(s.message()))
        .forEach(s -> out.add(at + ".step." + s.id()));
    p.deadlines().forEach(d -> {
      out.add(at + ".deadline." + d.id());
      if (d.onMissed() != null && d.onMissed().escalate() != null) {
        for (Rung r : d.onMissed().escalate().steps()) {
          out.add(at + ".rung." + r.id());
          r.notifies().forEach(level -> out.add("roster." + level));
        }
      }
    });
    p.recurring().forEach(r -> out.add(at + ".deadline." + r.id()));
    p.quotas().forEach(q -> out.add(at + ".quota." + q.id()));
    p.gates().forEach(g -> out.add(at + ".gate." + g.id()));
    return out;
  }
}
