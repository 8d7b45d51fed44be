package dev.verity.core.inspection;

import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.util.List;

/**
 * An ambiguity for the commission: raised by a Party, or automatically when findings disagree
 * with the declaration ({@code raisedBy} is then {@code "auto"}).
 *
 * @param concerning the log entries it is about (the findings, the declaration entry, ...)
 */
public record Ambiguity(String inspection, String raisedBy, String text, List<EntryRef> concerning, Instant at) {
  public static final String AUTO = "auto";
}
