package dev.peregrine.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The right-hand side of {@code pmatch}: a set of search paths, matched by path components.
 *
 * <p>A path matches when some search path is a component-wise prefix of it (or equal to it).
 * Both are split on {@code /} and empty components are dropped, so {@code //var/run/} is
 * {@code [var, run]}, and a relative path is treated like the absolute one with the same
 * components. Consequences, all as in libsinsp's {@code path_prefix_search}:
 *
 * <ul>
 *   <li>{@code /var/run/docker} matches {@code /var/run}; {@code /var} and {@code /var/runx} do
 *       not;
 *   <li>a search path of {@code /} (or the empty string) matches every path, even {@code ""};
 *   <li>a search component containing {@code ?}, {@code *} or {@code [} is an fnmatch pattern
 *       (flags 0) for exactly one path component: {@code /var/*}{@code /log} matches
 *       {@code /var/x/log/y} but not {@code /var/x/y/log}.
 * </ul>
 *
 * <p>As in libsinsp, a search path that extends another one is redundant and dropped.
 * libsinsp's glob lookup advances its component iterator once per glob entry it tries, so with
 * several glob siblings at one level its result depends on hash order; this class tries every
 * glob sibling against the same component instead.
 */
final class PathPrefixSet {

  private final Node root = new Node();
  private final List<String> paths = new ArrayList<>();

  private PathPrefixSet() {}

  /** Builds the set from the operator's list of values. */
  static PathPrefixSet of(Iterable<String> searchPaths) {
    PathPrefixSet set = new PathPrefixSet();
    for (String p : searchPaths) {
      set.add(p);
    }
    return set;
  }

  private void add(String path) {
    paths.add(path);
    Node node = root;
    for (String comp : split(path)) {
      if (node.terminal) {
        return; // a shorter search path already covers this one
      }
      node = node.child(comp);
    }
    node.terminal = true;
    node.exact.clear();
    node.globs.clear();
  }

  /** True when {@code path} equals or lies under one of the search paths. */
  boolean matches(String path) {
    return root.matches(split(path), 0);
  }

  /** The search paths in the order given. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  @Override
  public String toString() {
    return "pmatch " + paths;
  }

  /** Splits on '/', dropping empty components. */
  static List<String> split(String path) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (i > start) {
          out.add(path.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static boolean isGlob(String component) {
    for (int i = 0; i < component.length(); i++) {
      char c = component.charAt(i);
      if (c == '?' || c == '*' || c == '[') {
        return true;
      }
    }
    return false;
  }

  /** A trie level. A terminal node ends a search path and has no children. */
  private static final class Node {
    private final Map<String, Node> exact = new HashMap<>();
    private final List<GlobEdge> globs = new ArrayList<>();
    private boolean terminal;

    Node child(String comp) {
      if (!isGlob(comp)) {
        return exact.computeIfAbsent(comp, k -> new Node());
      }
      for (GlobEdge edge : globs) {
        if (edge.pattern.pattern().equals(comp)) {
          return edge.node;
        }
      }
      GlobEdge edge = new GlobEdge(Fnmatch.compile(comp, false), new Node());
      globs.add(edge);
      return edge.node;
    }

    /** Whether the components from {@code i} on match below this node. */
    boolean matches(List<String> comps, int i) {
      if (terminal) {
        return true;
      }
      if (i == comps.size()) {
        return false; // the path ends above every search path through here
      }
      String comp = comps.get(i);
      Node next = exact.get(comp);
      if (next != null && next.matches(comps, i + 1)) {
        return true;
      }
      for (GlobEdge edge : globs) {
        if (edge.pattern.matches(comp) && edge.node.matches(comps, i + 1)) {
          return true;
        }
      }
      return false;
    }
  }

  private record GlobEdge(Fnmatch pattern, Node node) {}
}
