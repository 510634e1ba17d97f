package dev.peregrine.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Relative weights of the traffic classes. Parsed from {@code class=weight,...}; classes not
 * named keep their default weight, and weight 0 removes a class.
 */
public record Mix(Map<Kind, Integer> weights) {
  public Mix {
    weights = Map.copyOf(weights);
    if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
      throw new IllegalArgumentException("the mix has no weight");
    }
  }

  /** The documented default distribution. */
  public static Mix defaults() {
    Map<Kind, Integer> m = new EnumMap<>(Kind.class);
    for (Kind k : Kind.values()) {
      m.put(k, k.defaultWeight());
    }
    return new Mix(m);
  }

  /** Parses {@code system-read=50,attack=0}; blank text gives the defaults. */
  public static Mix parse(String text) {
    Map<Kind, Integer> m = new EnumMap<>(defaults().weights());
    if (text == null || text.isBlank()) {
      return new Mix(m);
    }
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected class=weight, got '" + part.trim() + "'");
      }
      int w;
      try {
        w = Integer.parseInt(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad weight in '" + part.trim() + "'");
      }
      if (w < 0) {
        throw new IllegalArgumentException("negative weight in '" + part.trim() + "'");
      }
      m.put(Kind.of(kv[0].trim()), w);
    }
    return new Mix(m);
  }

  /** Draws a class according to the weights. */
  Kind draw(SplittableRandom rnd) {
    int total = weights.values().stream().mapToInt(Integer::intValue).sum();
    int x = rnd.nextInt(total);
    for (Kind k : Kind.values()) {
      x -= weights.getOrDefault(k, 0);
      if (x < 0) {
        return k;
      }
    }
    throw new AssertionError();
  }
}
