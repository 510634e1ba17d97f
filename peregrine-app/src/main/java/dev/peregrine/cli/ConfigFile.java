package dev.peregrine.cli;

import dev.peregrine.cli.ConfigKeys.Key;
import dev.peregrine.cli.ConfigKeys.Type;
import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import dev.peregrine.diag.SourceFile;
import dev.peregrine.rules.Priority;
import dev.peregrine.source.Limits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a config file (YAML 1.2, falco.yaml key names) into typed values by dotted path. Unknown
 * keys are warnings and values of the wrong type are errors, each with {@code file:line:col}.
 * {@code -o key=value} overrides go through {@link #override} with the same types.
 */
final class ConfigFile {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");
  private static final SourceFile COMMAND_LINE = new SourceFile("command line", "");

  /** Values set so far by path, and where each came from (for later error messages). */
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Issue> origins = new HashMap<>();
  private final List<Issue> issues = new ArrayList<>();
  private SourceFile source;

  /** Values by dotted path (only those that were set). */
  Map<String, Object> values() {
    return values;
  }

  /** Errors and warnings found while reading. */
  List<Issue> issues() {
    return issues;
  }

  /** Where {@code path} was set in the file, as an issue skeleton to copy the place from. */
  Issue origin(String path) {
    return origins.get(path);
  }

  /** Reads one YAML text; the issues say what went wrong. */
  ConfigFile read(String name, String text) {
    source = new SourceFile(name, text);
    Node root;
    try {
      LoadSettings s = LoadSettings.builder().setLabel(name).setAllowDuplicateKeys(true)
          .setMaxAliasesForCollections(100).build();
      root = new Compose(s).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      issues.add(Issue.error("CONFIG_YAML", source, position(m), e.getProblem()));
      return this;
    } catch (YamlEngineException e) {
      issues.add(Issue.error("CONFIG_YAML", source, Position.UNKNOWN, e.getMessage()));
      return this;
    }
    if (root == null || isNull(root)) {
      return this;
    }
    if (!(root instanceof MappingNode map)) {
      error(root, "the config file must be a mapping of keys to values");
      return this;
    }
    readMapping(map, "");
    return this;
  }

  private void readMapping(MappingNode map, String prefix) {
    for (NodeTuple t : map.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        error(t.getKeyNode(), "keys must be plain strings");
        continue;
      }
      String path = prefix + k.getValue();
      Node v = t.getValueNode();
      Key key = ConfigKeys.KEYS.get(path);
      if (key != null) {
        if (values.containsKey(path)) {
          issues.add(Issue.warning("CONFIG_DUPLICATE", source, pos(k),
              "'" + path + "' is set twice; the last value wins"));
        }
        set(key, v);
      } else if (ConfigKeys.isSection(path)) {
        if (v instanceof MappingNode m) {
          readMapping(m, path + ".");
        } else if (!isNull(v)) {
          error(v, "'" + path + "' must be a mapping");
        }
      } else if (ConfigKeys.FALCO_ONLY.contains(path)) {
        issues.add(Issue.warning("CONFIG_UNUSED", source, pos(k),
            "falco.yaml key '" + path + "' is not used by Peregrine; ignored"));
      } else {
        issues.add(Issue.warning("CONFIG_UNKNOWN_KEY", source, pos(k),
            "unknown key '" + path + "'; ignored"));
      }
    }
  }

  private void set(Key key, Node v) {
    try {
      Object value = switch (key.type()) {
        case MAP -> isNull(v) ? Map.of() : toMap(v, key.path());
        case STRING_LIST -> stringList(v, key.path());
        default -> {
          if (!(v instanceof ScalarNode s) || isNull(v)) {
            throw new IllegalArgumentException(expected(key.type()));
          }
          yield parse(key.type(), s.getValue());
        }
      };
      values.put(key.path(), value);
      origins.put(key.path(), Issue.error("CONFIG_VALUE", source, pos(v), key.path()));
    } catch (IllegalArgumentException e) {
      error(v, key.path() + ": " + e.getMessage());
    }
  }

  /**
   * Applies {@code -o path=value}: a known key, or a path inside a map-valued key such as {@code
   * http_output.custom_headers.Authorization}. Throws IllegalArgumentException for unknown keys
   * and bad values.
   */
  void override(String path, String raw) {
    Key key = ConfigKeys.KEYS.get(path);
    if (key != null && key.type() != Type.MAP) {
      Object value = key.type() == Type.STRING_LIST ? List.of(raw.split(",", -1))
          : parseOrFail(key.type(), path, raw);
      values.put(path, value);
      origins.remove(path);
      return;
    }
    Key map = ConfigKeys.mapKey(path);
    if (map == null || path.equals(map.path())) {
      throw new IllegalArgumentException("-o: unknown setting '" + path + "'");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) values.getOrDefault(
        map.path(), map.defaultValue()));
    putPath(m, path.substring(map.path().length() + 1), scalar(raw, ScalarStyle.PLAIN));
    values.put(map.path(), m);
  }

  /**
   * The effective config, after checks that need several values or ranges; errors point at the
   * value in the file when it came from there.
   */
  Config toConfig() throws ConfigException {
    List<Issue> errors = new ArrayList<>(issues.stream().filter(Issue::isError).toList());
    if (values.containsKey("rules_files") && values.containsKey("rules_file")) {
      errors.add(at("rules_file", "set either rules_files or the deprecated rules_file, not both"));
    }
    range(errors, "output_timeout", 1, Integer.MAX_VALUE);
    range(errors, "outputs_queue.capacity", 0, Integer.MAX_VALUE);
    range(errors, "syslog_output.port", 1, 65535);
    range(errors, "http_output.max_consecutive_timeouts", 0, 1000);
    range(errors, "webserver.listen_port", 0, 65535);
    range(errors, "spool.max_bytes", 1, Long.MAX_VALUE);
    range(errors, "limits.max_body_bytes", 1, Limits.MAX_BODY_BYTES);
    range(errors, "limits.queue_events", 1, Integer.MAX_VALUE);
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    Config c = Config.of(values);
    if (c.http().enabled() && !c.http().url().matches("(?i)https?://.+")) {
      errors.add(at("http_output.url", "http_output is enabled but url '" + c.http().url()
          + "' is not an http:// or https:// URL"));
    }
    if (c.program().enabled() && c.program().program().isBlank()) {
      errors.add(at("program_output.program", "program_output is enabled but program is empty"));
    }
    if (c.file().enabled() && c.file().filename().isBlank()) {
      errors.add(at("file_output.filename", "file_output is enabled but filename is empty"));
    }
    for (String p : c.webserver().auditEndpoints()) {
      if (!p.startsWith("/")) {
        errors.add(at("webserver.k8s_audit_endpoint",
            "webserver.k8s_audit_endpoint: '" + p + "' does not start with /"));
      }
    }
    if (c.webserver().sslEnabled() && c.webserver().sslCertificate().isBlank()) {
      errors.add(at("webserver.ssl_certificate",
          "webserver.ssl_enabled is true but ssl_certificate is empty"));
    }
    if (!c.webserver().sslEnabled() && !c.webserver().sslClientCa().isBlank()) {
      errors.add(at("webserver.ssl_client_ca",
          "webserver.ssl_client_ca needs TLS: set webserver.ssl_enabled to true"));
    }
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    return c;
  }

  private void range(List<Issue> errors, String path, long min, long max) {
    Object v = values.get(path);
    if (v instanceof Long n && (n < min || n > max)) {
      errors.add(at(path, path + ": " + n + " is out of range " + min + ".." + max));
    }
  }

  /**
   * A config error found by a command (such as a setting it cannot honour), placed where {@code
   * path} was set.
   */
  ConfigException errorAt(String path, String message) {
    return new ConfigException(List.of(at(path, message)));
  }

  /** An error at the place {@code path} was set, or without a place (defaults, -o). */
  private Issue at(String path, String message) {
    Issue o = origins.get(path);
    return o == null ? Issue.error("CONFIG_VALUE", COMMAND_LINE, Position.UNKNOWN, message)
        : Issue.error("CONFIG_VALUE", o.file(), o.position(), message);
  }

  private static Object parseOrFail(Type type, String path, String raw) {
    try {
      return parse(type, raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> m, String rest, Object value) {
    int dot = rest.indexOf('.');
    if (dot < 0) {
      m.put(rest, value);
      return;
    }
    Object inner = m.get(rest.substring(0, dot));
    Map<String, Object> child = inner instanceof Map<?, ?> im
        ? new LinkedHashMap<>((Map<String, Object>) im) : new LinkedHashMap<>();
    putPath(child, rest.substring(dot + 1), value);
    m.put(rest.substring(0, dot), child);
  }

  /** A scalar converted to its Java type, or IllegalArgumentException naming what was wanted. */
  static Object parse(Type type, String s) {
    return switch (type) {
      case BOOL -> switch (s.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(
            "'" + s + "' is not a boolean; " + expected(type));
      };
      case INT -> {
        if (!INT.matcher(s).matches()) {
          throw new IllegalArgumentException("'" + s + "' is not an integer; " + expected(type));
        }
        yield Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
      }
      case STRING -> s;
      case STRING_LIST -> List.of(s);
      case PRIORITY -> Priority.parse(s).orElseThrow(() -> new IllegalArgumentException(
          "'" + s + "' is not a priority; " + expected(type)));
      case MATCHING -> switch (s) {
        case "first" -> false;
        case "all" -> true;
        default -> throw new IllegalArgumentException("'" + s + "': " + expected(type));
      };
      case SYSLOG_FORMAT -> switch (s.toLowerCase(Locale.ROOT)) {
        case "rfc3164", "rfc5424" -> s.toLowerCase(Locale.ROOT);
        default -> throw new IllegalArgumentException("'" + s + "': " + expected(type));
      };
      case DURATION -> duration(s);
      case MAP -> throw new IllegalArgumentException(expected(type));
    };
  }

  static Duration duration(String s) {
    Duration d = parseDuration(s);
    if (d == null) {
      throw new IllegalArgumentException("'" + s + "' is not a duration; "
          + expected(Type.DURATION));
    }
    return d;
  }

  /**
   * {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or a number of seconds (surrounding
   * whitespace ignored); null if {@code s} has another form.
   */
  static Duration parseDuration(String s) {
    Matcher m = DURATION.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  static String expected(Type type) {
    return switch (type) {
      case BOOL -> "expected true or false";
      case INT -> "expected an integer";
      case STRING -> "expected a string";
      case STRING_LIST -> "expected a string or a list of strings";
      case PRIORITY -> "expected one of emergency, alert, critical, error, warning, notice,"
          + " informational (info), debug";
      case MATCHING -> "expected 'first' or 'all'";
      case SYSLOG_FORMAT -> "expected rfc3164 or rfc5424";
      case DURATION -> "expected a duration such as 500ms, 30s, 5m or 1h";
      case MAP -> "expected a mapping";
    };
  }

  private List<String> stringList(Node v, String path) {
    if (isNull(v)) {
      return List.of();
    }
    if (v instanceof ScalarNode s) {
      return List.of(s.getValue());
    }
    if (!(v instanceof SequenceNode seq)) {
      throw new IllegalArgumentException(expected(Type.STRING_LIST));
    }
    List<String> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof ScalarNode s)) {
        error(item, path + ": " + expected(Type.STRING_LIST));
        continue;
      }
      out.add(s.getValue());
    }
    return List.copyOf(out);
  }

  /** Any YAML value as plain Java: Map, List, Boolean, Long, String or null. */
  private Object toMap(Node v, String path) {
    if (!(v instanceof MappingNode)) {
      throw new IllegalArgumentException(expected(Type.MAP));
    }
    return plain(v, path);
  }

  private Object plain(Node v, String path) {
    return switch (v) {
      case MappingNode m -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
          String k = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
          String p = path + "." + k;
          origins.put(p, Issue.error("CONFIG_VALUE", source, pos(t.getValueNode()), p));
          out.put(k, plain(t.getValueNode(), p));
        }
        yield out;
      }
      case SequenceNode s -> s.getValue().stream().map(n -> plain(n, path)).toList();
      case ScalarNode s -> isNull(s) ? null : scalar(s.getValue(), s.getScalarStyle());
      default -> null;
    };
  }

  private static Object scalar(String s, ScalarStyle style) {
    if (style != ScalarStyle.PLAIN) {
      return s;
    }
    if (s.equals("true") || s.equals("false")) {
      return Boolean.valueOf(s);
    }
    return INT.matcher(s).matches() && s.length() < 19 ? (Object) Long.parseLong(
        s.startsWith("+") ? s.substring(1) : s) : s;
  }

  private void error(Node n, String message) {
    issues.add(Issue.error("CONFIG_VALUE", source, pos(n), message));
  }

  private static boolean isNull(Node n) {
    return n == null || n instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN
        && switch (s.getValue()) {
          case "", "~", "null", "Null", "NULL" -> true;
          default -> false;
        };
  }

  private static Position pos(Node n) {
    return position(n.getStartMark().orElse(null));
  }

  private static Position position(Mark m) {
    return m == null ? Position.UNKNOWN
        : new Position(m.getIndex(), m.getLine() + 1, m.getColumn() + 1);
  }
}
