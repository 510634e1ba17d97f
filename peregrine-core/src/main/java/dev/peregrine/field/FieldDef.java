package dev.peregrine.field;

import java.util.List;
import java.util.function.Function;

/**
 * A field of the catalogue: name, type, list-ness, argument form and a description, plus the
 * factory that binds an argument to an {@link Extractor}.
 *
 * @param binder given the argument text (null when none), returns the extractor; it throws
 *     {@link IllegalArgumentException} with a user-facing message for a bad argument
 * @param paths given the argument text, the key paths of the event the bound extractor may read
 *     (each value at the end of a path possibly whole, every array on the way fanned out), or
 *     null when it may read anything
 */
public record FieldDef(
    String name,
    FieldType type,
    boolean list,
    ArgKind arg,
    String description,
    Function<String, Extractor> binder,
    Function<String, List<List<String>>> paths) {

  /** A field that may read anything in the event. */
  public FieldDef(String name, FieldType type, boolean list, ArgKind arg, String description,
      Function<String, Extractor> binder) {
    this(name, type, list, arg, description, binder, a -> null);
  }

  /** A field that reads nothing of the event's JSON (only its time, or constants). */
  static Function<String, List<List<String>>> readsNothing() {
    return a -> List.of();
  }

  /** This definition, reporting to {@code sink} the paths of every extractor it binds. */
  FieldDef recordingTo(FieldReads sink) {
    return new FieldDef(name, type, list, arg, description, a -> {
      Extractor x = binder.apply(a);
      sink.add(paths.apply(a));
      return x;
    }, paths);
  }

  /**
   * Binds this field to an argument, checking the argument form first.
   *
   * @param argument text between the brackets, or null when there were none
   * @throws IllegalArgumentException with Falco's message for a bad or missing argument
   */
  public Extractor bind(String argument) {
    switch (arg) {
      case NONE -> {
        if (argument != null) {
          throw new IllegalArgumentException(
              "filter '" + name + "' does not allow nor require an argument but one is provided: " + argument);
        }
      }
      case KEY -> {
        if (argument == null) {
          throw new IllegalArgumentException("filter '" + name + "' requires an argument but none provided");
        }
      }
      case INDEX -> {
        if (argument != null && !validIndex(argument)) {
          throw new IllegalArgumentException(
              "filter '" + name + "' has an invalid index argument not composed only by digits: " + argument);
        }
      }
    }
    return binder.apply(argument);
  }

  private static boolean validIndex(String s) {
    if (s.isEmpty() || s.length() > 19) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return s.equals("0") || s.charAt(0) != '0';
  }
}
