package dev.peregrine.engine;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;

/**
 * A regular expression for the {@code regex} operator: RE2 with POSIX syntax, matched against
 * the whole value.
 *
 * <p>libsinsp builds the expression with RE2's {@code RE2::POSIX} options: {@code posix_syntax}
 * and {@code longest_match} on; {@code perl_classes}, {@code word_boundary} and {@code one_line}
 * off. So, compared with the usual Perl-like RE2 syntax:
 *
 * <ul>
 *   <li>{@code \d \D \s \S \w \W}, {@code \b \B}, {@code \A \z \C \Q..\E}, {@code \pN \p{..}} and
 *       any {@code (?...)} group (flags, non-capturing, named) are syntax errors;
 *   <li>repetition operators may be stacked: {@code a**} is legal, and {@code a*?} means
 *       {@code (a*)?}, not a lazy star;
 *   <li>{@code ^} and {@code $} also match next to a newline inside the value;
 *   <li>POSIX classes such as {@code [[:digit:]]}, {@code \x41} and octal {@code \0} work.
 * </ul>
 *
 * <p>re2j has the same parser switches as RE2 but only exposes the Perl-like mode publicly. This
 * class reaches the package-private {@code RE2.compileImpl} with the flag set libsinsp uses
 * ({@code CLASS_NL} only) and wraps the result in a {@link Pattern}, so parsing and matching are
 * re2j's own. That internal entry point exists in re2j 1.8, the version this module pins; the
 * test suite fails loudly if an upgrade removes it.
 */
final class PosixRegex {

  /** re2j's {@code RE2.CLASS_NL}: negated classes and {@code [[:space:]]} may match newline. */
  private static final int CLASS_NL = 4;

  private static final MethodHandle COMPILE_IMPL;
  private static final MethodHandle NEW_PATTERN;

  static {
    try {
      Class<?> re2 = Class.forName("com.google.re2j.RE2");
      Method compile = re2.getDeclaredMethod(
          "compileImpl", String.class, int.class, boolean.class);
      compile.setAccessible(true);
      Constructor<Pattern> ctor = Pattern.class.getDeclaredConstructor(
          String.class, int.class, re2);
      ctor.setAccessible(true);
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      COMPILE_IMPL = lookup.unreflect(compile)
          .asType(MethodType.methodType(Object.class, String.class, int.class, boolean.class));
      NEW_PATTERN = lookup.unreflectConstructor(ctor)
          .asType(MethodType.methodType(Pattern.class, String.class, int.class, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(
          "re2j POSIX mode unavailable (re2j 1.8 expected): " + e);
    }
  }

  private final String source;
  private final Pattern pattern;

  private PosixRegex(String source, Pattern pattern) {
    this.source = source;
    this.pattern = pattern;
  }

  /**
   * Compiles {@code regex}.
   *
   * @throws IllegalArgumentException {@code invalid regex pattern: <reason>: <fragment>} when
   *     RE2's POSIX syntax rejects it
   */
  static PosixRegex compile(String regex) {
    Object re2;
    try {
      re2 = (Object) COMPILE_IMPL.invokeExact(regex, CLASS_NL, true);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(message(e), e);
    } catch (Throwable e) {
      throw new IllegalStateException("re2j failed on " + regex, e);
    }
    try {
      return new PosixRegex(regex, (Pattern) NEW_PATTERN.invokeExact(regex, 0, re2));
    } catch (Throwable e) {
      throw new IllegalStateException("re2j failed on " + regex, e);
    }
  }

  /** True when the whole of {@code value} matches (RE2 {@code FullMatch}). */
  boolean matches(String value) {
    return pattern.matches(value);
  }

  String pattern() {
    return source;
  }

  @Override
  public String toString() {
    return "regex " + source;
  }

  private static String message(PatternSyntaxException e) {
    String what = e.getPattern();
    return "invalid regex pattern: " + e.getDescription()
        + (what == null || what.isEmpty() ? "" : ": " + what);
  }
}
