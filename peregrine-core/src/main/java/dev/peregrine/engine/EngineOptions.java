package dev.peregrine.engine;

import dev.peregrine.rules.Priority;
import java.util.List;
import java.util.Set;

/**
 * How rules are selected and matched.
 *
 * @param matchAll {@code rule_matching: all} (every matching rule alerts) instead of {@code first}
 * @param minPriority rules less severe than this are not loaded ({@code priority} in falco.yaml)
 * @param disabledRules rules whose name contains any of these substrings are disabled ({@code -D})
 * @param disabledTags rules with any of these tags are disabled ({@code -T})
 * @param enabledTags when non-empty, only rules with one of these tags run ({@code -t})
 * @param timeIso8601 the text time prefix is {@code evt.time.iso8601} instead of {@code evt.time}
 * @param ruleIndex pre-select candidate rules per event from the constant equality conjuncts of
 *     their conditions (verb, resource, subresource, stage, ...); never changes which rules alert
 * @param compiledMatchers fuse disjunctions of {@code =}/{@code contains}/{@code startswith} on one
 *     field into a single set or multi-pattern test that reads the field once, fold the value
 *     once for {@code icontains anyof}, and test {@code json.value[p] contains '"token"'} on the
 *     JSON tree instead of its text; never changes results
 * @param selectiveDecode {@link Engine#selection()} names the parts of an event the rules and
 *     their outputs read, so that a decoder may leave out the rest; when off it is everything
 * @param sharedReads each field is extracted at most once per event (per way of reading it) and
 *     shared by the rule index, every condition and every output; never changes results
 */
public record EngineOptions(
    boolean matchAll,
    Priority minPriority,
    List<String> disabledRules,
    Set<String> disabledTags,
    Set<String> enabledTags,
    boolean timeIso8601,
    boolean ruleIndex,
    boolean compiledMatchers,
    boolean selectiveDecode,
    boolean sharedReads) {
  public EngineOptions {
    disabledRules = List.copyOf(disabledRules);
    disabledTags = Set.copyOf(disabledTags);
    enabledTags = Set.copyOf(enabledTags);
  }

  /** The selection options with every optimisation on. */
  public EngineOptions(boolean matchAll, Priority minPriority, List<String> disabledRules,
      Set<String> disabledTags, Set<String> enabledTags, boolean timeIso8601) {
    this(matchAll, minPriority, disabledRules, disabledTags, enabledTags, timeIso8601, true, true,
        true, true);
  }

  /** Falco's defaults: first match, every priority, nothing disabled, short time prefix. */
  public static EngineOptions defaults() {
    return new EngineOptions(false, Priority.DEBUG, List.of(), Set.of(), Set.of(), false);
  }

  public EngineOptions withMatchAll(boolean all) {
    return new EngineOptions(all, minPriority, disabledRules, disabledTags, enabledTags, timeIso8601,
        ruleIndex, compiledMatchers, selectiveDecode, sharedReads);
  }

  public EngineOptions withMinPriority(Priority p) {
    return new EngineOptions(matchAll, p, disabledRules, disabledTags, enabledTags, timeIso8601,
        ruleIndex, compiledMatchers, selectiveDecode, sharedReads);
  }

  public EngineOptions withTimeIso8601(boolean iso) {
    return new EngineOptions(matchAll, minPriority, disabledRules, disabledTags, enabledTags, iso,
        ruleIndex, compiledMatchers, selectiveDecode, sharedReads);
  }

  public EngineOptions withSelection(List<String> disabled, Set<String> offTags, Set<String> onTags) {
    return new EngineOptions(matchAll, minPriority, disabled, offTags, onTags, timeIso8601,
        ruleIndex, compiledMatchers, selectiveDecode, sharedReads);
  }

  /** Turns the rule index on or off. */
  public EngineOptions withRuleIndex(boolean on) {
    return new EngineOptions(matchAll, minPriority, disabledRules, disabledTags, enabledTags,
        timeIso8601, on, compiledMatchers, selectiveDecode, sharedReads);
  }

  /** Turns the fused string matchers on or off. */
  public EngineOptions withCompiledMatchers(boolean on) {
    return new EngineOptions(matchAll, minPriority, disabledRules, disabledTags, enabledTags,
        timeIso8601, ruleIndex, on, selectiveDecode, sharedReads);
  }

  /** Turns the selection of the event parts the rules read on or off. */
  public EngineOptions withSelectiveDecode(boolean on) {
    return new EngineOptions(matchAll, minPriority, disabledRules, disabledTags, enabledTags,
        timeIso8601, ruleIndex, compiledMatchers, on, sharedReads);
  }

  /** Turns the sharing of field reads between the index, conditions and outputs on or off. */
  public EngineOptions withSharedReads(boolean on) {
    return new EngineOptions(matchAll, minPriority, disabledRules, disabledTags, enabledTags,
        timeIso8601, ruleIndex, compiledMatchers, selectiveDecode, on);
  }

  /** Every optimisation on or off at once. */
  public EngineOptions withOptimizations(boolean on) {
    return withRuleIndex(on).withCompiledMatchers(on).withSelectiveDecode(on).withSharedReads(on);
  }
}
