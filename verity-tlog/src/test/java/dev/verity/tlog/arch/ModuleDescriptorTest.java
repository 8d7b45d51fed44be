package dev.verity.tlog.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.tlog.audit.LogAuditor;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

/**
 * The compiled {@code module-info}, as an adopter on the module path meets it. The other tests run
 * on the class path, where a module descriptor is ignored; this one loads the library from {@code
 * target/classes} (with BouncyCastle) into a module layer of its own.
 */
class ModuleDescriptorTest {
  private static final String MODULE = "dev.verity.tlog";
  private static final String INTERNAL = "dev.verity.tlog.internal";

  @Test
  void exportsEveryPackageButTheInternalOne() throws Exception {
    ModuleDescriptor d = finder().find(MODULE).orElseThrow().descriptor();
    Set<String> exported =
        d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.packages()).contains(INTERNAL, "dev.verity.tlog.merkle", "dev.verity.tlog.note");
    assertThat(exported)
        .isEqualTo(
            d.packages().stream().filter(p -> !p.equals(INTERNAL)).collect(Collectors.toSet()));
  }

  @Test
  void resolvesAndRunsOnTheModulePathWithItsInternalsHidden() throws Exception {
    ModuleLayer layer = layer();
    Module tlog = layer.findModule(MODULE).orElseThrow();
    assertThat(tlog.isExported(INTERNAL)).isFalse();
    // Ed25519 through BouncyCastle: the module's requires are enough to sign.
    ClassLoader loader = layer.findLoader(MODULE);
    Class<?> keys = loader.loadClass("dev.verity.tlog.note.NoteKeys");
    assertThat(keys.getModule()).isSameAs(tlog);
    Object pair =
        keys.getMethod("generate", String.class, byte.class, SecureRandom.class)
            .invoke(null, "example.com/log", (byte) 1, new SecureRandom());
    assertThat(pair.toString()).contains("PRIVATE+KEY+example.com/log+");
    Method encode = loader.loadClass(INTERNAL + ".StdBase64").getMethod("encode", byte[].class);
    assertThatThrownBy(() -> encode.invoke(null, (Object) new byte[1]))
        .isInstanceOf(IllegalAccessException.class);
  }

  private static ModuleLayer layer() throws URISyntaxException {
    Configuration cf =
        ModuleLayer.boot().configuration().resolve(finder(), ModuleFinder.of(), Set.of(MODULE));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  /** The library's classes as compiled, and the BouncyCastle jar it was compiled against. */
  private static ModuleFinder finder() throws URISyntaxException {
    return ModuleFinder.of(location(LogAuditor.class), location(Ed25519.class));
  }

  private static Path location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
