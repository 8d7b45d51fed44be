package dev.verity.node.projection;

/**
 * How a notification entry stands among corrections: the entry it supersedes (when it is a
 * correction), the entry that superseded it (when it was corrected later), the reason given by
 * the correction concerned, and the notification number both speak for.
 */
public record Supersession(Long supersedes, Long supersededBy, String reason, Long number) {}
