package dev.peregrine.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/** The collector's records of lists, macros, rules, updates and exceptions, as read. */
final class Infos {
  private Infos() {}

  /** A list: name, raw items, item position and define/visibility order. */
  static final class ListInfo {
    String name;
    List<String> items = new ArrayList<>();
    int pos;
    int index;
    int visibility;
  }

  /** A macro: name and raw (mapped) condition text. */
  static final class MacroInfo {
    String name;
    MappedText cond;
    int pos;
    int index;
    int visibility;
  }

  /** A full rule definition. */
  static final class RuleInfo {
    String name;
    MappedText cond;
    String output;
    int outputPos;
    String desc;
    Priority priority;
    String source = "syscall";
    SortedSet<String> tags;
    List<ExceptionInfo> exceptions = new ArrayList<>();
    boolean enabled = true;
    boolean warnEvttypes = true;
    boolean skipIfUnknownFilter;
    boolean capture;
    long captureDuration;
    int pos;
    int index;
    int visibility;
  }

  /** An append or replace of some rule properties (null: not given). */
  static final class RuleUpdate {
    String name;
    int pos;
    MappedText cond;
    String output;
    int outputPos;
    String desc;
    SortedSet<String> tags;
    List<ExceptionInfo> exceptions;
    Priority priority;
    Boolean enabled;
    Boolean warnEvttypes;
    Boolean skipIfUnknownFilter;
    Boolean capture;
    Long captureDuration;

    boolean hasAnyValue() {
      return cond != null || output != null || desc != null || tags != null
          || exceptions != null || priority != null || enabled != null || warnEvttypes != null
          || skipIfUnknownFilter != null || capture != null || captureDuration != null;
    }
  }

  /**
   * One of an exception's {@code fields}, {@code comps} or {@code values} entries: a scalar (with
   * its mapped text) or a list of entries.
   */
  record Entry(boolean isList, MappedText item, List<Entry> items) {
    static Entry scalar(MappedText item) {
      return new Entry(false, item, List.of());
    }

    static Entry list(List<Entry> items) {
      return new Entry(true, MappedText.of("", 0), List.copyOf(items));
    }

    boolean valid() {
      return isList || !item.isEmpty();
    }

    String text() {
      return item.text();
    }
  }

  /** A rule exception; {@code fields}/{@code comps} are null when not given. */
  static final class ExceptionInfo {
    String name;
    Entry fields;
    Entry comps;
    List<Entry> values = new ArrayList<>();
    int pos;
  }
}
