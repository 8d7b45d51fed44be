package dev.verity.node.module;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Every module of the node, in one list: the file
 * {@code META-INF/services/dev.verity.node.module.RegimeModule}, one class a line, read in its
 * order. It is a service file rather than a Java list because a list in code would name the
 * modules' command classes, which live in {@code cli}, from a package {@code cli} reads: a
 * package cycle (docs/dev/decisions.md, "Node modules in one service file").
 */
public final class NodeModules {
  /** The modules, in the order of the service file. */
  public static final List<RegimeModule> ALL = load();

  private NodeModules() {}

  private static List<RegimeModule> load() {
    List<RegimeModule> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    ClassLoader loader = NodeModules.class.getClassLoader();
    for (RegimeModule m : ServiceLoader.load(RegimeModule.class, loader)) {
      if (!ids.add(m.id())) {
        throw new IllegalStateException("two node modules with the id " + m.id());
      }
      out.add(m);
    }
    return List.copyOf(out);
  }

  /** Every module's routes, described only (no node): for the OpenAPI check. */
  public static List<Route> routes() {
    return ALL.stream().flatMap(m -> m.routes(null).stream()).toList();
  }

  /** Every module's command classes, in order: {@code verity}'s provision subcommands. */
  public static List<Class<?>> commands() {
    return ALL.stream().flatMap(m -> m.commands().stream()).toList();
  }
}
