package dev.peregrine.lang;

import static dev.peregrine.lang.Trees.and;
import static dev.peregrine.lang.Trees.bare;
import static dev.peregrine.lang.Trees.bin;
import static dev.peregrine.lang.Trees.exists;
import static dev.peregrine.lang.Trees.field;
import static dev.peregrine.lang.Trees.list;
import static dev.peregrine.lang.Trees.macro;
import static dev.peregrine.lang.Trees.not;
import static dev.peregrine.lang.Trees.ok;
import static dev.peregrine.lang.Trees.okNoPos;
import static dev.peregrine.lang.Trees.or;
import static dev.peregrine.lang.Trees.quoted;
import static dev.peregrine.lang.Trees.tr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.lang.Operand.FieldValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParserTest {

  // Operators

  @ParameterizedTest
  @ValueSource(strings = {"=", "==", "!=", "contains", "icontains", "bcontains", "startswith",
      "bstartswith", "endswith", "glob", "iglob", "regex"})
  void parse_everyStringOperator(String op) {
    assertThat(okNoPos("ka.verb " + op + " abc")).isEqualTo(bin(field("ka.verb"), op, bare("abc")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"<", "<=", ">", ">="})
  void parse_everyNumericOperator(String op) {
    assertThat(okNoPos("ka.response.code " + op + " 400"))
        .isEqualTo(bin(field("ka.response.code"), op, bare("400")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"in", "intersects", "pmatch"})
  void parse_everyListOperator(String op) {
    assertThat(okNoPos("ka.verb " + op + " (a, \"b c\")"))
        .isEqualTo(bin(field("ka.verb"), op, list(bare("a"), quoted("b c"))));
  }

  @Test
  void parse_existsIsUnary() {
    assertThat(okNoPos("ka.target.subresource exists"))
        .isEqualTo(exists(field("ka.target.subresource")));
  }

  @Test
  void parse_numbersAndHex() {
    assertThat(okNoPos("a.b > 0x1F")).isEqualTo(bin(field("a.b"), ">", bare("0x1F")));
    assertThat(okNoPos("a.b >= -1.5e+3")).isEqualTo(bin(field("a.b"), ">=", bare("-1.5e+3")));
    assertThat(okNoPos("a.b<+7")).isEqualTo(bin(field("a.b"), "<", bare("+7")));
  }

  @Test
  void parse_numericOperatorRejectsWords() {
    var e = Trees.err("ka.response.code > abc");
    assertThat(e.message()).startsWith("expected a number value or a field with a valid"
        + " transformer: 'val', 'tolower'");
    assertThat(e.pos()).isEqualTo(19);
  }

  @Test
  void parse_symbolOperatorsNeedNoBlanks() {
    assertThat(okNoPos("ka.verb=create")).isEqualTo(bin(field("ka.verb"), "=", bare("create")));
    assertThat(okNoPos("ka.verb!=\"x\"")).isEqualTo(bin(field("ka.verb"), "!=", quoted("x")));
    assertThat(okNoPos("a.b<=3")).isEqualTo(bin(field("a.b"), "<=", bare("3")));
  }

  @Test
  void parse_listOperatorMayTouchParen() {
    assertThat(okNoPos("ka.verb in(a,b)"))
        .isEqualTo(bin(field("ka.verb"), "in", list(bare("a"), bare("b"))));
    assertThat(okNoPos("ka.verb intersects(a)"))
        .isEqualTo(bin(field("ka.verb"), "intersects", list(bare("a"))));
  }

  @Test
  void parse_wordOperatorMustBeFollowedByBlank() {
    var e = Trees.err("ka.verb contains\"x\"");
    assertThat(e.message()).startsWith("expected a valid check operator: one of 'exists', '<=',");
    assertThat(e.pos()).isEqualTo(8);
  }

  @Test
  void parse_wordOperatorAcceptsAnyBlank() {
    assertThat(okNoPos("ka.verb contains\tx"))
        .isEqualTo(bin(field("ka.verb"), "contains", bare("x")));
  }

  @Test
  void parse_listOperatorNotPrefixOfLongerWord() {
    assertThat(Trees.err("ka.verb index").message()).startsWith("expected a valid check operator");
  }

  @Test
  void parse_bareFieldWithoutOperatorIsError() {
    var e = Trees.err("ka.user.name");
    assertThat(e.message()).isEqualTo("expected a valid check operator: one of 'exists', '<=',"
        + " '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains',"
        + " 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in',"
        + " 'pmatch'");
    assertThat(e.pos()).isEqualTo(12);
  }

  // Lists

  @Test
  void parse_emptyList() {
    assertThat(okNoPos("ka.verb in ()")).isEqualTo(bin(field("ka.verb"), "in", list()));
    assertThat(okNoPos("ka.verb in ( )")).isEqualTo(bin(field("ka.verb"), "in", list()));
  }

  @Test
  void parse_identifierAfterInIsOneElementList() {
    assertThat(okNoPos("ka.verb in create"))
        .isEqualTo(bin(field("ka.verb"), "in", list(bare("create"))));
  }

  @Test
  void parse_listItemsMayBeQuotedOrBareWithBlanksAround() {
    assertThat(okNoPos("ka.verb in ( a ,'b' , c.d/e )"))
        .isEqualTo(bin(field("ka.verb"), "in", list(bare("a"), quoted("b"), bare("c.d/e"))));
  }

  @Test
  void parse_listErrors() {
    assertThat(Trees.err("ka.verb in (a b)").message()).isEqualTo("expected a ')' token");
    assertThat(Trees.err("ka.verb in (a,)").message()).isEqualTo("expected a string value");
    assertThat(Trees.err("ka.verb in (a").pos()).isEqualTo(13);
    assertThat(Trees.err("ka.verb in \"a\"").message())
        .startsWith("expected a list, an identifier, or a field with a valid transformer: 'val'");
  }

  // Modifiers

  @ParameterizedTest
  @ValueSource(strings = {"oneof", "anyof", "allof"})
  void parse_modifierBeforeListMakesListValue(String mod) {
    assertThat(okNoPos("ka.uri startswith " + mod + " (/api, /apis)"))
        .isEqualTo(bin(field("ka.uri"), "startswith", mod, list(bare("/api"), bare("/apis"))));
  }

  @Test
  void parse_modifierTouchingParenOrBeforeIdentifier() {
    assertThat(okNoPos("ka.verb=anyof(a,b)"))
        .isEqualTo(bin(field("ka.verb"), "=", "anyof", list(bare("a"), bare("b"))));
    assertThat(okNoPos("ka.verb != allof verbs"))
        .isEqualTo(bin(field("ka.verb"), "!=", "allof", list(bare("verbs"))));
  }

  @Test
  void parse_modifierWordAsPlainValue() {
    assertThat(okNoPos("ka.verb = anyof")).isEqualTo(bin(field("ka.verb"), "=", bare("anyof")));
    assertThat(okNoPos("ka.verb = oneof and ka.uri = x"))
        .isEqualTo(and(bin(field("ka.verb"), "=", bare("oneof")),
            bin(field("ka.uri"), "=", bare("x"))));
    assertThat(okNoPos("ka.verb = allof or not x"))
        .isEqualTo(or(bin(field("ka.verb"), "=", bare("allof")), not(macro("x"))));
    assertThat(okNoPos("ka.verb = anyofx")).isEqualTo(bin(field("ka.verb"), "=", bare("anyofx")));
    assertThat(okNoPos("(ka.verb = oneof)")).isEqualTo(bin(field("ka.verb"), "=", bare("oneof")));
  }

  @Test
  void parse_modifierOnlyAfterStringOperators() {
    assertThat(okNoPos("ka.verb in anyof"))
        .isEqualTo(bin(field("ka.verb"), "in", list(bare("anyof"))));
  }

  // Precedence and structure

  @Test
  void parse_andBindsTighterThanOr() {
    assertThat(okNoPos("a or b and c")).isEqualTo(or(macro("a"), and(macro("b"), macro("c"))));
    assertThat(okNoPos("a and b or c")).isEqualTo(or(and(macro("a"), macro("b")), macro("c")));
  }

  @Test
  void parse_notBindsTighterThanAnd() {
    assertThat(okNoPos("not a.b = x and c.d = y"))
        .isEqualTo(and(not(bin(field("a.b"), "=", bare("x"))), bin(field("c.d"), "=", bare("y"))));
  }

  @Test
  void parse_andOrAreFlattened() {
    assertThat(okNoPos("a and b and c")).isEqualTo(and(macro("a"), macro("b"), macro("c")));
    assertThat(okNoPos("a or b or c or d"))
        .isEqualTo(or(macro("a"), macro("b"), macro("c"), macro("d")));
  }

  @Test
  void parse_parenthesesKeepGrouping() {
    assertThat(okNoPos("a and (b and c)")).isEqualTo(and(macro("a"), and(macro("b"), macro("c"))));
    assertThat(okNoPos("(a or b) and c")).isEqualTo(and(or(macro("a"), macro("b")), macro("c")));
    assertThat(okNoPos("((a))")).isEqualTo(macro("a"));
  }

  @Test
  void parse_notNotCancels() {
    assertThat(okNoPos("not not a")).isEqualTo(macro("a"));
    assertThat(okNoPos("not not(a)")).isEqualTo(macro("a"));
    assertThat(okNoPos("not not not a")).isEqualTo(not(macro("a")));
    var and = (Expr.And) ok("x and not  not not a");
    assertThat(and.children().get(1)).isEqualTo(new Expr.Not(new Expr.MacroRef("a", 19), 6));
  }

  @Test
  void parse_parenthesisedNotStaysNested() {
    assertThat(okNoPos("not (not a)")).isEqualTo(not(not(macro("a"))));
  }

  @Test
  void parse_notTouchingParen() {
    assertThat(okNoPos("not(a or b)")).isEqualTo(not(or(macro("a"), macro("b"))));
  }

  @Test
  void parse_keywordsTouchingParen() {
    assertThat(okNoPos("a and(b)or(c)")).isEqualTo(or(and(macro("a"), macro("b")), macro("c")));
  }

  @Test
  void parse_orParenOperandEndsTheOrChain() {
    // The operand of 'or(' is just the parenthesised group, so an 'and' after it is left over.
    var e = Trees.err("a or(b) and c");
    assertThat(e.message()).isEqualTo("unexpected token after ')', expecting 'or', 'and'");
    assertThat(e.pos()).isEqualTo(8);
  }

  @Test
  void parse_keywordsAreLowerCaseOnly() {
    var e = Trees.err("a AND b");
    assertThat(e.message()).isEqualTo("unexpected token after 'a', expecting 'or', 'and'");
    assertThat(e.pos()).isEqualTo(2);
    assertThat(okNoPos("NOT")).isEqualTo(macro("NOT"));
  }

  @Test
  void parse_keywordNeedsBlankOrParen() {
    var e = Trees.err("a andb");
    assertThat(e.message()).isEqualTo("expected blank or '(' after 'and'");
    assertThat(e.pos()).isEqualTo(5);
    assertThat(Trees.err("a or\"b\"").message()).isEqualTo("expected blank or '(' after 'or'");
  }

  @Test
  void parse_notWithoutBlankIsPartOfAName() {
    assertThat(okNoPos("notice")).isEqualTo(macro("notice"));
    assertThat(okNoPos("nota.b exists")).isEqualTo(exists(field("nota.b")));
  }

  @Test
  void parse_whitespaceVariants() {
    Expr expected = and(bin(field("ka.verb"), "=", bare("create")), macro("m"));
    assertThat(okNoPos("ka.verb=create and m")).isEqualTo(expected);
    assertThat(okNoPos("  ka.verb =\tcreate\n and\r\nm  ")).isEqualTo(expected);
    assertThat(okNoPos("(ka.verb=create)and(m)")).isEqualTo(expected);
  }

  // Fields and macros

  @Test
  void parse_dotlessIdentifierIsMacro() {
    assertThat(okNoPos("kevt")).isEqualTo(macro("kevt"));
    assertThat(okNoPos("k8s_audit_2")).isEqualTo(macro("k8s_audit_2"));
  }

  @Test
  void parse_fieldSegmentsMayContainDigitsAndUnderscores() {
    assertThat(okNoPos("ka.req.pod.containers.image exists"))
        .isEqualTo(exists(field("ka.req.pod.containers.image")));
    assertThat(okNoPos("a_1.b2_c exists")).isEqualTo(exists(field("a_1.b2_c")));
  }

  @Test
  void parse_fieldArgBareAndQuoted() {
    assertThat(okNoPos("ka.uri.param[command] = x"))
        .isEqualTo(bin(field("ka.uri.param", "command"), "=", bare("x")));
    assertThat(okNoPos("jevt.value[/annotations/authorization.k8s.io~1decision] = allow"))
        .isEqualTo(bin(field("jevt.value", "/annotations/authorization.k8s.io~1decision"), "=",
            bare("allow")));
    assertThat(okNoPos("ka.req.pod.volumes.hostpath[\"a b\\tc\"] exists"))
        .isEqualTo(exists(field("ka.req.pod.volumes.hostpath", "a b\tc")));
    assertThat(okNoPos("a.b['x]'] exists")).isEqualTo(exists(field("a.b", "x]")));
  }

  @Test
  void parse_fieldArgErrors() {
    var e = Trees.err("a.b[] exists");
    assertThat(e.message())
        .isEqualTo("expected a valid field argument: a quoted string or a bare string");
    assertThat(e.pos()).isEqualTo(4);
    e = Trees.err("a.b[x y] exists");
    assertThat(e.message()).isEqualTo("expected a ']' token");
    assertThat(e.pos()).isEqualTo(5);
  }

  @Test
  void parse_fieldArgMustTouchName() {
    assertThat(Trees.err("a.b [x] exists").message()).startsWith("expected a valid check operator");
  }

  // Values

  @Test
  void parse_bareValuesKeepPunctuation() {
    assertThat(okNoPos("ka.user.name=system:anonymous"))
        .isEqualTo(bin(field("ka.user.name"), "=", bare("system:anonymous")));
    String odd = "/a:b.c-d*e<f>g!h[i]j@k%l";
    assertThat(okNoPos("ka.uri = " + odd)).isEqualTo(bin(field("ka.uri"), "=", bare(odd)));
  }

  @Test
  void parse_bareValueStopsAtSeparators() {
    assertThat(okNoPos("(ka.uri=a)")).isEqualTo(bin(field("ka.uri"), "=", bare("a")));
    assertThat(okNoPos("ka.uri in (a,b)"))
        .isEqualTo(bin(field("ka.uri"), "in", list(bare("a"), bare("b"))));
    assertThat(Trees.err("ka.uri = a=b").message())
        .isEqualTo("unexpected token after 'a', expecting 'or', 'and'");
  }

  @Test
  void parse_rhsLookingLikeFieldIsLiteral() {
    assertThat(okNoPos("ka.user.name = ka.target.name"))
        .isEqualTo(bin(field("ka.user.name"), "=", bare("ka.target.name")));
  }

  @Test
  void parse_quotedValues() {
    assertThat(okNoPos("ka.uri = \"a b\"")).isEqualTo(bin(field("ka.uri"), "=", quoted("a b")));
    assertThat(okNoPos("ka.uri = 'it\\'s'")).isEqualTo(bin(field("ka.uri"), "=", quoted("it's")));
    assertThat(okNoPos("ka.uri = \"\"")).isEqualTo(bin(field("ka.uri"), "=", quoted("")));
    assertThat(okNoPos("ka.uri = 'a \"b\" (c), d=e'"))
        .isEqualTo(bin(field("ka.uri"), "=", quoted("a \"b\" (c), d=e")));
  }

  // Transformers and val()

  @Test
  void parse_transformerOnLeft() {
    assertThat(okNoPos("tolower(ka.verb) = get"))
        .isEqualTo(bin(tr("tolower", field("ka.verb")), "=", bare("get")));
    assertThat(okNoPos("len(ka.user.groups) > 2"))
        .isEqualTo(bin(tr("len", field("ka.user.groups")), ">", bare("2")));
  }

  @Test
  void parse_nestedTransformers() {
    assertThat(okNoPos("toupper( basename(b64(jevt.value[/x])) ) exists"))
        .isEqualTo(exists(tr("toupper", tr("basename", tr("b64", field("jevt.value", "/x"))))));
  }

  @Test
  void parse_transformerOnRight() {
    assertThat(okNoPos("ka.verb = tolower(ka.uri)"))
        .isEqualTo(bin(field("ka.verb"), "=", tr("tolower", field("ka.uri"))));
    assertThat(okNoPos("a.b > len(c.d)"))
        .isEqualTo(bin(field("a.b"), ">", tr("len", field("c.d"))));
    assertThat(okNoPos("a.b in toupper(c.d)"))
        .isEqualTo(bin(field("a.b"), "in", tr("toupper", field("c.d"))));
  }

  @Test
  void parse_multiValueTransformers() {
    assertThat(okNoPos("join(\",\", ka.user.groups) contains admin"))
        .isEqualTo(bin(tr("join", quoted(","), field("ka.user.groups")), "contains",
            bare("admin")));
    assertThat(okNoPos("concat(a.b, \"/\", tolower(c.d)) = x"))
        .isEqualTo(bin(tr("concat", field("a.b"), quoted("/"), tr("tolower", field("c.d"))), "=",
            bare("x")));
    assertThat(okNoPos("getopt(a.b, xy:) exists"))
        .isEqualTo(exists(tr("getopt", field("a.b"), bare("xy:"))));
  }

  @Test
  void parse_valOnRight() {
    assertThat(okNoPos("ka.user.name = val(ka.target.name)"))
        .isEqualTo(bin(field("ka.user.name"), "=",
            new FieldValue(field("ka.target.name"), 0)));
    assertThat(okNoPos("a.b in val( c.d[x] )"))
        .isEqualTo(bin(field("a.b"), "in", new FieldValue(field("c.d", "x"), 0)));
  }

  @Test
  void parse_transformerErrors() {
    var e = Trees.err("tolower(foo) = x");
    assertThat(e.message()).isEqualTo("expected a field or a nested valid transformer: 'tolower',"
        + " 'toupper', 'b64', 'basename', 'len', 'join', 'concat', 'getopt'");
    assertThat(e.pos()).isEqualTo(8);
    assertThat(Trees.err("tolower(a.b = x").message())
        .isEqualTo("expected a ')' token closing the transformer");
    assertThat(Trees.err("a.b = val(x)").message())
        .isEqualTo("expected a field within 'val' transformer");
    assertThat(Trees.err("join(a.b) = x").message()).isEqualTo("expected a ',' token");
    var v = Trees.err("val(a.b) = x");
    assertThat(v.message()).isEqualTo("'val' can only be used on the right-hand side of a check");
    assertThat(v.pos()).isZero();
  }

  @Test
  void parse_transformerNameWithoutParenIsPlain() {
    assertThat(okNoPos("a.b = tolower")).isEqualTo(bin(field("a.b"), "=", bare("tolower")));
    assertThat(okNoPos("len")).isEqualTo(macro("len"));
  }

  // Errors

  @Test
  void parse_emptyInput() {
    var e = Trees.err("");
    assertThat(e.message()).isEqualTo("filter input string is empty");
    assertThat(e.pos()).isZero();
  }

  @Test
  void parse_blankInput() {
    var e = Trees.err("   ");
    assertThat(e.message()).isEqualTo("expected a '(' token, a field check, or an identifier");
    assertThat(e.pos()).isEqualTo(3);
  }

  @Test
  void parse_trailingGarbage() {
    var e = Trees.err("ka.verb = create extra");
    assertThat(e.message()).isEqualTo("unexpected token after 'create', expecting 'or', 'and'");
    assertThat(e.pos()).isEqualTo(17);
    assertThat(Trees.err("a.b = \"x\" y").message())
        .isEqualTo("unexpected token after '\"x\"', expecting 'or', 'and'");
  }

  @Test
  void parse_unbalancedParens() {
    var e = Trees.err("(a and b");
    assertThat(e.message()).isEqualTo("expected a ')' token");
    assertThat(e.pos()).isEqualTo(8);
    assertThat(Trees.err("a)").message())
        .isEqualTo("unexpected token after 'a', expecting 'or', 'and'");
  }

  @Test
  void parse_missingOperand() {
    var e = Trees.err("a and ");
    assertThat(e.message()).isEqualTo("expected a '(' token, a field check, or an identifier");
    assertThat(e.pos()).isEqualTo(6);
  }

  @Test
  void parse_missingValue() {
    var e = Trees.err("ka.verb = ");
    assertThat(e.message())
        .startsWith("expected a string value or a field with a valid transformer");
    assertThat(e.pos()).isEqualTo(10);
  }

  @Test
  void parse_depthLimit() {
    String deep = "(".repeat(300) + "a" + ")".repeat(300);
    var e = Trees.err(deep);
    assertThat(e.message()).isEqualTo("exceeded max depth limit of 1000");
    String shallow = "(".repeat(150) + "a" + ")".repeat(150);
    assertThat(okNoPos(shallow)).isEqualTo(macro("a"));
    assertThat(okNoPos("not ".repeat(2001) + "a")).isEqualTo(not(macro("a")));
  }

  @Test
  void parse_longConstantIsNotAParseError() {
    String big = "x".repeat(1000);
    assertThat(okNoPos("a.b = " + big)).isEqualTo(bin(field("a.b"), "=", bare(big)));
  }

  // Positions

  @Test
  void parse_recordsPositions() {
    Expr e = ok("  a.b = x and not c.d[k] in (p, 'q')");
    var and = (Expr.And) e;
    assertThat(and.pos()).isEqualTo(2);
    var first = (Expr.Binary) and.children().get(0);
    assertThat(first.pos()).isEqualTo(2);
    assertThat(first.lhs().pos()).isEqualTo(2);
    assertThat(first.rhs().pos()).isEqualTo(8);
    var second = (Expr.Not) and.children().get(1);
    assertThat(second.pos()).isEqualTo(14);
    var in = (Expr.Binary) second.child();
    assertThat(in.pos()).isEqualTo(18);
    var items = (Operand.ListValue) in.rhs();
    assertThat(items.pos()).isEqualTo(28);
    assertThat(items.items().get(0).pos()).isEqualTo(29);
    assertThat(items.items().get(1).pos()).isEqualTo(32);
  }

  @Test
  void parse_posMapAppliedToTreeAndErrors() {
    var r = (ParseResult.Ok) Parser.parse("a.b = x", p -> p + 100);
    var b = (Expr.Binary) r.expr();
    assertThat(b.pos()).isEqualTo(100);
    assertThat(b.rhs().pos()).isEqualTo(106);
    var err = (ParseResult.Error) Parser.parse("a.b = x y", p -> p * 10);
    assertThat(err.pos()).isEqualTo(80);
    var empty = (ParseResult.Error) Parser.parse("", p -> p + 5);
    assertThat(empty.pos()).isEqualTo(5);
    var esc = (ParseResult.Error) Parser.parse("a.b = \"\\d\"", p -> p + 1000);
    assertThat(esc.pos()).isEqualTo(1007);
  }
}
