package dev.peregrine.event;

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

  /** The streamed {@code items} array of an EventList: its elements are Events. */
  final class Items implements Frame {
    final String path;
    int next;

    Items(String path) {
      this.path = path;
    }
  }

  /** An object in value position, built field by field until it turns out to be an EventList. */
  final class Probe implements Frame {
    final String path;
    final TreeBuilder tree;
    boolean itemsPending;

    Probe(String path, TreeBuilder tree) {
      this.path = path;
      this.tree = tree;
    }
  }

  /** One EventList item being built. */
  final class Item implements Frame {
    final String path;
    final TreeBuilder tree;

    Item(String path, TreeBuilder tree) {
      this.path = path;
      this.tree = tree;
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
