package dev.peregrine.lang;

import java.util.List;

/** Either side of a check: a field, a transformer, a constant, a list or {@code val(field)}. */
public sealed interface Operand {
  int pos();

  /**
   * A field reference such as {@code ka.uri.param[command]}; {@code arg} is the bracket content
   * with quotes removed, or null when there was none.
   */
  record Field(String name, String arg, int pos) implements Operand {
    /** The name as written in outputs and {@code output_fields}: {@code name[arg]}. */
    public String display() {
      return arg == null ? name : name + "[" + arg + "]";
    }
  }

  /** {@code tolower(x)}, {@code len(x)}, {@code join(sep, x)} ...; {@code args} as written. */
  record Transformer(String name, List<Operand> args, int pos) implements Operand {
    public Transformer {
      args = List.copyOf(args);
    }
  }

  /** {@code val(field)} on the right-hand side: compare with another field's value. */
  record FieldValue(Field field, int pos) implements Operand {}

  /** A constant: the unescaped text, and whether it was quoted. */
  record Value(String text, boolean quoted, int pos) implements Operand {}

  /** {@code (a, b, c)}: a list of constants ({@code ()} is empty). */
  record ListValue(List<Value> items, int pos) implements Operand {
    public ListValue {
      items = List.copyOf(items);
    }
  }
}
