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
        + "jdbcPassword: file:/etc/verity/db-password\n");
    c.withPorts(1, 2).write(dir);
    NodeConfig back = NodeConfig.read(dir);
    assertThat(back.storage()).isEqualTo(NodeConfig.POSTGRESQL);
    assertThat(back.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/verity?user=us");
    assertThat(back.jdbcPassword()).isEqualTo("file:/etc/verity/db-password");
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
        + "jdbcPassword: hunter2\n"))
        .hasMessageContaining("jdbcPassword: name the secret, env:VARIABLE or file:PATH")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aReferenceIsReadWhenTheStoreOpens() throws Exception {
    Path file = dir.resolve("pw");
    Files.writeString(file, "s3cret\nignored\n");
    assertThat(SecretReference.parse("jdbcPassword", "file:" + file).resolve()).isEqualTo("s3cret");
    assertThatThrownBy(() -> SecretReference.parse("jdbcPassword", "env:VERITY_NO_SUCH_VAR_42")
        .resolve()).hasMessage(
            "jdbcPassword: the environment variable VERITY_NO_SUCH_VAR_42 is not set");
    assertThatThrownBy(() -> SecretReference.parse("jdbcPassword", "file:" + dir.resolve("no"))
        .resolve()).hasMessageStartingWith("jdbcPassword: cannot read ");
    assertThat(SecretReference.parse("jdbcPassword", "env:HOME").toString())
        .doesNotContain(System.getenv("HOME"));
  }
}
