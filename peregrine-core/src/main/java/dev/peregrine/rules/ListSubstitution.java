package dev.peregrine.rules;

import java.util.List;

/**
 * Textual list substitution into a condition, before parsing (Falco's {@code resolve_list}). The
 * inserted items map back to the place of the list name in the original text.
 */
final class ListSubstitution {
  private static final String BLANKS = " \t\n\r";
  private static final String DELIMS = BLANKS + "(),=";

  private ListSubstitution() {}

  /** Wraps an item holding a space in double quotes unless it starts with a quote. */
  static String quoteItem(String e) {
    if (e.contains(" ") && !e.startsWith("\"") && !e.startsWith("'")) {
      return "\"" + e + "\"";
    }
    return e;
  }

  /**
   * Replaces each delimited occurrence of {@code name} by its (already quoted) items joined with
   * {@code ", "}, absorbing surrounding blanks; an empty list also takes one adjacent comma.
   * Returns null when the name does not occur.
   */
  static MappedText substitute(MappedText cond, String name, List<String> items) {
    String sub = String.join(", ", items);
    MappedText cnd = cond;
    boolean used = false;
    int start = cnd.text().indexOf(name);
    while (start >= 0) {
      String t = cnd.text();
      int end = start + name.length();
      if ((start == 0 || DELIMS.indexOf(t.charAt(start - 1)) >= 0)
          && (end >= t.length() || DELIMS.indexOf(t.charAt(end)) >= 0)) {
        int at = cnd.at(start);
        while (start > 0 && BLANKS.indexOf(t.charAt(start - 1)) >= 0) {
          start--;
        }
        while (end < t.length() && BLANKS.indexOf(t.charAt(end)) >= 0) {
          end++;
        }
        if (sub.isEmpty()) {
          if (start > 0 && t.charAt(start - 1) == ',') {
            start--;
          } else if (end < t.length() && t.charAt(end) == ',') {
            end++;
          }
        }
        MappedText.Builder b = new MappedText.Builder();
        if (start > 0) {
          b.add(cnd, 0, start).add(" ", at);
        }
        b.add(sub + " ", at).add(cnd, end, t.length());
        cnd = b.build();
        start += sub.length() + 1;
        used = true;
      }
      start = cnd.text().indexOf(name, start + 1);
    }
    return used ? cnd : null;
  }
}
