package dev.peregrine.field;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of fields the engine can extract: {@code ka.*} (k8saudit plugin),
 * {@code json.*}/{@code jevt.*} (json plugin) and the generic {@code evt.*} fields.
 */
public final class FieldRegistry {
  private final List<FieldDef> all;
  private final Map<String, FieldDef> byName;

  private FieldRegistry(List<FieldDef> defs) {
    this.all = List.copyOf(defs);
    Map<String, FieldDef> map = new LinkedHashMap<>();
    for (FieldDef d : defs) {
      if (map.putIfAbsent(d.name(), d) != null) {
        throw new IllegalStateException("duplicate field " + d.name());
      }
    }
    this.byName = map;
  }

  /**
   * The standard catalogue: {@code ka.*}, {@code jevt.*}/{@code json.*} and {@code evt.*}.
   *
   * @param zone time zone for text renderings of {@code evt.time} and {@code evt.datetime}
   * @param hostname value of {@code evt.hostname}
   */
  public static FieldRegistry standard(ZoneId zone, String hostname) {
    Objects.requireNonNull(zone);
    Objects.requireNonNull(hostname);
    List<FieldDef> defs = new ArrayList<>(Ka.all());
    defs.addAll(Containers.all());
    defs.addAll(JsonFields.all());
    defs.addAll(EvtFields.all(zone, hostname));
    return new FieldRegistry(defs);
  }

  /**
   * A view of this catalogue that reports to {@code sink} the event paths of every field bound
   * through it (see {@link FieldDef#paths()}).
   */
  public FieldRegistry recording(FieldReads sink) {
    return new FieldRegistry(all.stream().map(d -> d.recordingTo(sink)).toList());
  }

  /** The field named exactly {@code name} (without argument). */
  public Optional<FieldDef> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Every field, in catalogue order. */
  public List<FieldDef> all() {
    return all;
  }
}
