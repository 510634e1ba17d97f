package dev.peregrine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.peregrine.cli.RuleTestSpec.AlertExpectation;
import dev.peregrine.cli.RuleTestSpec.Case;
import dev.peregrine.cli.RuleTestSpec.EventSource;
import dev.peregrine.cli.RuleTestSpec.Expect;
import dev.peregrine.cli.RuleTestSpec.Options;
import dev.peregrine.cli.RuleTestSpec.Origin;
import dev.peregrine.cli.RuleTestSpec.RulesRef;
import dev.peregrine.cli.RuleTestSpec.TestFile;
import dev.peregrine.event.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Parses rule test files (docs/rules-testing.md) into {@link RuleTestSpec} values. */
final class RuleTestReader {
  private static final Set<String> FILE_KEYS =
      Set.of("rules", "options", "event_defaults", "tests");
  private static final Set<String> CASE_KEYS =
      Set.of("name", "rules", "options", "events", "event_files", "expect");
  private static final Set<String> EXPECT_KEYS =
      Set.of("alerts", "absent", "silent", "exclusive");
  private static final Set<String> ALERT_KEYS =
      Set.of("rule", "count", "priority", "output_fields", "output_contains");

  /** A malformed test file; the message names the file and the test. */
  static final class BadTestFile extends Exception {
    BadTestFile(String message) {
      super(message);
    }
  }

  private RuleTestReader() {}

