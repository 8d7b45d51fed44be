package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The operator API warns when it listens in plain HTTP beyond this machine (issue 17): which
 * hosts count as this machine only.
 */
class PlainHttpWarningTest {
  @Test
  void loopbackHostsAreThisMachineOnly() {
    assertThat(ApiServer.loopback("127.0.0.1")).isTrue();
    assertThat(ApiServer.loopback("127.0.0.2")).isTrue();
    assertThat(ApiServer.loopback("::1")).isTrue();
    assertThat(ApiServer.loopback("localhost")).isTrue();
  }

  @Test
  void anyOtherAddressIsBeyondIt() {
    assertThat(ApiServer.loopback("0.0.0.0")).isFalse();
    assertThat(ApiServer.loopback("::")).isFalse();
    assertThat(ApiServer.loopback("10.1.2.3")).isFalse();
    assertThat(ApiServer.loopback("no-such-host.invalid")).isFalse();
  }
}
