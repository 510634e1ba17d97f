package dev.peregrine.rules;

import dev.peregrine.diag.SourceFile;
import dev.peregrine.diag.SourceSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads Falco rules files in order, as Falco does with several {@code -r} files: one collector is
 * shared, so a later file may redefine, append to or override items of an earlier one. Unlike
 * Falco, loading goes on after an error so that every problem is reported; the result then
 * {@linkplain LoadResult#hasErrors() has errors}.
 *
 * <p>Plugin requirements: this engine reads Kubernetes audit events itself, standing in for the
 * {@code k8saudit} and {@code json} plugins (as {@link #PROVIDED_PLUGINS} versions). A {@code
 * required_plugin_versions} entry is an error only when neither it nor any alternative names one
 * of them; versions are not compared.
 */
public final class RulesLoader {
  /** The Falco engine version this loader implements (checked by required_engine_version). */
  public static final String ENGINE_VERSION = "0.63.0";

  /** Plugins whose fields this engine provides, with the version they are equivalent to. */
  public static final Map<String, String> PROVIDED_PLUGINS =
      Map.of("k8saudit", "0.18.0", "json", "0.7.0");

  /** Loads the inputs in order and resolves every rule. */
  public LoadResult load(List<RulesInput> inputs) {
    SourceSet sources = new SourceSet();
    Diags diags = new Diags(sources);
    Collector collector = new Collector();
    for (RulesInput in : inputs) {
      SourceFile sf = new SourceFile(in.name(), in.content());
      int base = sources.add(sf);
      new RulesReader(new YamlFile(sf, base), collector, diags).read();
    }
    List<RuleDef> rules = new Compiler(collector, diags).compile();
    checkPlugins(collector.plugins(), diags);
    return new LoadResult(rules, diags.issues().all(), sources, collector.plugins());
  }

  private static void checkPlugins(List<PluginRequirement> reqs, Diags diags) {
    for (PluginRequirement r : reqs) {
      boolean ok = r.alternatives().stream()
          .anyMatch(v -> PROVIDED_PLUGINS.containsKey(v.name()));
      if (!ok) {
        String all = r.alternatives().stream().map(PluginRequirement.Version::toString)
            .collect(Collectors.joining(", "));
        diags.error(Codes.ERR_VALIDATE,
            "Plugin requirement not satisfied, must load one of: " + all, r.pos());
      }
    }
  }
}
