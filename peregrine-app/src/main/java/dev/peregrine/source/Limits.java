package dev.peregrine.source;

/**
 * Every limit the webhook receiver applies, with its default in one place.
 *
 * @param maxBodyBytes largest request body; larger bodies get 413 (default {@value
 *     #DEFAULT_MAX_BODY_BYTES}, Falco's {@code webhookMaxBatchSize})
 * @param maxEventBytes largest single event inside a body; a larger one is rejected alone
 * @param maxDepth deepest JSON nesting of objects and arrays; deeper bodies get 400
 * @param maxStringBytes longest JSON string (raw bytes between the quotes); longer gets 400
 * @param maxEventsPerBatch most events in one request; more gets 413
 * @param queueEvents capacity of the ingest queue in events; when full, requests get 429
 */
public record Limits(long maxBodyBytes, long maxEventBytes, int maxDepth, long maxStringBytes,
    int maxEventsPerBatch, int queueEvents) {
  /** 12 MiB: the apiserver's 10 MiB truncation batch size plus 20 %, as Falco's plugin. */
  public static final long DEFAULT_MAX_BODY_BYTES = 12L * 1024 * 1024;
  /** Largest body limit: a body is held in one array. */
  public static final long MAX_BODY_BYTES = Integer.MAX_VALUE - 16;
  /** Default largest event: the whole body (the apiserver does not truncate by default). */
  public static final long DEFAULT_MAX_EVENT_BYTES = DEFAULT_MAX_BODY_BYTES;
  /** Default nesting limit; real audit events stay far below it. */
  public static final int DEFAULT_MAX_DEPTH = 256;
  /** Default longest string: 4 MiB (above etcd's 1.5 MiB object limit). */
  public static final long DEFAULT_MAX_STRING_BYTES = 4L * 1024 * 1024;
  /** Default events per request: 10 000 (the apiserver sends at most 400 by default). */
  public static final int DEFAULT_MAX_EVENTS_PER_BATCH = 10_000;
  /**
   * Default queue capacity in events, as the apiserver's own buffer. Queued events are decoded
   * trees (about 10 KB each), so this also bounds the heap the queue takes (about 100 MB); a
   * larger queue only delays the 429 under overload and costs garbage-collection time.
   */
  public static final int DEFAULT_QUEUE_EVENTS = 10_000;
  /**
   * How long a request waits for room in a full queue before it is answered 429: long enough
   * for the workers to evaluate a few batches, far below the apiserver's request timeout.
   */
  public static final long QUEUE_WAIT_MILLIS = 250;

  /** Checks that every limit is positive and the event limit fits the body limit. */
  public Limits {
    if (maxBodyBytes <= 0 || maxEventBytes <= 0 || maxDepth <= 0 || maxStringBytes <= 0
        || maxEventsPerBatch <= 0 || queueEvents <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (maxBodyBytes > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("max body size must be below 2 GiB");
    }
  }

  /** The defaults. */
  public static Limits defaults() {
    return new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_DEPTH,
        DEFAULT_MAX_STRING_BYTES, DEFAULT_MAX_EVENTS_PER_BATCH, DEFAULT_QUEUE_EVENTS);
  }

  /** These limits with another body size. */
  public Limits withMaxBodyBytes(long n) {
    return new Limits(n, Math.min(maxEventBytes, n), maxDepth, maxStringBytes, maxEventsPerBatch,
        queueEvents);
  }

  /** These limits with another queue capacity. */
  public Limits withQueueEvents(int n) {
    return new Limits(maxBodyBytes, maxEventBytes, maxDepth, maxStringBytes, maxEventsPerBatch, n);
  }
}
