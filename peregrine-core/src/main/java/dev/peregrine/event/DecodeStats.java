package dev.peregrine.event;

/**
 * Counts for one decoded stream.
 *
 * @param events events delivered
 * @param rejected records reported as errors
 * @param bytes bytes read from the stream after decompression
 * @param skipped envelope records passed over on purpose and not reported, such as AKS records
 *     of non-audit categories or GKE entries of other services
 */
public record DecodeStats(long events, long rejected, long bytes, long skipped) {
  /** Counts with nothing skipped. */
  public DecodeStats(long events, long rejected, long bytes) {
    this(events, rejected, bytes, 0);
  }

  /** Sum of this and {@code other}, for totals over several inputs. */
  public DecodeStats plus(DecodeStats other) {
    return new DecodeStats(events + other.events, rejected + other.rejected,
        bytes + other.bytes, skipped + other.skipped);
  }
}
