package dev.peregrine.event;

import java.util.Locale;

/**
 * Which wrappers around audit Events a decoder recognises. Native Events, EventLists and arrays
 * of them are accepted in every format; the format only chooses the managed-cluster envelopes
 * that are unwrapped as well (see {@code dev.peregrine.event.cloud}).
 */
public enum Format {
  /** Every envelope below, detected per record; mixed inputs are fine. The default. */
  AUTO("auto", "managed-cluster envelope"),
  /** Native audit.k8s.io/v1 Events only. */
  K8S("k8s", ""),
  /** Amazon EKS through CloudWatch Logs: exports, subscription and Firehose payloads. */
  EKS("eks", "EKS CloudWatch Logs record"),
  /** Google GKE through Cloud Logging: LogEntry with an AuditLog, Pub/Sub push envelopes. */
  GKE("gke", "GKE Cloud Logging entry"),
  /** Azure AKS through diagnostic settings: {@code records} from Event Hubs or Storage. */
  AKS("aks", "AKS diagnostic record");

  private final String label;
  private final String envelope;

  Format(String label, String envelope) {
    this.label = label;
    this.envelope = envelope;
  }

  /** The lower-case name used on the command line and in the source annotation. */
  public String label() {
    return label;
  }

  /** What the envelopes of this format are called in messages; empty for {@link #K8S}. */
  public String envelope() {
    return envelope;
  }

  /** True when this format unwraps the envelopes of {@code cloud}. */
  public boolean accepts(Format cloud) {
    return this == cloud || (this == AUTO && cloud != K8S);
  }

  /**
   * The format named {@code text} (case-insensitive).
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static Format parse(String text) {
    String want = text.trim().toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.label.equals(want)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown format '" + text + "' (expected auto, k8s, eks, gke or aks)");
  }

  @Override
  public String toString() {
    return label;
  }
}
