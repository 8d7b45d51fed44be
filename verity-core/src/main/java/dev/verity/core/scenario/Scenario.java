package dev.verity.core.scenario;

import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.reconcile.Discrepancy;
import java.util.List;

/**
 * A generated scenario: each Party's declarations (in date order), the notifications between
 * them, and the key of planted discrepancies (empty when none were asked for).
 *
 * @param skipped Parties left out, with the reason (e.g. no published figures)
 */
public record Scenario(
    List<Declaration> declarations, List<Notification> notifications, List<Discrepancy> key, List<String> skipped) {}
