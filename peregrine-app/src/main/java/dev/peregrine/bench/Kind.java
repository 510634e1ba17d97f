package dev.peregrine.bench;

/**
 * The traffic classes of the generated corpus, with their default share in percent. The shares
 * follow what audit logs of busy clusters look like: most events are control-plane components
 * reading at level Metadata, a minority carries request or response bodies.
 */
public enum Kind {
  /** get/list/watch by controllers, scheduler, kubelets; Metadata level. */
  SYSTEM_READ("system-read", 44),
  /** Node lease renewals and endpoints/endpointslice updates. */
  LEASE_ENDPOINTS("lease", 14),
  /** Controllers writing status and scaling (update/patch), level Request with a body. */
  CONTROLLER_WRITE("controller-write", 10),
  /** People using kubectl: get, list, describe, scale, delete. */
  USER_KUBECTL("kubectl", 9),
  /** RequestResponse creates of pods and deployments with full specs (the large events). */
  WORKLOAD_CREATE("workload", 5),
  /** Secret reads and configmap writes (with data). */
  SECRETS_CONFIGMAPS("secrets", 7),
  /** exec, attach and port-forward sessions (ResponseStarted and ResponseComplete). */
  EXEC("exec", 3),
  /** Role, ClusterRole and binding changes. */
  RBAC("rbac", 2),
  /** Failed authentication (401) and authorization (403). */
  DENIED("denied", 4),
  /** What the rules look for: privileged or host pods, cluster-admin bindings, and so on. */
  ATTACK("attack", 2);

  private final String label;
  private final int defaultWeight;

  Kind(String label, int defaultWeight) {
    this.label = label;
    this.defaultWeight = defaultWeight;
  }

  /** The name used in {@code --mix}. */
  public String label() {
    return label;
  }

  /** The default share, in percent. */
  public int defaultWeight() {
    return defaultWeight;
  }

  /** The kind called {@code label}; throws for an unknown one. */
  public static Kind of(String label) {
    for (Kind k : values()) {
      if (k.label.equals(label)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown traffic class '" + label + "'");
  }
}
