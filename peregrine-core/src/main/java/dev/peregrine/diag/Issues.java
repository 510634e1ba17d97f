package dev.peregrine.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** An append-only collector of {@link Issue}s, kept in the order they were found. */
public final class Issues {
  private final List<Issue> list = new ArrayList<>();

  public void add(Issue issue) {
    list.add(issue);
  }

  public void addAll(Iterable<Issue> issues) {
    for (Issue i : issues) {
      list.add(i);
    }
  }

  public boolean hasErrors() {
    for (Issue i : list) {
      if (i.isError()) {
        return true;
      }
    }
    return false;
  }

  public List<Issue> errors() {
    return list.stream().filter(Issue::isError).toList();
  }

  public List<Issue> warnings() {
    return list.stream().filter(i -> !i.isError()).toList();
  }

  public List<Issue> all() {
    return Collections.unmodifiableList(list);
  }

  public boolean isEmpty() {
    return list.isEmpty();
  }
}
