package dev.peregrine.auditpolicy;

import dev.peregrine.event.AuditEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Proposes an audit policy from recorded traffic and the detections that run on it.
 *
 * <p>Every event is run through the detector. For each event that raises alerts the lowest level
 * that still raises all of them is measured by stripping the event to Metadata, Request and
 * RequestResponse in turn and running the detector again. The proposal then has, in order:
 *
 * <ol>
 *   <li><b>keep rules</b>: per API group, resource and level, the verbs of the alerting events,
 *       at the highest level any of them needs (Metadata keep rules are left out when the rules
 *       below already keep those events);
 *   <li><b>noise rules</b> at None: read-only requests (get/list/watch) of system components
 *       (users {@code system:*} other than anonymous and service accounts outside kube-system,
 *       and the {@code system:nodes} group), their writes to leases, endpoints, endpointslices,
 *       events and node status, and authenticated discovery, version, health and OpenAPI paths;
 *   <li>secrets, configmaps, service-account tokens and tokenreviews at Metadata;
 *   <li>when some detection reads bodies: writes to pods, services and RBAC objects at the level
 *       the detections needed, so that the same rules see future events of those kinds;
 *   <li>a catch-all at Metadata.
 * </ol>
 *
 * Stage RequestReceived is omitted and managedFields are stripped unless an alert needs them.
 * The proposal is then checked on the alerting events: no alert may be lost. Not thread-safe.
 */
public final class PolicyGenerator {
  /** Alerting events kept in memory for the check; beyond this only their needs are kept. */
  static final int MAX_ALERTING = 100_000;

  static final List<String> READ_VERBS = List.of("get", "list", "watch");
  static final List<String> WRITE_VERBS = List.of("create", "update", "patch");
  static final String NODES = "system:nodes";

  private final Function<AuditEvent, List<String>> detector;
  private final Map<Kind, Need> needs = new HashMap<>();
  private final List<AuditEvent> alerting = new ArrayList<>();
  private final Set<String> systemUsers = new TreeSet<>();
  private final Map<String, Long> alertsByRule = new TreeMap<>();
  private boolean nodesSeen;
  private boolean needsRequestReceived;
  private boolean needsManagedFields;
  private long events;

  /** A generator for the given detector (names of the rules alerting on an event). */
  public PolicyGenerator(Function<AuditEvent, List<String>> detector) {
    this.detector = detector;
  }

  /** What the alerting events of one kind of request need. */
  private static final class Need {
    Level level = Level.METADATA;
    long events;
    final Set<String> rules = new TreeSet<>();
  }

  /** A kind of request: group, resource (with subresource) and verb, or a non-resource path. */
  record Kind(boolean resource, String group, String resource_, String verb, String path) {
    static Kind of(RequestAttributes a) {
      if (!a.resourceRequest()) {
        return new Kind(false, "", "", a.verb(), a.path());
      }
      String r = a.subresource().isEmpty() ? a.resource() : a.resource() + "/" + a.subresource();
      return new Kind(true, a.apiGroup(), r, a.verb(), "");
    }
  }

  /**
   * A proposed policy.
   *
   * @param policy the policy
   * @param comments one comment per rule, explaining it
   * @param events events observed
   * @param alertingEvents events that raised at least one alert
   * @param alertsByRule alerts per detection rule on the observed events
   * @param lostAlerts alerts the policy loses on the observed events (0 unless the detector is
   *     not deterministic)
   */
  public record Proposal(Policy policy, List<String> comments, long events, long alertingEvents,
      Map<String, Long> alertsByRule, long lostAlerts) {
    public Proposal {
      comments = List.copyOf(comments);
      alertsByRule = java.util.Collections.unmodifiableMap(new TreeMap<>(alertsByRule));
    }

    /** The policy as YAML, each rule preceded by its comment, after {@code header}. */
    public String yaml(List<String> header) {
      return PolicyYaml.write(header, policy, comments);
    }
  }

  /** Observes one recorded event. */
  public void observe(AuditEvent event) {
    events++;
    RequestAttributes a = RequestAttributes.fromEvent(event);
    principal(a);
    List<String> alerts = detector.apply(event);
    if (alerts.isEmpty()) {
      return;
    }
    alerts.forEach(r -> alertsByRule.merge(r, 1L, Long::sum));
    if (alerting.size() < MAX_ALERTING) {
      alerting.add(event);
    }
    needsRequestReceived |= "RequestReceived".equals(event.json().path("stage").asText());
    Need n = needs.computeIfAbsent(Kind.of(a), k -> new Need());
    n.events++;
    n.rules.addAll(alerts);
    Level l = neededLevel(event, alerts);
    if (l.compareTo(n.level) > 0) {
      n.level = l;
    }
  }

  private void principal(RequestAttributes a) {
    String u = a.user();
    if (u == null || !isSystemComponent(u)) {
      return;
    }
    if (a.groups().contains(NODES)) {
      nodesSeen = true;
    } else {
      systemUsers.add(u);
    }
  }

  /** Users {@code system:*} except anonymous and service accounts outside kube-system. */
  static boolean isSystemComponent(String user) {
    if (!user.startsWith("system:") || user.equals("system:anonymous")) {
      return false;
    }
    return !user.startsWith("system:serviceaccount:")
        || user.startsWith("system:serviceaccount:kube-system:");
  }

