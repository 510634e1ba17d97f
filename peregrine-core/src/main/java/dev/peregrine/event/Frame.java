package dev.peregrine.event;

import dev.peregrine.event.cloud.Envelopes;

/** What the decoder is inside of, innermost on top of its stack. */
sealed interface Frame {
  /** A streamed array in value position: its elements are Events, EventLists or arrays. */
  final class Values implements Frame {
    final String path;
    int next;

    Values(String path) {
      this.path = path;
    }
  }

  /**
   * The streamed {@code items} array of an EventList (its elements are Events; {@code container}
   * is null) or an envelope array whose elements {@code container} unwraps.
   */
  final class Items implements Frame {
    final String path;
    final Envelopes.Container container;
    int next;

    Items(String path, Envelopes.Container container) {
      this.path = path;
      this.container = container;
    }
  }

  /**
   * An object in value position, built field by field until it turns out to be an EventList or
   * an envelope with a streamable array ({@code pendingName} names the array member just read).
   */
  final class Probe implements Frame {
    final String path;
    final TreeBuilder tree;
    boolean itemsPending;
    String pendingName;
    Envelopes.Container pending;

    Probe(String path, TreeBuilder tree) {
      this.path = path;
      this.tree = tree;
    }
  }

  /** One EventList item or envelope array element being built. */
  final class Item implements Frame {
    final String path;
    final TreeBuilder tree;
    final Envelopes.Container container;

    Item(String path, TreeBuilder tree, Envelopes.Container container) {
      this.path = path;
      this.tree = tree;
      this.container = container;
    }
  }

  /** A value being passed over without being kept; {@code depth} counts open containers. */
  final class Skip implements Frame {
    int depth;

    Skip(int depth) {
      this.depth = depth;
    }
  }
}
