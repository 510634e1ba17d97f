package dev.peregrine.auditpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Every case of the upstream audit-policy test data ({@code
 * ../shared/upstream/k8s-audit-policy-cases}): checker cases, omitManagedFields, unionStages,
 * derived checker cases, validation cases and loader cases. A case listed in {@code
 * auditpolicy/expected-failures.txt} must fail, with the reason given there.
 */
class UpstreamCasesTest {
  static final String FOLDER = "k8s-audit-policy-cases";

  static Stream<Named<Executable>> cases() throws IOException {
    Path dir = Upstream.folder(FOLDER);
    List<Named<Executable>> out = new ArrayList<>();
    SourceFile checker = new SourceFile(dir.resolve("cases.yaml").toString(),
        Yaml.read(dir.resolve("cases.yaml")));
    Node root = Yaml.compose(checker.text(), checker.name());
    for (String section : List.of("cases", "omitManagedFieldsCases", "derivedCases")) {
      for (Node c : Yaml.items(Yaml.get(root, section))) {
        out.add(named(section, c, () -> checkerCase(checker, c)));
      }
    }
    for (Node c : Yaml.items(Yaml.get(root, "unionStagesCases"))) {
      out.add(named("unionStagesCases", c, () -> unionCase(c)));
    }
    SourceFile validation = new SourceFile(dir.resolve("validation-cases.yaml").toString(),
        Yaml.read(dir.resolve("validation-cases.yaml")));
    Node vroot = Yaml.compose(validation.text(), validation.name());
    for (String section : List.of("validationCases", "derivedValidationCases")) {
      for (Node c : Yaml.items(Yaml.get(vroot, section))) {
        out.add(named(section, c, () -> validationCase(validation, c)));
      }
    }
    for (Node c : Yaml.items(Yaml.get(vroot, "loaderCases"))) {
      out.add(named("loaderCases", c, () -> loaderCase(c)));
    }
    assertThat(out).hasSizeGreaterThan(150);
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void upstreamCase(Executable body) throws Throwable {
    body.execute();
  }

  private static Named<Executable> named(String section, Node c, Executable body) {
    String id = section + ":" + Yaml.java(Yaml.get(c, "id"));
    String reason = EXPECTED_FAILURES.get(id);
    if (reason == null) {
      return Named.of(id, body);
    }
    return Named.of(id + " (expected to fail: " + reason + ")", () -> {
      try {
        body.execute();
      } catch (AssertionError | RuntimeException e) {
        return;
      }
      fail("case %s is listed in expected-failures.txt but passes; remove it", id);
    });
  }

  static void checkerCase(SourceFile file, Node c) {
    PolicyReader.Result read = new PolicyReader().read(file, Yaml.get(c, "policy"));
    assertThat(read.issues()).as("decode issues").isEmpty();
    AuditDecision d = new PolicyChecker(read.policy()).evaluate(attributes(Yaml.get(c, "request")));
    @SuppressWarnings("unchecked")
    Map<String, Object> expect = (Map<String, Object>) Yaml.java(Yaml.get(c, "expect"));
    assertThat(d.level().wire()).as("level").isEqualTo(expect.get("level"));
    if (expect.containsKey("omitStages")) {
      assertThat(d.omitStages()).as("omitStages").isEqualTo(stages(expect.get("omitStages")));
    }
    if (expect.containsKey("omitManagedFields")) {
      assertThat(d.omitManagedFields()).as("omitManagedFields")
          .isEqualTo(expect.get("omitManagedFields"));
    }
  }

  static void unionCase(Node c) {
    Set<Stage> got = PolicyChecker.unionStages(stages(Yaml.java(Yaml.get(c, "first"))),
        stages(Yaml.java(Yaml.get(c, "second"))));
    assertThat(got).isEqualTo(stages(Yaml.java(Yaml.get(c, "expectSet"))));
  }

  static void validationCase(SourceFile file, Node c) {
    PolicyReader.Result read = new PolicyReader().read(file, Yaml.get(c, "policy"));
    assertThat(read.issues()).as("decode issues").isEmpty();
    List<FieldError> errs = new PolicyValidator().validate(read.policy());
    @SuppressWarnings("unchecked")
    Map<String, Object> expect = (Map<String, Object>) Yaml.java(Yaml.get(c, "expect"));
    assertThat(errs.isEmpty()).as("valid; errors: %s", errs).isEqualTo(expect.get("valid"));
    if (expect.get("errors") instanceof List<?> want) {
      List<Map<String, Object>> got = new ArrayList<>();
      for (FieldError e : errs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", e.field());
        m.put("type", e.type().goName());
        got.add(m);
      }
      assertThat(got).isEqualTo(want);
      errs.forEach(e -> assertThat(e.position().known()).as("position of %s", e).isTrue());
    }
  }

  static void loaderCase(Node c) {
    @SuppressWarnings("unchecked")
    Map<String, Object> expect = (Map<String, Object>) Yaml.java(Yaml.get(c, "expect"));
    String doc = (String) Yaml.java(Yaml.get(c, "document"));
    PolicyLoader.Verdict v = new PolicyLoader().load(new SourceFile("policy.yaml", doc));
    List<String> errors = v.errors().stream().map(Issue::message).toList();
    assertThat(v.accepted()).as("accepted; errors: %s", errors).isEqualTo(expect.get("ok"));
    if (expect.get("errorContains") instanceof String s) {
      assertThat(errors).anySatisfy(m -> assertThat(m).contains(s));
    }
    if (expect.get("ruleCount") instanceof String n) {
      assertThat(v.policy().rules()).hasSize(Integer.parseInt(n));
    }
    if (expect.containsKey("warning")) {
      assertThat(v.issues()).anySatisfy(i -> assertThat(i.isError()).isFalse());
    }
    if (expect.get("rules") instanceof List<?> want) {
      assertThat(v.policy().rules().stream().map(UpstreamCasesTest::asMap).toList())
          .isEqualTo(want);
    }
  }

  static Map<String, Object> asMap(PolicyRule r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("level", r.level());
    putList(m, "users", r.users());
    putList(m, "userGroups", r.userGroups());
    putList(m, "verbs", r.verbs());
    if (!r.resources().isEmpty()) {
      List<Object> grs = new ArrayList<>();
      for (GroupResources gr : r.resources()) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("group", gr.group());
        putList(g, "resources", gr.resources());
        putList(g, "resourceNames", gr.resourceNames());
        grs.add(g);
      }
      m.put("resources", grs);
    }
    putList(m, "namespaces", r.namespaces());
    putList(m, "nonResourceURLs", r.nonResourceURLs());
    putList(m, "omitStages", r.omitStages());
    if (r.omitManagedFields() != null) {
      m.put("omitManagedFields", r.omitManagedFields());
    }
    return m;
  }

