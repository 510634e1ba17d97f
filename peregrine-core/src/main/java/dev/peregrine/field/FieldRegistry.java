package dev.peregrine.field;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The catalogue of fields the engine can extract (implementation pending). */
public final class FieldRegistry {
  private FieldRegistry() {}

  /**
   * The standard catalogue: {@code ka.*}, {@code jevt.*}/{@code json.*} and {@code evt.*}.
   *
   * @param zone time zone for text renderings of {@code evt.time}
   * @param hostname value of {@code evt.hostname}
   */
  public static FieldRegistry standard(ZoneId zone, String hostname) {
    return new FieldRegistry();
  }

  /** The field named exactly {@code name} (without argument). */
  public Optional<FieldDef> find(String name) {
    return Optional.empty();
  }

  /** Every field, in catalogue order. */
  public List<FieldDef> all() {
    return List.of();
  }
}
