package dev.peregrine.lang;

import dev.peregrine.lang.Operand.Field;
import dev.peregrine.lang.Operand.FieldValue;
import dev.peregrine.lang.Operand.ListValue;
import dev.peregrine.lang.Operand.Transformer;
import dev.peregrine.lang.Operand.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Recursive-descent parser for Falco conditions.
 *
 * <p>Grammar (EBNF; {@code blank} is space, tab, backspace, CR or LF; blanks may appear between
 * any two symbols unless a rule says the symbols touch):
 *
 * <pre>
 * condition    = or-expr ;                                      (the whole text must be used)
 * or-expr      = and-expr { "or" ( blank and-expr | "(" or-expr ")" ) } ;
 * and-expr     = not-expr { "and" ( blank not-expr | "(" or-expr ")" ) } ;
 * not-expr     = { "not" blank } ( "not(" or-expr ")" | check ) ;  (pairs of "not" cancel)
 * check        = "(" or-expr ")" | lhs predicate | identifier ;  (identifier: a macro)
 * lhs          = field | transformer ;
 * field        = field-name [ "[" ( quoted | field-arg ) "]" ] ; (no blanks inside)
 * predicate    = "exists"
 *              | num-op ( number | hex | val-or-transformer )
 *              | str-op modifier mod-list
 *              | str-op ( val-or-transformer | quoted | bare )
 *              | list-op ( list | val-or-transformer | identifier ) ;
 * num-op       = "<=" | "<" | ">=" | ">" ;
 * str-op       = "==" | "=" | "!=" | ( "contains" | "icontains" | "bcontains" | "startswith"
 *              | "bstartswith" | "endswith" | "glob" | "iglob" | "regex" ) blank ;
 * list-op      = "intersects" | "in" | "pmatch" ;
 * modifier     = "oneof" | "anyof" | "allof" ;     (only before "(" or a non-keyword identifier)
 * mod-list     = list | identifier ;
 * list         = "(" [ item { "," item } ] ")" ;   item = quoted | bare
 * val-or-transformer = "val(" field ")" | transformer ;
 * transformer  = unary-name "(" input ")"
 *              | "join(" constant "," input ")"
 *              | "getopt(" input "," constant ")"
 *              | "concat(" concat-arg { "," concat-arg } ")" ;
 * unary-name   = "tolower" | "toupper" | "b64" | "basename" | "len" ;
 * input        = transformer | field ;
 * concat-arg   = input | constant ;   constant = quoted | bare
 * </pre>
 *
 * <p>Lexical rules: a field name has at least one dot; {@code and}, {@code or} and {@code not} are
 * lower case; a transformer name touches its {@code (}. A single identifier after a list operator
 * or a modifier is a one-element list. See {@link Lexer} and {@link Escapes} for tokens.
 *
 * <p>The first error stops parsing. Recursion is limited to {@value #MAX_DEPTH} nested
 * productions (each grammar rule entered counts once, as in Falco's parser).
 */
public final class Parser {
  /** Maximum number of nested productions (Falco's rule loader uses the same limit). */
  public static final int MAX_DEPTH = 1000;

  private final Lexer lx;
  private final IntUnaryOperator posMap;
  private int depth;

  private Parser(String text, IntUnaryOperator posMap) {
    this.lx = new Lexer(text);
    this.posMap = posMap;
  }

  /** Parses a condition; positions are offsets in {@code text}. */
  public static ParseResult parse(String text) {
    return parse(text, IntUnaryOperator.identity());
  }

  /**
   * Parses a condition; every position recorded in the tree or an error is passed through {@code
   * posMap} (which maps an offset in {@code text} to the caller's coordinate space).
   */
  public static ParseResult parse(String text, IntUnaryOperator posMap) {
    if (text.isEmpty()) {
      return new ParseResult.Error("filter input string is empty", posMap.applyAsInt(0));
    }
    try {
      return new ParseResult.Ok(new Parser(text, posMap).parseCondition());
    } catch (ParseException e) {
      return new ParseResult.Error(e.getMessage(), posMap.applyAsInt(e.offset()));
    }
  }

  /** condition: an or-expr that uses the whole text. */
  private Expr parseCondition() {
    Expr e = parseOr();
    if (!lx.atEnd()) {
      String after = lx.last() == null ? "" : lx.last().text();
      throw error("unexpected token after '" + after + "', expecting 'or', 'and'");
    }
    return e;
  }

  private Expr parseOr() {
    enter();
    try {
      List<Expr> children = new ArrayList<>();
      lx.skipBlanks();
      children.add(parseAnd());
      lx.skipBlanks();
      while (lx.lexSymbol("or") != null) {
        children.add(parseKeywordOperand("or", false));
        lx.skipBlanks();
      }
      return children.size() == 1
          ? children.get(0)
          : new Expr.Or(children, children.get(0).pos());
    } finally {
      depth--;
    }
  }

  private Expr parseAnd() {
    enter();
    try {
      List<Expr> children = new ArrayList<>();
      lx.skipBlanks();
      children.add(parseNot());
      lx.skipBlanks();
      while (lx.lexSymbol("and") != null) {
        children.add(parseKeywordOperand("and", true));
        lx.skipBlanks();
      }
      return children.size() == 1
          ? children.get(0)
          : new Expr.And(children, children.get(0).pos());
    } finally {
      depth--;
    }
  }

  /**
   * The operand after {@code and}/{@code or}: blank then the next tighter expression, or a
   * parenthesised expression touching the keyword.
   */
  private Expr parseKeywordOperand(String keyword, boolean isAnd) {
    if (lx.skipBlanks()) {
      return isAnd ? parseNot() : parseAnd();
    }
    if (lx.lexSymbol("(") != null) {
      return parseParenRemainder();
    }
    throw error("expected blank or '(' after '" + keyword + "'");
  }

  /**
   * A run of {@code not} keywords cancels out in pairs, as in Falco: an odd count gives one
   * {@link Expr.Not} (at the first keyword), an even count none. This also keeps long runs from
   * building deep trees.
   */
  private Expr parseNot() {
    enter();
    try {
      lx.skipBlanks();
      int first = lx.pos();
      boolean negate = false;
      while (lx.lexNotBlank() != null) {
        negate = !negate;
      }
      Expr child;
      if (lx.lexSymbol("not(") != null) {
        negate = !negate;
        child = parseParenRemainder();
      } else {
        child = parseCheck();
      }
      return negate ? new Expr.Not(child, map(first)) : child;
    } finally {
      depth--;
    }
  }

  /** The rest of a parenthesised expression, after its {@code (}. */
  private Expr parseParenRemainder() {
    enter();
    try {
      lx.skipBlanks();
      Expr child = parseOr();
      lx.skipBlanks();
      expect(")", "expected a ')' token");
      return child;
    } finally {
      depth--;
    }
  }

  private Expr parseCheck() {
    enter();
    try {
      lx.skipBlanks();
      int start = lx.pos();
      if (lx.lexSymbol("(") != null) {
        return parseParenRemainder();
      }
      Token name = lx.lexFieldName();
      if (name != null) {
        return parsePredicate(parseFieldRemainder(name), start);
      }
      Token transformer = lx.lexTransformer();
      if (transformer != null) {
        return parsePredicate(parseTransformerRemainder(transformer), start);
      }
      if (lx.peek("val(")) {
        throw error("'val' can only be used on the right-hand side of a check");
      }
      Token id = lx.lexIdentifier();
      if (id != null) {
        return new Expr.MacroRef(id.text(), map(start));
      }
      throw error("expected a '(' token, a field check, or an identifier");
    } finally {
      depth--;
    }
  }

  /** The optional {@code [arg]} after a field name. */
  private Field parseFieldRemainder(Token name) {
    enter();
    try {
      String arg = null;
      if (lx.lexSymbol("[") != null) {
        Token t = lx.lexQuotedString();
        if (t != null) {
          arg = Escapes.unescape(t.text(), t.offset());
        } else if ((t = lx.lexFieldArg()) != null) {
          arg = t.text();
        } else {
          throw error("expected a valid field argument: a quoted string or a bare string");
        }
        expect("]", "expected a ']' token");
      }
      return new Field(name.text(), arg, map(name.offset()));
    } finally {
      depth--;
    }
  }

  private Expr parsePredicate(Operand lhs, int start) {
    enter();
    try {
      lx.skipBlanks();
      Token op = lx.lexOperator();
      if (op == null) {
        throw error("expected a valid check operator: one of " + quoteAll(Lexer.OPERATORS));
      }
      return switch (op.kind()) {
        case UNARY_OP -> new Expr.Unary(lhs, op.text(), map(start));
        case NUM_OP -> new Expr.Binary(lhs, op.text(), null, parseNumValue(), map(start));
        case LIST_OP -> new Expr.Binary(lhs, op.text(), null, parseListValue(), map(start));
        default -> parseStrPredicate(lhs, op, start);
      };
    } finally {
      depth--;
    }
  }

  /** The right-hand side of a string operator, with or without a modifier. */
  private Expr parseStrPredicate(Operand lhs, Token op, int start) {
    lx.skipBlanks();
    Token modifier = lx.lexModifier();
    if (modifier != null) {
      lx.skipBlanks();
      ListValue list = parseListLiteral();
      if (list == null) {
        list = identifierList(lx.lexIdentifier());
      }
      return new Expr.Binary(lhs, op.text(), modifier.text(), list, map(start));
    }
    return new Expr.Binary(lhs, op.text(), null, parseStrValue(), map(start));
  }

  private Operand parseNumValue() {
    enter();
    try {
      lx.skipBlanks();
      Operand rhs = tryValOrTransformer();
      if (rhs != null) {
        return rhs;
      }
      Token t = lx.lexHexNumber();
      if (t == null) {
        t = lx.lexNumber();
      }
      if (t == null) {
        throw error("expected a number value or a field with a valid transformer: "
            + quoteAll(transformerNames(true)));
      }
      return new Value(t.text(), false, map(t.offset()));
    } finally {
      depth--;
    }
  }

  private Operand parseStrValue() {
    enter();
    try {
      lx.skipBlanks();
      Operand rhs = tryValOrTransformer();
      if (rhs != null) {
        return rhs;
      }
      Value v = tryConstant();
      if (v == null) {
        throw error("expected a string value or a field with a valid transformer: "
            + quoteAll(transformerNames(true)));
      }
      return v;
    } finally {
      depth--;
    }
  }

  private Operand parseListValue() {
    enter();
    try {
      lx.skipBlanks();
      ListValue list = parseListLiteral();
      if (list != null) {
        return list;
      }
      Operand rhs = tryValOrTransformer();
      if (rhs != null) {
        return rhs;
      }
      Token id = lx.lexIdentifier();
      if (id == null) {
        throw error("expected a list, an identifier, or a field with a valid transformer: "
            + quoteAll(transformerNames(true)));
      }
      return identifierList(id);
    } finally {
      depth--;
    }
  }

  /** {@code ( item, ... )}; null (nothing consumed) when the next character is not {@code (}. */
  private ListValue parseListLiteral() {
    Token open = lx.lexSymbol("(");
    if (open == null) {
      return null;
    }
    List<Value> items = new ArrayList<>();
    lx.skipBlanks();
    Value first = tryConstant();
    if (first != null) {
      items.add(first);
      lx.skipBlanks();
      while (lx.lexSymbol(",") != null) {
        lx.skipBlanks();
        Value item = tryConstant();
        if (item == null) {
          throw error("expected a string value");
        }
        items.add(item);
        lx.skipBlanks();
      }
    }
    expect(")", "expected a ')' token");
    return new ListValue(items, map(open.offset()));
  }

  private ListValue identifierList(Token id) {
    Value item = new Value(id.text(), false, map(id.offset()));
    return new ListValue(List.of(item), map(id.offset()));
  }

  /** A quoted or bare constant at the cursor, or null when there is none. */
  private Value tryConstant() {
    Token t = lx.lexQuotedString();
    if (t != null) {
      return new Value(Escapes.unescape(t.text(), t.offset()), true, map(t.offset()));
    }
    t = lx.lexBareString();
    return t == null ? null : new Value(t.text(), false, map(t.offset()));
  }

  /** {@code val(field)} or a transformer at the cursor, or null when there is neither. */
  private Operand tryValOrTransformer() {
    enter();
    try {
      lx.skipBlanks();
      Token val = lx.lexVal();
      if (val != null) {
        lx.skipBlanks();
        Token name = lx.lexFieldName();
        if (name == null) {
          throw error("expected a field within 'val' transformer");
        }
        Field field = parseFieldRemainder(name);
        lx.skipBlanks();
        expect(")", "expected a ')' token closing the transformer");
        return new FieldValue(field, map(val.offset()));
      }
      Token t = lx.lexTransformer();
      return t == null ? null : parseTransformerRemainder(t);
    } finally {
      depth--;
    }
  }

  /** The arguments and closing paren of a transformer whose name and {@code (} were read. */
  private Transformer parseTransformerRemainder(Token name) {
    enter();
    try {
      List<Operand> args = new ArrayList<>();
      lx.skipBlanks();
      switch (name.text()) {
        case "join" -> {
          args.add(parseConstantArg());
          expectComma();
          args.add(parseTransformerInput());
        }
        case "getopt" -> {
          args.add(parseTransformerInput());
          expectComma();
          args.add(parseConstantArg());
        }
        case "concat" -> {
          args.add(parseConcatArg());
          while (lx.lexSymbol(",") != null) {
            lx.skipBlanks();
            args.add(parseConcatArg());
          }
        }
        default -> args.add(parseTransformerInput());
      }
      lx.skipBlanks();
      expect(")", "expected a ')' token closing the transformer");
      return new Transformer(name.text(), args, map(name.offset()));
    } finally {
      depth--;
    }
  }

  /** A field or a nested transformer. */
  private Operand parseTransformerInput() {
    lx.skipBlanks();
    Token t = lx.lexTransformer();
    if (t != null) {
      return parseTransformerRemainder(t);
    }
    Token name = lx.lexFieldName();
    if (name != null) {
      return parseFieldRemainder(name);
    }
    throw error("expected a field or a nested valid transformer: "
        + quoteAll(transformerNames(false)));
  }

  /** A {@code concat} argument: a field, a nested transformer or a constant. */
  private Operand parseConcatArg() {
    lx.skipBlanks();
    Operand arg = lx.peekFieldOrTransformer() ? parseTransformerInput() : tryConstant();
    if (arg == null) {
      throw error("expected a field, a nested valid transformer, or a string value");
    }
    lx.skipBlanks();
    return arg;
  }

  private Value parseConstantArg() {
    lx.skipBlanks();
    Value v = tryConstant();
    if (v == null) {
      throw error("expected a string value");
    }
    return v;
  }

  private void expectComma() {
    lx.skipBlanks();
    expect(",", "expected a ',' token");
    lx.skipBlanks();
  }

  private void expect(String symbol, String message) {
    if (lx.lexSymbol(symbol) == null) {
      throw error(message);
    }
  }

  private void enter() {
    if (++depth >= MAX_DEPTH) {
      throw error("exceeded max depth limit of " + MAX_DEPTH);
    }
  }

  private int map(int offset) {
    return posMap.applyAsInt(offset);
  }

  private ParseException error(String message) {
    return new ParseException(message, lx.pos());
  }

  private static List<String> transformerNames(boolean withVal) {
    return withVal ? Stream.concat(Stream.of("val"), Lexer.TRANSFORMERS.stream()).toList()
        : Lexer.TRANSFORMERS;
  }

  private static String quoteAll(List<String> words) {
    return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
  }
}
