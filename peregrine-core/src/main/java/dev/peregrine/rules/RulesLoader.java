package dev.peregrine.rules;

import java.util.List;

/** Loads Falco rules files in order (implementation pending). */
public final class RulesLoader {
  /** Loads the inputs in order, as Falco does with several {@code -r} files. */
  public LoadResult load(List<RulesInput> inputs) {
    throw new UnsupportedOperationException("rules loader not implemented yet");
  }
}
