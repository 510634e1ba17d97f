package dev.peregrine.cli;

import dev.peregrine.source.Limits;
import dev.peregrine.source.ServeConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key a Peregrine config file may hold, its type and its default. The names are
 * falco.yaml's where Falco has the setting; Peregrine's own additions are marked in
 * docs/outputs.md.
 */
final class ConfigKeys {
  private ConfigKeys() {}

  /** The kinds of value a key takes. */
  enum Type {
    BOOL, INT, STRING, STRING_LIST, PRIORITY, MATCHING, SYSLOG_FORMAT, DURATION, MAP
  }

  /** One key: dotted path, type and default value (already of the Java type of {@code type}). */
  record Key(String path, Type type, Object defaultValue) {}

  /** By dotted path, in documentation order. */
  static final Map<String, Key> KEYS = keys();

  /**
   * falco.yaml keys Peregrine reads nothing from, top-level or dotted; they get a gentler warning.
   * The {@code webserver} and {@code metrics} ones have no counterpart in {@code serve}: it runs
   * a fixed HTTP thread pool, answers health checks at {@code /healthz}, and keeps no periodic
   * metrics snapshots (docs/outputs.md).
   */
  static final Set<String> FALCO_ONLY = Set.of("log_stderr", "log_syslog", "log_level",
      "libs_logger", "load_plugins", "plugins", "config_files", "watch_config_files",
      "append_output", "static_fields", "buffer_format_base64", "engine", "base_syscalls",
      "falco_libs", "container_engines", "rules", "output_timeout_notice", "capture",
      "syscall_event_drops", "syscall_event_timeouts", "file_output_rotate", "grpc",
      "grpc_output", "outputs", "rule_file", "json_include_output_fields_property_v2",
      "modern_bpf", "plugins_hostinfo", "priority_override",
      "webserver.threadiness", "webserver.k8s_healthz_endpoint",
      "metrics.interval", "metrics.output_rule", "metrics.output_file",
      "metrics.rules_counters_enabled", "metrics.resource_utilization_enabled",
      "metrics.state_counters_enabled", "metrics.kernel_event_counters_enabled",
      "metrics.kernel_event_counters_per_cpu_enabled", "metrics.libbpf_stats_enabled",
      "metrics.plugins_metrics_enabled", "metrics.jemalloc_stats_enabled",
      "metrics.convert_memory_to_mb", "metrics.include_empty_values");

  private static Map<String, Key> keys() {
    Map<String, Key> m = new LinkedHashMap<>();
    add(m, "rules_files", Type.STRING_LIST, List.of());
    add(m, "rules_file", Type.STRING_LIST, List.of());
    add(m, "json_output", Type.BOOL, false);
    add(m, "json_include_output_property", Type.BOOL, true);
    add(m, "json_include_output_fields_property", Type.BOOL, true);
    add(m, "json_include_tags_property", Type.BOOL, true);
    add(m, "json_include_message_property", Type.BOOL, false);
    add(m, "priority", Type.PRIORITY, dev.peregrine.rules.Priority.DEBUG);
    add(m, "rule_matching", Type.MATCHING, false);
    add(m, "buffered_outputs", Type.BOOL, false);
    add(m, "time_format_iso_8601", Type.BOOL, false);
    add(m, "output_timeout", Type.INT, 2000L);
    add(m, "outputs_queue.capacity", Type.INT, 0L);
    add(m, "stdout_output.enabled", Type.BOOL, true);
    add(m, "file_output.enabled", Type.BOOL, false);
    add(m, "file_output.keep_alive", Type.BOOL, false);
    add(m, "file_output.filename", Type.STRING, "./events.txt");
    add(m, "http_output.enabled", Type.BOOL, false);
    add(m, "http_output.url", Type.STRING, "");
    add(m, "http_output.user_agent", Type.STRING, "falcosecurity/falco");
    add(m, "http_output.insecure", Type.BOOL, false);
    add(m, "http_output.ca_cert", Type.STRING, "");
    add(m, "http_output.ca_bundle", Type.STRING, "");
    add(m, "http_output.ca_path", Type.STRING, "/etc/ssl/certs");
    add(m, "http_output.mtls", Type.BOOL, false);
    add(m, "http_output.client_cert", Type.STRING, "/etc/ssl/certs/client.crt");
    add(m, "http_output.client_key", Type.STRING, "/etc/ssl/certs/client.key");
    add(m, "http_output.echo", Type.BOOL, false);
    add(m, "http_output.compress_uploads", Type.BOOL, false);
    add(m, "http_output.keep_alive", Type.BOOL, false);
    add(m, "http_output.max_consecutive_timeouts", Type.INT, 5L);
    add(m, "http_output.custom_headers", Type.MAP, Map.of());
    add(m, "http_output.ascii_output", Type.BOOL, true);
    add(m, "program_output.enabled", Type.BOOL, false);
    add(m, "program_output.keep_alive", Type.BOOL, false);
    add(m, "program_output.program", Type.STRING, "");
    add(m, "syslog_output.enabled", Type.BOOL, false);
    add(m, "syslog_output.host", Type.STRING, "127.0.0.1");
    add(m, "syslog_output.port", Type.INT, 514L);
    add(m, "syslog_output.format", Type.SYSLOG_FORMAT, "rfc3164");
    add(m, "dedup.window", Type.DURATION, Duration.ZERO);
    add(m, "dedup.fields", Type.STRING_LIST, List.of());
    add(m, "webserver.enabled", Type.BOOL, true);
    add(m, "webserver.listen_address", Type.STRING, ServeConfig.DEFAULT_HOST);
    add(m, "webserver.listen_port", Type.INT, (long) ServeConfig.DEFAULT_PORT);
    add(m, "webserver.k8s_audit_endpoint", Type.STRING_LIST, List.of());
    add(m, "webserver.prometheus_metrics_enabled", Type.BOOL, true);
    add(m, "webserver.ssl_enabled", Type.BOOL, false);
    add(m, "webserver.ssl_certificate", Type.STRING, "/etc/falco/falco.pem");
    add(m, "webserver.ssl_key", Type.STRING, "");
    add(m, "webserver.ssl_client_ca", Type.STRING, "");
    add(m, "webserver.token_file", Type.STRING, "");
    add(m, "spool.directory", Type.STRING, "");
    add(m, "spool.max_bytes", Type.INT, ServeConfig.DEFAULT_SPOOL_MAX_BYTES);
    add(m, "limits.max_body_bytes", Type.INT, Limits.DEFAULT_MAX_BODY_BYTES);
    add(m, "limits.queue_events", Type.INT, (long) Limits.DEFAULT_QUEUE_EVENTS);
    add(m, "metrics.enabled", Type.BOOL, true);
    return m;
  }

  private static void add(Map<String, Key> m, String path, Type type, Object def) {
    m.put(path, new Key(path, type, def));
  }

  /** True when {@code path} is a section that has keys below it (such as {@code http_output}). */
  static boolean isSection(String path) {
    String prefix = path + ".";
    return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** The MAP key {@code path} lies in or is, or null. */
  static Key mapKey(String path) {
    for (Key k : KEYS.values()) {
      if (k.type() == Type.MAP && (path.equals(k.path()) || path.startsWith(k.path() + "."))) {
        return k;
      }
    }
    return null;
  }
}
