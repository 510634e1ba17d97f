package dev.peregrine.cli;

/**
 * Process signals, best effort: {@code SIGUSR1} reopens file outputs and restarts program
 * outputs, as in Falco. Uses the JDK's {@code sun.misc.Signal}; where it is unavailable the
 * handler is simply not installed (file outputs still notice rotation by themselves).
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} on every SIGUSR1; returns false if that cannot be arranged. */
  @SuppressWarnings("removal")
  static boolean onUsr1(Runnable action) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> action.run());
      return true;
    } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
      return false;
    }
  }
}
