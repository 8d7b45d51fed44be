package dev.verity.node.config;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.nio.file.Path;

/**
 * node.yaml {@code apiCertificate}: the PEM files of the operator API's own certificate (its
 * chain may follow it, leaf first) and private key, e.g. issued by the organisation's CA; a path
 * that is not absolute is taken from the node's directory ({@link #in}).
 *
 * @param certificate the certificate's PEM file
 * @param key the private key's PEM file (unencrypted; owner-only, as the node's own keys)
 */
public record ApiCertificateFiles(
    @JsonSerialize(using = ToStringSerializer.class) Path certificate,
    @JsonSerialize(using = ToStringSerializer.class) Path key) {

  public ApiCertificateFiles {
    if (certificate == null || key == null) {
      throw new IllegalArgumentException("apiCertificate: give both certificate and key, the"
          + " paths of their PEM files");
    }
  }

  /** The files with relative paths taken from {@code dir}. */
  public ApiCertificateFiles in(Path dir) {
    return new ApiCertificateFiles(dir.resolve(certificate), dir.resolve(key));
  }
}
