package dev.peregrine.output;

import dev.peregrine.engine.Alert;
import dev.peregrine.rules.Priority;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed alerts for output tests. */
final class Alerts {
  static final long T0 = 1_739_178_940_698_757_000L;

  private Alerts() {}

  /** A k8s_audit alert shaped like Falco's "Disallowed K8s User". */
  static Alert user(String user, long offsetNanos) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("evt.time", T0 + offsetNanos);
    f.put("ka.user.name", user);
    f.put("ka.verb", "patch");
    f.put("ka.response.code", "200");
    f.put("ka.target.namespace", null);
    String msg = "K8s Operation performed by user not in allowed list of users (user=" + user
        + " verb=patch resp=200)";
    return new Alert("Disallowed K8s User", Priority.WARNING, "k8s_audit", List.of("k8s"),
        T0 + offsetNanos, "09:15:40.698757000: Warning " + msg, msg, f);
  }

  static Alert user(String user) {
    return user(user, 0);
  }

  /** The text of the n-th alert's user in sequences. */
  static Alert numbered(int n) {
    return user("user-" + n, n);
  }

  static AlertFormatter json() {
    return new AlertFormatter(AlertFormatter.JsonOptions.defaults(), "node-1");
  }

  static AlertFormatter text() {
    return new AlertFormatter(null, "node-1");
  }
}
