package dev.peregrine.event;

import java.io.IOException;

/** An input argument that cannot be used; the message is {@code path: reason}. */
public final class InputException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final String reason;

  /** An error for {@code path}. */
  public InputException(String path, String reason, Throwable cause) {
    super(path + ": " + reason, cause);
    this.path = path;
    this.reason = reason;
  }

  /** The path as given. */
  public String path() {
    return path;
  }

  /** Why it cannot be used. */
  public String reason() {
    return reason;
  }
}
