package dev.peregrine.rules;

import static dev.peregrine.rules.Loads.errors;
import static dev.peregrine.rules.Loads.load;
import static dev.peregrine.rules.Loads.rule;
import static dev.peregrine.rules.Loads.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.ParseResult;
import dev.peregrine.lang.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exceptions: forms, generated condition text, validation and append. */
class ExceptionsTest {
  private static final String HEAD = "- rule: r\n  condition: ka.verb=get\n  desc: d\n"
      + "  output: o\n  priority: INFO\n  source: k8s_audit\n";

  private static String text(String exceptionsYaml) {
    LoadResult r = load(HEAD + "  exceptions:\n" + exceptionsYaml);
    assertThat(errors(r)).isEmpty();
    return rule(r, "r").conditionText();
  }

  @Test
  void falcoExampleCondition() {
    LoadResult r = load("- macro: a\n  condition: ka.verb=a\n- macro: b\n  condition: ka.verb=b\n"
        + "- rule: r\n  condition: a or b\n  desc: d\n  output: o\n  priority: INFO\n"
        + "  exceptions:\n  - name: e\n    fields: [proc.cmdline]\n    comps: [contains]\n"
        + "    values: [[curl 127.0.0.1]]\n");
    assertThat(errors(r)).isEmpty();
    String cond = rule(r, "r").conditionText();
    ParseResult p = Parser.parse(cond);
    assertThat(FalcoAstText.print(((ParseResult.Ok) p).expr()))
        .isEqualTo("((a or b) and not proc.cmdline contains \"curl 127.0.0.1\")");
    assertThat(cond).isEqualTo("(a or b) and not ((proc.cmdline contains \"curl 127.0.0.1\"))");
  }

  @Test
  void singleFieldDefaultsToIn() {
    assertThat(text("  - name: e\n    fields: ka.user.name\n    values: [alice, bob smith]\n"))
        .isEqualTo("(ka.verb=get) and not (ka.user.name in (alice, \"bob smith\"))");
  }

  @Test
  void singleFieldModifierOperator() {
    assertThat(text("  - name: e\n    fields: ka.uri\n    comps: startswith oneof\n"
        + "    values: [/a, /b]\n"))
        .isEqualTo("(ka.verb=get) and not (ka.uri startswith oneof (/a, /b))");
  }

  @Test
  void tupleFormDefaultsToEquals() {
    assertThat(text("  - name: e\n    fields: [ka.user.name, ka.target.namespace]\n"
        + "    values: [[alice, default], [bob, kube-system]]\n"))
        .isEqualTo("(ka.verb=get) and not ((ka.user.name = alice and ka.target.namespace ="
            + " default) or (ka.user.name = bob and ka.target.namespace = kube-system))");
  }

  @Test
  void tupleListValuesAndListOperators() {
    assertThat(text("  - name: e\n    fields: [ka.user.name, ka.target.resource]\n"
        + "    comps: [in, in]\n    values: [[[alice, bob b], pods], [carol, '(a, b)']]\n"))
        .isEqualTo("(ka.verb=get) and not ((ka.user.name in (alice, \"bob b\") and"
            + " ka.target.resource in (pods)) or (ka.user.name in (carol) and"
            + " ka.target.resource in (a, b)))");
  }

  @Test
  void noValuesMeansNoClause() {
    assertThat(text("  - name: e\n    fields: [ka.user.name]\n"))
        .isEqualTo("(ka.verb=get)");
  }

  @Test
  void valueListNameIsSubstitutedLater() {
    LoadResult r = load("- list: users\n  items: [alice, bob]\n" + HEAD
        + "  exceptions:\n  - name: e\n    fields: ka.user.name\n    values: [users]\n");
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").conditionText())
        .isEqualTo("(ka.verb=get) and not (ka.user.name in ( alice, bob ))");
  }

