package dev.peregrine.auditpolicy;

import dev.peregrine.diag.Issue;
import dev.peregrine.diag.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings beyond the apiserver's validation: things a policy accepts but probably does not mean.
 * Every finding is a warning with a stable code ({@code POL004}…{@code POL017}), the position of
 * the offending rule or value, and a hint how to fix it. The key findings {@code POL001}–{@code
 * POL003} come from {@link PolicyLoader} (the apiserver itself warns about them). Codes are listed
 * in {@code docs/audit-policy.md}.
 */
public final class PolicyLinter {
  static final String SHADOWED = "POL004";
  static final String NEVER_MATCHES = "POL005";
  static final String STAR_LITERAL = "POL006";
  static final String UNSEEN_VERB = "POL007";
  static final String FAILED_AUTH_DROPPED = "POL008";
  static final String SECRETS_LOGGED = "POL009";
  static final String NO_CATCH_ALL = "POL010";
  static final String MANAGED_FIELDS_NO_EFFECT = "POL011";
  static final String NON_RESOURCE_BODY_LEVEL = "POL012";
  static final String NAMELESS_VERBS = "POL013";
  static final String GROUP_WILDCARD_VERSION = "POL014";
  static final String RESOURCE_SHAPE = "POL015";
  static final String LEVEL_MISSING_CONTINUATION = "POL016";
  static final String WRONG_GROUP = "POL017";

  /** Verbs the apiserver records: resource verbs and lower-case HTTP methods. */
  static final Set<String> RECORDED_VERBS = Set.of("get", "list", "watch", "create", "update",
      "patch", "delete", "deletecollection", "proxy", "post", "put", "head", "options",
      "connect", "trace");
  /** Authorization-only verbs: checked by RBAC, never the verb of a request. */
  static final Set<String> AUTHZ_ONLY_VERBS =
      Set.of("impersonate", "bind", "escalate", "use", "approve", "sign");
  /** Verbs whose URL carries no object name (list/watch only with a name field selector). */
  static final Set<String> NAMELESS_VERB_SET = Set.of("create", "deletecollection", "list",
      "watch");

  record Sensitive(String group, String resource, String label) {}

  static final List<Sensitive> SENSITIVE = List.of(
      new Sensitive("", "secrets", "secrets"),
      new Sensitive("", "configmaps", "configmaps"),
      new Sensitive("authentication.k8s.io", "tokenreviews", "tokenreviews"),
      new Sensitive("", "serviceaccounts/token", "serviceaccounts/token"));

  /** Well-known resources and their API group, to catch a rule that names the wrong group. */
  static final Map<String, String> KNOWN_GROUPS = Map.ofEntries(
      Map.entry("pods", ""), Map.entry("services", ""), Map.entry("configmaps", ""),
      Map.entry("secrets", ""), Map.entry("namespaces", ""), Map.entry("nodes", ""),
      Map.entry("serviceaccounts", ""), Map.entry("endpoints", ""),
      Map.entry("persistentvolumes", ""), Map.entry("persistentvolumeclaims", ""),
      Map.entry("replicationcontrollers", ""), Map.entry("resourcequotas", ""),
      Map.entry("limitranges", ""), Map.entry("deployments", "apps"),
      Map.entry("replicasets", "apps"), Map.entry("statefulsets", "apps"),
      Map.entry("daemonsets", "apps"), Map.entry("controllerrevisions", "apps"),
      Map.entry("jobs", "batch"), Map.entry("cronjobs", "batch"),
      Map.entry("roles", "rbac.authorization.k8s.io"),
      Map.entry("rolebindings", "rbac.authorization.k8s.io"),
      Map.entry("clusterroles", "rbac.authorization.k8s.io"),
      Map.entry("clusterrolebindings", "rbac.authorization.k8s.io"),
      Map.entry("tokenreviews", "authentication.k8s.io"),
      Map.entry("subjectaccessreviews", "authorization.k8s.io"),
      Map.entry("ingresses", "networking.k8s.io"),
      Map.entry("networkpolicies", "networking.k8s.io"),
      Map.entry("leases", "coordination.k8s.io"),
      Map.entry("customresourcedefinitions", "apiextensions.k8s.io"),
      Map.entry("certificatesigningrequests", "certificates.k8s.io"),
      Map.entry("mutatingwebhookconfigurations", "admissionregistration.k8s.io"),
      Map.entry("validatingwebhookconfigurations", "admissionregistration.k8s.io"),
      Map.entry("storageclasses", "storage.k8s.io"),
      Map.entry("priorityclasses", "scheduling.k8s.io"));

  /**
   * Everything about a loaded policy: the loader's errors and warnings (decode, validation, key
   * problems) followed by the lint findings, ordered by position. Lint needs a decoded policy;
   * when there is none only the loader's issues are returned.
   */
  public List<Issue> check(PolicyLoader.Verdict verdict) {
    List<Issue> out = new ArrayList<>(verdict.issues());
    if (verdict.policy() != null) {
      out.addAll(lint(verdict.policy()));
    }
    out.sort(BY_POSITION);
    return out;
  }

  private static final Comparator<Issue> BY_POSITION =
      Comparator.comparingInt((Issue x) -> x.position().line())
          .thenComparingInt(x -> x.position().column()).thenComparing(Issue::code);

  /** The lint findings for a policy (without the loader's), ordered by position. */
  public List<Issue> lint(Policy policy) {
    Ctx c = new Ctx(policy);
    List<PolicyRule> rules = policy.rules();
    for (int i = 0; i < rules.size(); i++) {
      RuleLints.rule(c, i);
    }
    RuleLints.shadowing(c);
    RuleLints.secrets(c);
    RuleLints.stagesAndCatchAll(c);
    List<Issue> out = new ArrayList<>(c.issues);
    out.sort(BY_POSITION);
    return out;
  }

  /** The policy being linted and the findings so far. */
  static final class Ctx {
    final Policy policy;
    final List<Issue> issues = new ArrayList<>();
    final java.util.Set<Integer> dead = new java.util.HashSet<>();

    Ctx(Policy policy) {
      this.policy = policy;
    }

    void warn(String code, String path, String message) {
      warnAt(code, policy.locations().of(path), message);
    }

    void warnKey(String code, String path, String message) {
      warnAt(code, policy.locations().key(path), message);
    }

    void warnAt(String code, Position pos, String message) {
      issues.add(Issue.warning(code, policy.locations().file(), pos, message));
    }
  }
}