  private static void putList(Map<String, Object> m, String key, List<String> l) {
    if (!l.isEmpty()) {
      m.put(key, l);
    }
  }

  static RequestAttributes attributes(Node n) {
    @SuppressWarnings("unchecked")
    Map<String, Object> r = (Map<String, Object>) Yaml.java(n);
    @SuppressWarnings("unchecked")
    List<String> groups = (List<String>) r.get("groups");
    return new RequestAttributes((String) r.get("user"), groups, (String) r.get("verb"),
        Boolean.TRUE.equals(r.get("resourceRequest")), (String) r.get("namespace"),
        (String) r.get("apiGroup"), (String) r.get("apiVersion"), (String) r.get("resource"),
        (String) r.get("subresource"), (String) r.get("name"), (String) r.get("path"));
  }

  static Set<Stage> stages(Object list) {
    Set<Stage> s = EnumSet.noneOf(Stage.class);
    if (list instanceof List<?> l) {
      l.forEach(x -> s.add(Stage.parse((String) x).orElseThrow()));
    }
    return s;
  }

  static final Map<String, String> EXPECTED_FAILURES = loadExpectedFailures();

  private static Map<String, String> loadExpectedFailures() {
    Map<String, String> m = new HashMap<>();
    try (InputStream in = UpstreamCasesTest.class.getResourceAsStream(
        "/auditpolicy/expected-failures.txt")) {
      if (in == null) {
        return m;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        int sep = t.indexOf(": ", t.indexOf(':') + 1);
        if (sep < 0) {
          throw new IllegalStateException("expected-failures.txt: no reason on line: " + line);
        }
        m.put(t.substring(0, sep), t.substring(sep + 2));
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return m;
  }
}
