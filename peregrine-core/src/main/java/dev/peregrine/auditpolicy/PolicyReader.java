package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads an audit.k8s.io/v1 Policy from YAML or JSON text, keeping the position of every rule, key
 * and value. It decodes as the apiserver does: a value of the wrong type is an error (the
 * apiserver fails with "failed decoding"), unknown and duplicate keys are recorded in {@link
 * Policy#keyProblems()} (the apiserver warns, drops unknown keys and keeps the last duplicate).
 * Only {@code audit.k8s.io/v1} is accepted: {@code v1alpha1} and {@code v1beta1} were removed in
 * Kubernetes 1.24.
 */
public final class PolicyReader {
  /** Issue code of a YAML syntax error. */
  public static final String CODE_YAML = "POLICY_ERR_YAML";
  /** Issue code of a value the apiserver cannot decode (wrong type, apiVersion, kind). */
  public static final String CODE_DECODE = "POLICY_ERR_DECODE";
  /** Issue code of a warning about the document as a whole (several documents). */
  public static final String CODE_DOCUMENT = "POLICY_WARN_DOCUMENT";
  /** The only group/version the apiserver loads. */
  public static final String API_VERSION = "audit.k8s.io/v1";

  static final Set<String> POLICY_KEYS =
      Set.of("apiVersion", "kind", "metadata", "rules", "omitStages", "omitManagedFields");
  static final Set<String> RULE_KEYS = Set.of("level", "users", "userGroups", "verbs",
      "resources", "namespaces", "nonResourceURLs", "omitStages", "omitManagedFields");
  static final Set<String> GROUP_RESOURCES_KEYS = Set.of("group", "resources", "resourceNames");

  /**
   * What was read.
   *
   * @param policy the policy, or null when the text is not a YAML mapping at all
   * @param issues decode errors and document warnings, in file order
   */
  public record Result(Policy policy, List<Issue> issues) {
    public Result {
      issues = List.copyOf(issues);
    }

    /** True when the policy could be decoded without error. */
    public boolean ok() {
      return policy != null && issues.stream().noneMatch(Issue::isError);
    }
  }

  /** Reads the first YAML document of {@code file}. */
  public Result read(SourceFile file) {
    Ctx ctx = new Ctx(file);
    List<Node> docs = new ArrayList<>();
    try {
      for (Node n : new Compose(LoadSettings.builder().setLabel(file.name()).build())
          .composeAllFromString(file.text())) {
        docs.add(n);
      }
    } catch (MarkedYamlEngineException e) {
      Position pos = e.getProblemMark().or(e::getContextMark).map(PolicyReader::position)
          .orElse(Position.UNKNOWN);
      String msg = e.getProblem() == null ? e.getMessage() : e.getProblem();
      ctx.issues.add(Issue.error(CODE_YAML, file, pos, "YAML syntax error: " + msg));
      return new Result(null, ctx.issues);
    } catch (YamlEngineException e) {
      ctx.issues.add(Issue.error(CODE_YAML, file, Position.UNKNOWN,
          "YAML syntax error: " + e.getMessage()));
      return new Result(null, ctx.issues);
    }
    if (docs.size() > 1) {
      ctx.issues.add(Issue.warning(CODE_DOCUMENT, file, position(docs.get(1)),
          "only the first YAML document is read; the apiserver ignores the others"));
    }
    if (docs.isEmpty() || isNull(docs.get(0))) {
      ctx.issues.add(Issue.error(CODE_DECODE, file, Position.UNKNOWN,
          "empty policy: the apiserver cannot decode it (unknown group version field);"
              + " write apiVersion: " + API_VERSION + ", kind: Policy and rules"));
      return new Result(null, ctx.issues);
    }
    return read(ctx, docs.get(0));
  }

  /** Reads a policy from an already composed node of {@code file} (e.g. part of a larger file). */
  Result read(SourceFile file, Node root) {
    return read(new Ctx(file), root);
  }

  private Result read(Ctx ctx, Node root) {
    if (!(root instanceof MappingNode map)) {
      ctx.error(root, "", "the policy must be a mapping with apiVersion, kind and rules, found "
          + kindOf(root));
      return new Result(null, ctx.issues);
    }
    ctx.values.put("", position(root));
    Map<String, NodeTuple> f = ctx.fields(map, "", POLICY_KEYS);
    String apiVersion = ctx.str(f, "", "apiVersion");
    String kind = ctx.str(f, "", "kind");
    checkTypeMeta(ctx, map, apiVersion, kind);
    Node meta = value(f, "metadata");
    if (meta != null && !isNull(meta) && !(meta instanceof MappingNode)) {
      ctx.typeError(meta, "metadata", "a mapping");
    }
    List<String> omitStages = ctx.strList(f, "", "omitStages");
    Boolean omf = ctx.bool(f, "", "omitManagedFields");
    List<PolicyRule> rules = new ArrayList<>();
    Node rulesNode = value(f, "rules");
    if (rulesNode instanceof SequenceNode seq) {
      for (int i = 0; i < seq.getValue().size(); i++) {
        rules.add(readRule(ctx, seq.getValue().get(i), "rules[" + i + "]"));
      }
    } else if (rulesNode != null && !isNull(rulesNode)) {
      ctx.typeError(rulesNode, "rules", "a list of rules");
    }
    Policy p = new Policy(apiVersion == null ? "" : apiVersion, kind == null ? "" : kind, rules,
        omitStages, Boolean.TRUE.equals(omf), ctx.keyProblems,
        new Locations(ctx.file, ctx.values, ctx.keys));
    return new Result(p, ctx.issues);
  }

  private static void checkTypeMeta(Ctx ctx, MappingNode root, String apiVersion, String kind) {
    if (apiVersion == null || apiVersion.isEmpty() || kind == null || kind.isEmpty()) {
      ctx.error(root, "", "unknown group version field: apiVersion and kind are required"
          + " (apiVersion: " + API_VERSION + ", kind: Policy)");
      return;
    }
    if (apiVersion.equals("audit.k8s.io/v1beta1") || apiVersion.equals("audit.k8s.io/v1alpha1")) {
      ctx.error(ctx.valueNode(root, "apiVersion"), "apiVersion", apiVersion
          + " was removed in Kubernetes 1.24 and no longer decodes; use " + API_VERSION);
    } else if (!apiVersion.equals(API_VERSION)) {
      ctx.error(ctx.valueNode(root, "apiVersion"), "apiVersion", "no kind \"" + kind
          + "\" is registered for version \"" + apiVersion + "\"; use " + API_VERSION);
    } else if (!kind.equals("Policy")) {
      ctx.error(ctx.valueNode(root, "kind"), "kind", "kind \"" + kind
          + "\" is not an audit policy; use kind: Policy");
    }
  }

  private static PolicyRule readRule(Ctx ctx, Node node, String path) {
    ctx.values.put(path, position(node));
    if (!(node instanceof MappingNode map)) {
      if (!isNull(node)) {
        ctx.typeError(node, path, "a rule (a mapping)");
      }
      return new PolicyRule("", List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          List.of(), null);
    }
    Map<String, NodeTuple> f = ctx.fields(map, path, RULE_KEYS);
    List<GroupResources> resources = new ArrayList<>();
    Node res = value(f, "resources");
    if (res instanceof SequenceNode seq) {
      for (int j = 0; j < seq.getValue().size(); j++) {
        resources.add(readGroupResources(ctx, seq.getValue().get(j),
            path + ".resources[" + j + "]"));
      }
    } else if (res != null && !isNull(res)) {
      ctx.typeError(res, path + ".resources", "a list of {group, resources, resourceNames}");
    }
    String level = ctx.str(f, path, "level");
    return new PolicyRule(level, ctx.strList(f, path, "users"),
        ctx.strList(f, path, "userGroups"), ctx.strList(f, path, "verbs"), resources,
        ctx.strList(f, path, "namespaces"), ctx.strList(f, path, "nonResourceURLs"),
        ctx.strList(f, path, "omitStages"), ctx.bool(f, path, "omitManagedFields"));
  }

  private static GroupResources readGroupResources(Ctx ctx, Node node, String path) {
    ctx.values.put(path, position(node));
    if (!(node instanceof MappingNode map)) {
      if (!isNull(node)) {
        ctx.typeError(node, path, "a mapping {group, resources, resourceNames}");
      }
      return new GroupResources("", List.of(), List.of());
    }
    Map<String, NodeTuple> f = ctx.fields(map, path, GROUP_RESOURCES_KEYS);
    return new GroupResources(ctx.str(f, path, "group"), ctx.strList(f, path, "resources"),
        ctx.strList(f, path, "resourceNames"));
  }

  /** Decoding state: the issues, positions and key problems found so far. */
  private static final class Ctx {
    final SourceFile file;
    final List<Issue> issues = new ArrayList<>();
    final Map<String, Position> values = new HashMap<>();
    final Map<String, Position> keys = new HashMap<>();
    final List<KeyProblem> keyProblems = new ArrayList<>();

    Ctx(SourceFile file) {
      this.file = file;
    }

    void error(Node node, String path, String msg) {
      String where = path.isEmpty() ? "" : path + ": ";
      issues.add(Issue.error(CODE_DECODE, file, position(node), where + msg));
    }

    void typeError(Node node, String path, String expected) {
      error(node, path, "expected " + expected + ", found " + kindOf(node)
          + " (the apiserver fails to decode the policy)");
    }

    Node valueNode(MappingNode map, String key) {
      for (NodeTuple t : map.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
      return map;
    }

    /** The known keys of a mapping (last duplicate wins); records positions and key problems. */
    Map<String, NodeTuple> fields(MappingNode map, String path, Set<String> known) {
      Map<String, NodeTuple> out = new LinkedHashMap<>();
      Map<String, Boolean> seen = new HashMap<>();
      for (NodeTuple t : map.getValue()) {
        Node k = t.getKeyNode();
        if (!(k instanceof ScalarNode ks)) {
          error(k, path, "a mapping key must be a string, found " + kindOf(k));
          continue;
        }
        String key = ks.getValue();
        String keyPath = path.isEmpty() ? key : path + "." + key;
        if (seen.put(key, Boolean.TRUE) != null) {
          keyProblems.add(new KeyProblem(KeyProblem.Kind.DUPLICATE, path, key, position(k)));
        }
        if (!known.contains(key)) {
          keyProblems.add(new KeyProblem(KeyProblem.Kind.UNKNOWN, path, key, position(k)));
          continue;
        }
        keys.put(keyPath, position(k));
        values.put(keyPath, position(t.getValueNode()));
        out.put(key, t);
      }
      return out;
    }

    String str(Map<String, NodeTuple> f, String path, String key) {
      Node n = value(f, key);
      return n == null ? null : scalarString(n, join(path, key));
    }

    String scalarString(Node n, String path) {
      if (isNull(n)) {
        return "";
      }
      if (n instanceof ScalarNode s && scalarKind(s).equals("a string")) {
        return s.getValue();
      }
      typeError(n, path, "a string");
      return "";
    }

    List<String> strList(Map<String, NodeTuple> f, String path, String key) {
      Node n = value(f, key);
      String p = join(path, key);
      if (n == null || isNull(n)) {
        return List.of();
      }
      if (!(n instanceof SequenceNode seq)) {
        typeError(n, p, "a list of strings");
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (int i = 0; i < seq.getValue().size(); i++) {
        Node item = seq.getValue().get(i);
        values.put(p + "[" + i + "]", position(item));
        out.add(scalarString(item, p + "[" + i + "]"));
      }
      return out;
    }

    Boolean bool(Map<String, NodeTuple> f, String path, String key) {
      Node n = value(f, key);
      if (n == null || isNull(n)) {
        return null;
      }
      if (n instanceof ScalarNode s && scalarKind(s).equals("a boolean")) {
        return YAML11_TRUE.contains(s.getValue());
      }
      typeError(n, join(path, key), "true or false");
      return null;
    }
  }

  // go-yaml (YAML 1.1), which the apiserver uses, reads these plain scalars as booleans.
  private static final Set<String> YAML11_TRUE =
      Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> YAML11_FALSE =
      Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
  private static final Set<String> YAML_NULL = Set.of("", "~", "null", "Null", "NULL");

  static String scalarKind(ScalarNode s) {
    if (!s.isPlain()) {
      return "a string";
    }
    String v = s.getValue();
    if (YAML_NULL.contains(v)) {
      return "null";
    }
    if (YAML11_TRUE.contains(v) || YAML11_FALSE.contains(v)) {
      return "a boolean";
    }
    if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) {
      return "a number";
    }
    return "a string";
  }

  static String kindOf(Node n) {
    return switch (n) {
      case ScalarNode s when isNull(s) -> "null";
      case ScalarNode s -> scalarKind(s) + " (" + s.getValue() + ")";
      case SequenceNode q -> "a list";
      case MappingNode m -> "a mapping";
      default -> "a YAML node";
    };
  }

  static boolean isNull(Node n) {
    return n instanceof ScalarNode s && scalarKind(s).equals("null");
  }

  private static Node value(Map<String, NodeTuple> f, String key) {
    NodeTuple t = f.get(key);
    return t == null ? null : t.getValueNode();
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static Position position(Node n) {
    return n.getStartMark().map(PolicyReader::position).orElse(Position.UNKNOWN);
  }

  static Position position(Mark m) {
    return new Position(m.getIndex(), m.getLine() + 1, m.getColumn() + 1);
  }
}
