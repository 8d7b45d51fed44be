package dev.verity.node.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The node's TLS key across a rotation ({@link TlsRotation}): the old key and certificate before
 * the announced instant (wall clock), the next from then on, at each handshake (RFC 8446 §4.4.2:
 * the certificate is chosen per handshake, so connections opened before keep theirs).
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {
  private final X509ExtendedKeyManager old;
  private final X509ExtendedKeyManager next;
  private final long switchAtMillis;

  RotatingKeyManager(X509ExtendedKeyManager old, X509ExtendedKeyManager next, long switchAt) {
    this.old = old;
    this.next = next;
    this.switchAtMillis = switchAt;
  }

  private X509ExtendedKeyManager now() {
    return System.currentTimeMillis() < switchAtMillis ? old : next;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return now().getClientAliases(keyType, issuers);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return now().chooseClientAlias(keyType, issuers, socket);
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return now().getServerAliases(keyType, issuers);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return now().chooseServerAlias(keyType, issuers, socket);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return now().getCertificateChain(alias);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return now().getPrivateKey(alias);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine e) {
    return now().chooseEngineClientAlias(keyType, issuers, e);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine e) {
    return now().chooseEngineServerAlias(keyType, issuers, e);
  }
}