  /** Parses {@code text}, the content of the test file {@code origin}. */
  static TestFile read(Origin origin, String text) throws BadTestFile {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setLabel(origin.name()).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new BadTestFile(origin.name() + ": not valid YAML: " + e.getMessage());
    }
    Ctx ctx = new Ctx(origin.name());
    Map<String, Object> top = ctx.map(doc, "the file");
    ctx.keys(top, FILE_KEYS, "the file");
    List<RulesRef> rules = rulesRefs(ctx, top.get("rules"));
    Options options = options(ctx, top.get("options"), Options.defaults());
    Map<String, Object> defaults = top.containsKey("event_defaults")
        ? ctx.map(top.get("event_defaults"), "event_defaults") : Map.of();
    List<Case> cases = new ArrayList<>();
    Set<String> names = new java.util.HashSet<>();
    for (Object c : ctx.list(top.get("tests"), "tests")) {
      Case parsed = testCase(ctx, ctx.map(c, "a test"), rules, options, defaults);
      if (!names.add(parsed.name())) {
        throw new BadTestFile(origin.name() + ": two tests are named '" + parsed.name() + "'");
      }
      cases.add(parsed);
    }
    if (cases.isEmpty()) {
      throw new BadTestFile(origin.name() + ": no tests (expected a 'tests' list)");
    }
    return new TestFile(origin, List.copyOf(cases));
  }

  private static Case testCase(Ctx file, Map<String, Object> m, List<RulesRef> rules,
      Options options, Map<String, Object> defaults) throws BadTestFile {
    String name = file.string(m.get("name"), "a test's name");
    Ctx ctx = new Ctx(file.where + ": test '" + name + "'");
    ctx.keys(m, CASE_KEYS, "the test");
    List<RulesRef> caseRules = m.containsKey("rules") ? rulesRefs(ctx, m.get("rules")) : rules;
    Options caseOptions = options(ctx, m.get("options"), options);
    List<EventSource> events = new ArrayList<>();
    if (m.containsKey("event_files")) {
      Object f = m.get("event_files");
      for (Object p : f instanceof List<?> ? ctx.list(f, "event_files") : List.of(f)) {
        events.add(new EventSource.File(ctx.string(p, "an event file")));
      }
    }
    if (m.containsKey("events")) {
      int i = 0;
      for (Object e : ctx.list(m.get("events"), "events")) {
        events.add(new EventSource.Inline(++i, eventJson(ctx, e, defaults)));
      }
    }
    if (events.isEmpty()) {
      throw ctx.bad("no events (give 'events' or 'event_files')");
    }
    Expect expect = expect(ctx, ctx.map(m.get("expect"), "expect"));
    return new Case(name, caseRules, caseOptions, List.copyOf(events), expect);
  }

  private static List<RulesRef> rulesRefs(Ctx ctx, Object value) throws BadTestFile {
    if (value == null) {
      return List.of(new RulesRef.Default());
    }
    List<RulesRef> out = new ArrayList<>();
    int inline = 0;
    for (Object r : value instanceof List<?> ? ctx.list(value, "rules") : List.of(value)) {
      if (r instanceof String s) {
        out.add(s.equals("default") ? new RulesRef.Default() : new RulesRef.File(s));
      } else if (r instanceof Map<?, ?> map && map.size() == 1 && map.get("inline") != null) {
        out.add(new RulesRef.Inline(ctx.where + "#inline-" + ++inline,
            ctx.string(map.get("inline"), "inline rules")));
      } else {
        throw ctx.bad("each 'rules' entry is 'default', a path or {inline: <rules YAML>}");
      }
    }
    return List.copyOf(out);
  }

  private static Options options(Ctx ctx, Object value, Options base) throws BadTestFile {
    if (value == null) {
      return base;
    }
    Map<String, Object> m = ctx.map(value, "options");
    ctx.keys(m, Set.of("rule_matching", "priority"), "options");
    boolean all = base.matchAll();
    if (m.containsKey("rule_matching")) {
      String v = ctx.string(m.get("rule_matching"), "rule_matching");
      if (!v.equals("all") && !v.equals("first")) {
        throw ctx.bad("rule_matching must be 'all' or 'first', not '" + v + "'");
      }
      all = v.equals("all");
    }
    String priority = m.containsKey("priority")
        ? ctx.string(m.get("priority"), "priority") : base.minPriority();
    if (priority != null && dev.peregrine.rules.Priority.parse(priority).isEmpty()) {
      throw ctx.bad("priority '" + priority + "' is not a Falco priority");
    }
    return new Options(all, priority);
  }

  private static byte[] eventJson(Ctx ctx, Object e, Map<String, Object> defaults)
      throws BadTestFile {
    if (e instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    Map<String, Object> merged = merge(defaults, ctx.map(e, "an event"));
    try {
      return Json.mapper().writeValueAsBytes(merged);
    } catch (JsonProcessingException ex) {
      throw ctx.bad("event cannot be written as JSON: " + ex.getMessage());
    }
  }

  /** Deep merge: maps merge key by key, anything else replaces; a null value removes the key. */
  static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> over) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : over.entrySet()) {
      Object old = out.get(e.getKey());
      if (e.getValue() == null) {
        out.remove(e.getKey());
      } else if (old instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        out.put(e.getKey(), merge(cast(a), cast(b)));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static Expect expect(Ctx ctx, Map<String, Object> m) throws BadTestFile {
    ctx.keys(m, EXPECT_KEYS, "expect");
    List<AlertExpectation> alerts = new ArrayList<>();
    if (m.containsKey("alerts")) {
      for (Object a : ctx.list(m.get("alerts"), "expect.alerts")) {
        alerts.add(alert(ctx, a));
      }
    }
    List<String> absent = new ArrayList<>();
    if (m.containsKey("absent")) {
      for (Object a : ctx.list(m.get("absent"), "expect.absent")) {
        absent.add(ctx.string(a, "a rule name in expect.absent"));
      }
    }
    boolean silent = ctx.bool(m.get("silent"), "expect.silent");
    boolean exclusive = ctx.bool(m.get("exclusive"), "expect.exclusive");
    if (alerts.isEmpty() && absent.isEmpty() && !silent) {
      throw ctx.bad("expect needs 'alerts', 'absent' or 'silent: true'");
    }
    if (silent && alerts.stream().anyMatch(a -> !a.negative())) {
      throw ctx.bad("'silent: true' contradicts the expected alerts");
    }
    return new Expect(List.copyOf(alerts), List.copyOf(absent), silent, exclusive);
  }

  private static AlertExpectation alert(Ctx ctx, Object a) throws BadTestFile {
    if (a instanceof String rule) {
      return new AlertExpectation(rule, null, null, Map.of(), null);
    }
    Map<String, Object> m = ctx.map(a, "an expected alert");
    ctx.keys(m, ALERT_KEYS, "an expected alert");
    String rule = ctx.string(m.get("rule"), "the 'rule' of an expected alert");
    Integer count = null;
    if (m.get("count") != null) {
      if (!(m.get("count") instanceof Integer n) || n < 0) {
        throw ctx.bad("count of '" + rule + "' must be a whole number >= 0");
      }
      count = n;
    }
    String priority = m.get("priority") == null ? null : ctx.string(m.get("priority"), "priority");
    Map<String, Object> fields = new LinkedHashMap<>();
    if (m.get("output_fields") != null) {
      ctx.map(m.get("output_fields"), "output_fields").forEach((k, v) ->
          fields.put(k, v instanceof List<?> l ? l.stream().map(String::valueOf).toList()
              : v == null ? null : String.valueOf(v)));
    }
    String contains = m.get("output_contains") == null ? null
        : ctx.string(m.get("output_contains"), "output_contains");
    return new AlertExpectation(rule, count, priority, java.util.Collections.unmodifiableMap(
        fields), contains);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** Type checks with messages that say where the problem is. */
  private record Ctx(String where) {
    BadTestFile bad(String message) {
      return new BadTestFile(where + ": " + message);
    }

    Map<String, Object> map(Object v, String what) throws BadTestFile {
      if (v instanceof Map<?, ?> m) {
        for (Object k : m.keySet()) {
          if (!(k instanceof String)) {
            throw bad(what + " has a key that is not a string: " + k);
          }
        }
        return cast(m);
      }
      throw bad(what + " must be a mapping");
    }

    List<?> list(Object v, String what) throws BadTestFile {
      if (v instanceof List<?> l) {
        return l;
      }
      throw bad(what + " must be a list");
    }

    String string(Object v, String what) throws BadTestFile {
      if (v instanceof String s && !s.isEmpty()) {
        return s;
      }
      throw bad(what + " must be a non-empty string");
    }

    boolean bool(Object v, String what) throws BadTestFile {
      if (v == null || v instanceof Boolean) {
        return Boolean.TRUE.equals(v);
      }
      throw bad(what + " must be true or false");
    }

    void keys(Map<String, Object> m, Set<String> allowed, String what) throws BadTestFile {
      for (String k : m.keySet()) {
        if (!allowed.contains(k)) {
          throw bad("unknown key '" + k + "' in " + what + " (expected one of "
              + new java.util.TreeSet<>(allowed) + ")");
        }
      }
    }
  }
}