  /** The lowest level at which the event still raises every alert it raised as recorded. */
  private Level neededLevel(AuditEvent event, List<String> alerts) {
    for (Level l : List.of(Level.METADATA, Level.REQUEST, Level.REQUEST_RESPONSE)) {
      if (keepsAll(event, alerts, new AuditDecision(l, Set.of(), true, 0))) {
        return l;
      }
    }
    needsManagedFields = true;
    return Level.REQUEST_RESPONSE;
  }

  private boolean keepsAll(AuditEvent event, List<String> alerts, AuditDecision d) {
    if (!(PolicyEnforcer.apply(event, d) instanceof PolicyEnforcer.Kept k)) {
      return false;
    }
    List<String> left = new ArrayList<>(detector.apply(k.event()));
    for (String a : alerts) {
      if (!left.remove(a)) {
        return false;
      }
    }
    return true;
  }

  /** The proposal for everything observed so far. */
  public Proposal propose() {
    Drafts d = draft();
    d = pruneMetadataKeeps(d);
    d = pruneUnused(d);
    long lost = lost(d.policy());
    if (lost > 0) {
      d = new Drafts(d.rules, List.of(), false);
      lost = lost(d.policy());
    }
    return new Proposal(d.policy(), d.comments(), events, alerting.size(), alertsByRule, lost);
  }

  /** Draft rules with their comments and the policy-wide settings. */
  record Drafts(List<Draft> rules, List<String> omitStages, boolean omitManagedFields) {
    Policy policy() {
      return Policy.of(rules.stream().map(Draft::rule).toList(), omitStages, omitManagedFields);
    }

    List<String> comments() {
      return rules.stream().map(Draft::comment).toList();
    }

    Drafts without(int i) {
      List<Draft> r = new ArrayList<>(rules);
      r.remove(i);
      return new Drafts(r, omitStages, omitManagedFields);
    }
  }

  /** One proposed rule; {@code keep} marks a rule made for alerting events. */
  record Draft(PolicyRule rule, String comment, boolean keep) {}

  private Drafts draft() {
    List<Draft> rules = new ArrayList<>(keepRules());
    rules.addAll(GeneratedRules.noise(systemUsers, nodesSeen));
    rules.add(GeneratedRules.sensitiveMetadata());
    Level body = needs.values().stream().map(n -> n.level).max(Comparator.naturalOrder())
        .orElse(Level.METADATA);
    if (body.atLeast(Level.REQUEST)) {
      rules.add(GeneratedRules.bodies(body));
    }
    rules.add(new Draft(PolicyRule.ofLevel(Level.METADATA),
        "Everything else: who did what, when, without bodies.", false));
    List<String> stages = needsRequestReceived ? List.of() : List.of("RequestReceived");
    return new Drafts(rules, stages, !needsManagedFields);
  }

  private List<Draft> keepRules() {
    record Key(Level level, boolean resource, String group, String resource_) {}
    Map<Key, List<Map.Entry<Kind, Need>>> grouped = new TreeMap<>(Comparator
        .comparing((Key k) -> k.level(), Comparator.reverseOrder())
        .thenComparing(Key::resource, Comparator.reverseOrder())
        .thenComparing(Key::group).thenComparing(Key::resource_));
    for (Map.Entry<Kind, Need> e : needs.entrySet()) {
      Kind k = e.getKey();
      Key key = new Key(e.getValue().level, k.resource(), k.group(),
          k.resource() ? k.resource_() : "");
      grouped.computeIfAbsent(key, x -> new ArrayList<>()).add(e);
    }
    List<Draft> out = new ArrayList<>();
    grouped.forEach((key, entries) -> {
      Set<String> verbs = new TreeSet<>();
      Set<String> paths = new TreeSet<>();
      Set<String> rules = new TreeSet<>();
      long n = 0;
      for (Map.Entry<Kind, Need> e : entries) {
        verbs.add(e.getKey().verb());
        paths.add(e.getKey().path());
        rules.addAll(e.getValue().rules);
        n += e.getValue().events;
      }
      out.add(GeneratedRules.keep(key.level(), key.resource() ? key.group() : null,
          key.resource_(), List.copyOf(verbs), List.copyOf(paths), rules, n));
    });
    return out;
  }

  /** Leaves out Metadata keep rules whose events the rules below keep anyway. */
  private Drafts pruneMetadataKeeps(Drafts d) {
    for (int i = d.rules().size() - 1; i >= 0; i--) {
      Draft r = d.rules().get(i);
      if (r.keep() && r.rule().level().equals(Level.METADATA.wire())) {
        Drafts without = d.without(i);
        if (lost(without.policy()) == 0) {
          d = without;
        }
      }
    }
    return d;
  }

  /** Leaves out rules that an earlier rule always catches first: they decide nothing. */
  private static Drafts pruneUnused(Drafts d) {
    for (int i = d.rules().size() - 1; i > 0; i--) {
      PolicyRule b = d.rules().get(i).rule();
      for (int j = 0; j < i; j++) {
        if (Coverage.covers(d.rules().get(j).rule(), b)) {
          d = d.without(i);
          break;
        }
      }
    }
    return d;
  }

  /** Alerts the policy loses on the kept alerting events. */
  private long lost(Policy p) {
    PolicySimulator sim = new PolicySimulator(p, detector);
    alerting.forEach(sim::accept);
    return sim.report().lostAlerts();
  }
}
