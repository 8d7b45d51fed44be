package dev.verity.core.selection;

import java.util.List;

/** The result: the site, the missile (null when none is there) and the bombers, and the seed (hex) they came from. */
public record Selection(String inspection, String seed, String site, String missile, List<String> bombers) {}
