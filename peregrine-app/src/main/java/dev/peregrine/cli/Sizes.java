package dev.peregrine.cli;

import java.util.Locale;

/** Byte counts for people: decimal units (kB = 1000 bytes), one decimal. */
final class Sizes {
  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  static String percent(double p) {
    return String.format(Locale.ROOT, "%.1f%%", p);
  }
}
