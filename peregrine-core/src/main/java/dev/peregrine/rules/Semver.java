package dev.peregrine.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code x.y.z} version as Falco compares them (same major and at least as recent). */
record Semver(long major, long minor, long patch) implements Comparable<Semver> {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d{1,9})\\.(\\d{1,9})\\.(\\d{1,9})(?:[-+][0-9A-Za-z.+-]*)?");

  /** Parses {@code x.y.z} (an optional pre-release/build suffix is ignored); null if invalid. */
  static Semver parse(String s) {
    Matcher m = FORMAT.matcher(s.trim());
    if (!m.matches()) {
      return null;
    }
    return new Semver(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
        Long.parseLong(m.group(3)));
  }

  /** True when something built for {@code required} works with this version. */
  boolean compatibleWith(Semver required) {
    return major == required.major && compareTo(required) >= 0;
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    return c != 0 ? c : Long.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
