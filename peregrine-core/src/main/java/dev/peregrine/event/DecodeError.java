package dev.peregrine.event;

import com.fasterxml.jackson.core.JacksonException;
import java.util.Objects;

/**
 * One input record that did not yield an event.
 *
 * @param origin where the record was read ({@code -} for stdin, a file name, {@code webhook})
 * @param line 1-based line of the record's first byte in the decompressed stream
 * @param path JSON path of the rejected element inside its array or EventList (such as {@code
 *     items[3]} or {@code [2]}), or null for a top-level value
 * @param reason why the record was rejected
 */
public record DecodeError(String origin, long line, String path, String reason) {
  /** Message a non-event JSON value gets, as worded by Falco. */
  public static final String NOT_AN_EVENT = "data not recognized as a k8s audit event";

  public DecodeError {
    Objects.requireNonNull(origin);
    Objects.requireNonNull(reason);
  }

  /**
   * The message of a parser exception as errors report it: a Jackson exception's message without
   * its location and source excerpt ({@code start marker at [Source...} and what follows), white
   * space collapsed to single spaces. For other exceptions their message, cleaned up the same way.
   */
  public static String jacksonMessage(Exception e) {
    String msg = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
    return String.valueOf(msg).replaceAll(" \\(start marker at \\[Source.*", "")
        .replaceAll("\\s+", " ");
  }

  /** {@code origin:line: reason}, followed by {@code  at path} when the path is set. */
  public String render() {
    String base = origin + ":" + line + ": " + reason;
    return path == null ? base : base + " at " + path;
  }
}
