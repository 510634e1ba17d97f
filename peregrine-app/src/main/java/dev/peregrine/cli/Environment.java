package dev.peregrine.cli;

import dev.peregrine.field.FieldRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;

/** Facts taken from the process environment, in one place. */
final class Environment {
  private Environment() {}

  /** {@code FALCO_HOSTNAME} if set (as Falco does), else the machine's host name. */
  static String hostname() {
    String env = System.getenv("FALCO_HOSTNAME");
    if (env != null && !env.isEmpty()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** The zone for text times: the JVM default (honours {@code TZ}). */
  static ZoneId zone() {
    return ZoneId.systemDefault();
  }

  /** The standard field catalogue for this process's zone and host name. */
  static FieldRegistry registry() {
    return FieldRegistry.standard(zone(), hostname());
  }
}
