package dev.peregrine.event;

/**
 * Limits applied while decoding audit payloads.
 *
 * @param maxEventBytes largest accepted event, in bytes of its JSON text as received; a larger
 *     event is reported and skipped without being held in memory
 */
public record DecodeLimits(long maxEventBytes) {
  /** Default maximum event size: 64 MiB. */
  public static final long DEFAULT_MAX_EVENT_BYTES = 64L * 1024 * 1024;

  /** Largest allowed maximum: 1 GiB (an event is held in one byte array while it is read). */
  public static final long LIMIT_MAX_EVENT_BYTES = 1L << 30;

  /**
   * Checks the limit.
   *
   * @throws IllegalArgumentException when {@code maxEventBytes} is not in 1..{@link
   *     #LIMIT_MAX_EVENT_BYTES}
   */
  public DecodeLimits {
    if (maxEventBytes <= 0 || maxEventBytes > LIMIT_MAX_EVENT_BYTES) {
      throw new IllegalArgumentException(
          "maxEventBytes must be in 1.." + LIMIT_MAX_EVENT_BYTES + ", was " + maxEventBytes);
    }
  }

  /** The default limits ({@link #DEFAULT_MAX_EVENT_BYTES}). */
  public static DecodeLimits defaults() {
    return new DecodeLimits(DEFAULT_MAX_EVENT_BYTES);
  }
}
