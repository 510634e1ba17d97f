package dev.peregrine.event;

/**
 * Counts for one decoded stream.
 *
 * @param events events delivered
 * @param rejected records reported as errors
 * @param bytes bytes read from the stream after decompression
 */
public record DecodeStats(long events, long rejected, long bytes) {
  /** Sum of this and {@code other}, for totals over several inputs. */
  public DecodeStats plus(DecodeStats other) {
    return new DecodeStats(
        events + other.events, rejected + other.rejected, bytes + other.bytes);
  }
}
