package dev.peregrine.engine;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Severity;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Selection;
import dev.peregrine.field.Extractor;
import dev.peregrine.field.FieldReads;
import dev.peregrine.field.FieldRegistry;
import dev.peregrine.lang.Expr;
import dev.peregrine.rules.LoadResult;
import dev.peregrine.rules.RuleDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The detection engine: rules compiled for the {@code k8s_audit} source, evaluated in
 * first-definition order against each event. Thread-safe for concurrent {@link #process} calls.
 */
public final class Engine {
  /** The only event source this engine evaluates. */
  public static final String SOURCE = "k8s_audit";

  private final List<CompiledRule> active;
  private final CompiledRule[] rules;
  private final RuleIndex index;
  private final List<RuleDef> loaded;
  private final boolean matchAll;
  private final FieldRead.Slots slots;
  private final FieldRead timeField;
  private final Selection selection;

  private Engine(List<CompiledRule> active, List<RuleDef> loaded, EngineOptions options,
      FieldRegistry registry, FieldRead.Slots slots) {
    this.active = List.copyOf(active);
    this.rules = active.toArray(CompiledRule[]::new);
    this.index = options.ruleIndex()
        ? RuleIndex.build(active.stream().map(r -> r.def().condition()).toList(), registry, slots)
        : null;
    this.loaded = List.copyOf(loaded);
    this.matchAll = options.matchAll();
    String timeKey = timeKey(options);
    Extractor time = OutputTemplate.bind(registry, timeKey);
    if (time == null) {
      throw new IllegalStateException("field registry lacks " + timeKey);
    }
    this.timeField = slots.text(OutputTemplate.key(timeKey), time);
    this.slots = slots;
    this.selection = options.selectiveDecode() ? selection(active) : Selection.all();
  }

  /**
   * What the conditions and the outputs read. An output that may read anything (such as {@code
   * jevt.obj}) does not widen the selection: its rule renders alerts from {@link
   * AuditEvent#full()}, which decoders then make possible.
   */
  private static Selection selection(List<CompiledRule> active) {
    FieldReads all = new FieldReads();
    boolean source = false;
    for (CompiledRule r : active) {
      all.addAll(r.reads());
      if (r.outputReads().everything()) {
        source = true;
      } else {
        all.addAll(r.outputReads());
      }
    }
    if (all.everything()) {
      return Selection.all();
    }
    Selection s = Selection.of(all.paths());
    return source ? s.withSource() : s;
  }

  /** An engine and the issues found compiling its rules. */
  public record Build(Optional<Engine> engine, List<Issue> issues) {
    public boolean hasErrors() {
      return issues.stream().anyMatch(Issue::isError);
    }
  }

  /**
   * Compiles every rule of {@code load} and selects the active ones. The engine is present only
   * when neither loading nor compiling found errors; the issues are the load's followed by the
   * compiler's.
   */
  public static Build build(LoadResult load, FieldRegistry registry, EngineOptions options) {
    List<Issue> issues = new ArrayList<>(load.issues());
    List<CompiledRule> active = new ArrayList<>();
    List<RuleDef> loaded = new ArrayList<>();
    FieldRead.Slots slots = new FieldRead.Slots(options.sharedReads());
    for (RuleDef def : load.rules()) {
      if (!def.source().equals(SOURCE)) {
        issues.add(load.sources().issue(Severity.WARNING, "LOAD_UNKNOWN_SOURCE", def.pos(),
            "rule '" + def.name() + "' has source '" + def.source()
                + "', which is not evaluated (only " + SOURCE + "); skipping"));
        continue;
      }
      if (def.condition() == null) {
        continue;
      }
      CompiledRule rule = compile(def, registry, load, issues, options, slots);
      if (rule == null) {
        continue;
      }
      loaded.add(def);
      if (selected(def, options)) {
        active.add(rule);
      }
    }
    boolean errors = issues.stream().anyMatch(Issue::isError);
    Engine engine = errors ? null : new Engine(active, loaded, options, registry, slots);
    return new Build(Optional.ofNullable(engine), issues);
  }

  private static CompiledRule compile(RuleDef def, FieldRegistry registry, LoadResult load,
      List<Issue> issues, EngineOptions options, FieldRead.Slots slots) {
    CompileLog condLog = new CompileLog(load.sources(), CompileLog.COMPILE_CONDITION);
    FieldReads reads = new FieldReads();
    Condition cond = new Compiler(registry.recording(reads), condLog, options.compiledMatchers(),
        slots).compile(def.condition());
    CompileLog outLog = new CompileLog(load.sources(), "LOAD_ERR_COMPILE_OUTPUT");
    FieldReads outReads = new FieldReads();
    Optional<OutputTemplate> out = OutputTemplate.compile(def.output(),
        registry.recording(outReads), outLog, def.outputPos(), slots);
    boolean failed = cond == null || out.isEmpty();
    if (failed && def.skipIfUnknownFilter()
        && (cond != null || condLog.onlyUnknownFields())
        && (out.isPresent() || outLog.onlyUnknownFields())) {
      issues.add(load.sources().issue(Severity.WARNING, "LOAD_UNKNOWN_FILTER", def.pos(),
          "rule '" + def.name() + "' uses an unknown field and has skip-if-unknown-filter; skipped"));
      return null;
    }
    issues.addAll(condLog.issues());
    issues.addAll(outLog.issues());
    if (failed) {
      return null;
    }
    Condition rest = options.ruleIndex() ? residual(def, cond, registry, load, options, slots)
        : null;
    return new CompiledRule(def, cond, rest, out.get(), timeKey(options), reads, outReads);
  }

  /**
   * The condition without the checks the rule index makes itself ({@link RuleIndex#residual}),
   * compiled quietly: the whole condition was compiled, and reported on, already.
   */
  private static Condition residual(RuleDef def, Condition whole, FieldRegistry registry,
      LoadResult load, EngineOptions options, FieldRead.Slots slots) {
    Expr rest = RuleIndex.residual(def.condition());
    if (rest == def.condition()) {
      return whole;
    }
    if (rest == null) {
      return e -> true;
    }
    CompileLog quiet = new CompileLog(load.sources(), CompileLog.COMPILE_CONDITION);
    return new Compiler(registry, quiet, options.compiledMatchers(), slots).compile(rest);
  }

  /** The time field of alert text lines and {@code output_fields}. */
  private static String timeKey(EngineOptions options) {
    return options.timeIso8601() ? "evt.time.iso8601" : "evt.time";
  }

  private static boolean selected(RuleDef def, EngineOptions o) {
    if (!def.enabled() || !def.priority().atLeast(o.minPriority())) {
      return false;
    }
    for (String s : o.disabledRules()) {
      if (def.name().contains(s)) {
        return false;
      }
    }
    for (String t : def.tags()) {
      if (o.disabledTags().contains(t)) {
        return false;
      }
    }
    return o.enabledTags().isEmpty() || def.tags().stream().anyMatch(o.enabledTags()::contains);
  }

  /** Evaluates the active rules on one event; at most one alert unless matching all. */
  public List<Alert> process(AuditEvent event) {
    Evaluation ev = new Evaluation(event, slots.count());
    if (index != null) {
      return processIndexed(ev);
    }
    List<Alert> out = null;
    for (CompiledRule r : rules) {
      if (r.matches(ev)) {
        Alert a = r.alert(ev, timeField, slots.count());
        if (!matchAll) {
          return List.of(a);
        }
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(a);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /** {@link #process} over the candidate rules only, in the same order. */
  private List<Alert> processIndexed(Evaluation ev) {
    long[] candidates = index.candidates(ev);
    List<Alert> out = null;
    for (int w = 0; w < candidates.length; w++) {
      long bits = candidates[w];
      while (bits != 0) {
        CompiledRule r = rules[(w << 6) + Long.numberOfTrailingZeros(bits)];
        bits &= bits - 1;
        if (r.matches(ev)) {
          Alert a = r.alert(ev, timeField, slots.count());
          if (!matchAll) {
            return List.of(a);
          }
          if (out == null) {
            out = new ArrayList<>(2);
          }
          out.add(a);
        }
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /**
   * The parts of an event that the active rules' conditions and outputs can read ({@link
   * Selection#all()} when any of them may read anything, such as {@code jevt.obj}, or when
   * {@link EngineOptions#selectiveDecode()} is off). A decoder given this selection produces
   * events on which this engine raises exactly the alerts it raises on whole events.
   */
  public Selection selection() {
    return selection;
  }

  /** Names of the rules that will run, in evaluation order. */
  public List<String> activeRules() {
    return active.stream().map(r -> r.def().name()).toList();
  }

  /** Every compiled k8s_audit rule, enabled or not. */
  public List<RuleDef> loadedRules() {
    return loaded;
  }
}
