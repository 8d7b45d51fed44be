/**
 * C2SP tlog-witness v1.0.0 (https://c2sp.org/tlog-witness): the add-checkpoint request, the
 * witness logic and status codes, its durable state, and an HTTP server on the JDK's
 * {@code com.sun.net.httpserver}.
 */
package dev.verity.tlog.witness;
