/**
 * Where a log lives ({@link dev.verity.tlog.storage.LogStorage}): a directory laid out exactly as
 * C2SP tlog-tiles names its resources, so it can be served as a static log, or memory. A step is
 * published crash-safely, files first and the checkpoint last; the checkpoint is the commit point.
 * Checkpoint signing and reading are interfaces, so storage does not depend on a note format.
 */
package dev.verity.tlog.storage;
