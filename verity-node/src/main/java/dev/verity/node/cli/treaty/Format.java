package dev.verity.node.cli.treaty;

/** Output formats of the treaty commands. */
enum Format {
  json,
  table
}
