package dev.verity.node.treaty;

/** Output formats of the treaty commands. */
enum Format {
  json,
  table
}