  @Test
  void generatedNodesPointAtTheExceptionValues() {
    String yaml = HEAD + "  exceptions:\n  - name: e\n    fields: ka.user.name\n"
        + "    values: [alice]\n";
    RuleDef r = rule(load(yaml), "r");
    var and = (dev.peregrine.lang.Expr.And) r.condition();
    var not = (dev.peregrine.lang.Expr.Not) and.children().get(1);
    var bin = (dev.peregrine.lang.Expr.Binary) not.child();
    assertThat(yaml.substring(bin.lhs().pos())).startsWith("ka.user.name\n");
    var list = (dev.peregrine.lang.Operand.ListValue) bin.rhs();
    assertThat(yaml.substring(list.items().get(0).pos())).startsWith("alice]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', ignoreLeadingAndTrailingWhitespace = false,
      value = {
    "  - name: e\\n    values: [[a]]\\n"
        + "| Rule exception item must have fields property with a list of fields",
    "  - name: e\\n    fields: [a.b, c.d]\\n    comps: [=]\\n"
        + "| Fields and comps lists must have equal length",
    "  - name: e\\n    fields: [a.b]\\n    comps: [like]\\n"
        + "| 'like' is not a supported comparison operator",
    "  - name: e\\n    fields: a.b\\n    comps: [in]\\n| Fields and comps must both be strings",
    "  - name: e\\n    fields: a.b\\n    comps: '='\\n| When fields is a single value, comps must"
        + " be one of (in, pmatch, intersects) or a modifier operator (e.g. 'startswith oneof')",
    "  - name: e\\n    fields: a.b\\n    values: [[x]]\\n"
        + "| Expected values array to contain a list of strings",
    "  - name: e\\n    fields: [a.b, c.d]\\n    values: [[x]]\\n"
        + "| Fields and values lists must have equal length",
  })
  void validation(String exceptions, String message) {
    LoadResult r = load(HEAD + "  exceptions:\n" + exceptions.replace("\\n", "\n"));
    assertThat(errors(r)).containsExactly("LOAD_ERR_VALIDATE: " + message.strip());
  }

  @Test
  void duplicateNamesWarn() {
    LoadResult r = load(HEAD + "  exceptions:\n  - name: e\n    fields: a.b\n"
        + "  - name: e\n    fields: a.b\n");
    assertThat(warnings(r)).containsExactly("LOAD_EXCEPTION_NAME_NOT_UNIQUE: "
        + "Multiple definitions of exception 'e' in the same object");
  }

  @Test
  void appendAddsValuesOrNewExceptions() {
    LoadResult r = load(HEAD + "  exceptions:\n  - name: e\n    fields: ka.user.name\n"
        + "    values: [a]\n- rule: r\n  exceptions:\n  - name: e\n    values: [b]\n"
        + "  - name: f\n    fields: [ka.verb]\n    values: [[list]]\n"
        + "  override:\n    exceptions: append\n");
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").conditionText()).isEqualTo("(ka.verb=get) and not (ka.user.name"
        + " in (a, b)) and not ((ka.verb = list))");
  }

  @Test
  void appendErrors() {
    String base = HEAD + "  exceptions:\n  - name: e\n    fields: ka.user.name\n"
        + "    values: [a]\n- rule: r\n  append: true\n  exceptions:\n";
    assertThat(errors(load(base + "  - name: e\n    fields: ka.verb\n    values: [b]\n")))
        .containsExactly("LOAD_ERR_VALIDATE: Can not append exception fields to existing"
            + " exception, only values");
    assertThat(errors(load(base + "  - name: e\n    comps: in\n    values: [b]\n")))
        .containsExactly("LOAD_ERR_VALIDATE: Can not append exception comps to existing"
            + " exception, only values");
    assertThat(errors(load(base + "  - name: g\n    values: [b]\n")))
        .containsExactly("LOAD_ERR_VALIDATE: Rule exception must have fields property with a"
            + " list of fields");
    assertThat(errors(load(base + "  - name: g\n    fields: ka.verb\n")))
        .containsExactly("LOAD_ERR_VALIDATE: Rule exception must have values property with a"
            + " list of values");
    assertThat(warnings(load(base + "  - name: e\n")))
        .contains("LOAD_APPEND_NO_VALUES: Overriding/appending exception with no values");
  }

  @Test
  void replaceSwapsTheWholeList() {
    LoadResult r = load(HEAD + "  exceptions:\n  - name: e\n    fields: ka.user.name\n"
        + "    values: [a]\n- rule: r\n  exceptions:\n  - name: z\n    fields: ka.verb\n"
        + "    values: [x]\n  override:\n    exceptions: replace\n");
    assertThat(errors(r)).isEmpty();
    assertThat(rule(r, "r").conditionText())
        .isEqualTo("(ka.verb=get) and not (ka.verb in (x))");
  }
}
