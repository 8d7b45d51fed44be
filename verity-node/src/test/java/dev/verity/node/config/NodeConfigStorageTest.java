package dev.verity.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage}, {@code jdbcUrl} and {@code jdbcPassword} in node.yaml. */
class NodeConfigStorageTest {
  @TempDir Path dir;

  private NodeConfig yaml(String storage) throws Exception {
    Files.writeString(dir.resolve("node.yaml"),
        "party: US\nagreement: new-start\napiPort: 7380\npeerPort: 7381\n" + storage);
    return NodeConfig.read(dir);
  }

  @Test
  void sqliteIsTheDefaultAndIsWrittenOut() throws Exception {
    NodeConfig c = yaml("");
    assertThat(c.storage()).isEqualTo(NodeConfig.SQLITE);
    c.write(dir);
    assertThat(Files.readString(dir.resolve("node.yaml"))).contains("storage: \"sqlite\"")
        .doesNotContain("jdbc");
  }

  @Test
  void postgresqlKeepsItsUrlAndPasswordReferenceThroughARewrite() throws Exception {
    NodeConfig c = yaml("storage: postgresql\njdbcUrl: jdbc:postgresql://db:5432/verity?user=us\n"
        + "jdbcPassword: {file: /etc/verity/db-password}\n");
    c.withPorts(1, 2).write(dir);
    NodeConfig back = NodeConfig.read(dir);
    assertThat(back.storage()).isEqualTo(NodeConfig.POSTGRESQL);
    assertThat(back.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/verity?user=us");
    assertThat(back.jdbcPassword()).isEqualTo(new SecretRef(null,
        Path.of("/etc/verity/db-password")));
    assertThat(Files.readString(dir.resolve("node.yaml")))
        .contains("jdbcPassword:\n  file: \"/etc/verity/db-password\"");
  }

  @Test
  void mistakesAreNamedByTheirField() {
    assertThatThrownBy(() -> yaml("storage: mysql\n")).hasMessageContaining(
        "storage: expected sqlite or postgresql, not 'mysql'").hasMessageNotContaining("jackson");
    assertThatThrownBy(() -> yaml("storage: postgresql\n"))
        .hasMessageContaining("jdbcUrl: storage: postgresql needs a URL");
    assertThatThrownBy(() -> yaml("storage: postgresql\njdbcUrl: jdbc:mysql://db/verity\n"))
        .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE");
    assertThatThrownBy(() -> yaml("jdbcUrl: jdbc:postgresql://db/verity\n"))
        .hasMessageContaining("go with storage: postgresql");
  }

  @Test
  void aPasswordIsNeverTakenInline() {
    assertThatThrownBy(() -> yaml("storage: postgresql\n"
        + "jdbcUrl: jdbc:postgresql://db/verity?user=us&password=hunter2\n"))
        .hasMessageContaining("jdbcUrl: holds a password").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> yaml("storage: postgresql\njdbcUrl: jdbc:postgresql://db/verity\n"
        + "jdbcPassword: hunter2\n")).hasMessageEndingWith("jdbcPassword: write {env: NAME} or"
        + " {file: PATH}; a secret is never written in node.yaml");
  }

  @Test
  void theCommandLineNamesASecretAsNodeYamlDoes() {
    assertThat(SecretRef.parse("--jdbc-password", "file:/etc/pw"))
        .isEqualTo(new SecretRef(null, Path.of("/etc/pw")));
    assertThat(SecretRef.parse("--jdbc-password", "env:PGPW").toString()).isEqualTo("env:PGPW");
    assertThatThrownBy(() -> SecretRef.parse("--jdbc-password", "hunter2"))
        .hasMessage("--jdbc-password: name the secret, env:VARIABLE or file:PATH; the secret"
            + " itself is never given");
  }
}
