package dev.peregrine.cli;

import dev.peregrine.rules.Priority;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective settings of a run: defaults, then the config file ({@code -c}), then {@code -o}
 * overrides, then command-line flags. Shared by {@code replay} and {@code serve}.
 *
 * @param rulesFiles rules files and directories ({@code rules_files}); empty means built-in
 * @param json alert format options
 * @param priority minimum rule priority loaded
 * @param matchAll {@code rule_matching: all}
 * @param buffered {@code buffered_outputs}
 * @param timeIso8601 {@code time_format_iso_8601}
 * @param outputTimeout {@code output_timeout}: per HTTP attempt, per program run, close wait
 * @param queueCapacity {@code outputs_queue.capacity}, 0 meaning Peregrine's default bound
 * @param stdout {@code stdout_output.enabled}
 * @param file {@code file_output}
 * @param http {@code http_output}
 * @param program {@code program_output}
 * @param syslog {@code syslog_output}
 * @param dedup alert aggregation (Peregrine)
 * @param webserver {@code webserver}: where and how {@code serve} listens
 * @param spool {@code spool}: the durable spool of {@code serve}
 * @param limits {@code limits}: request and queue limits of {@code serve}
 * @param metrics {@code metrics}: the Prometheus endpoint of {@code serve}
 */
record Config(List<String> rulesFiles, Json json, Priority priority, boolean matchAll,
    boolean buffered, boolean timeIso8601, Duration outputTimeout, int queueCapacity,
    boolean stdout, FileOut file, HttpOut http, ProgramOut program, SyslogOut syslog,
    Dedup dedup, Webserver webserver, Spool spool, Limits limits, Metrics metrics) {

  /** {@code json_output} and the {@code json_include_*_property} keys. */
  record Json(boolean enabled, boolean output, boolean outputFields, boolean tags,
      boolean message) {}

  /** {@code file_output}. */
  record FileOut(boolean enabled, boolean keepAlive, String filename) {}

  /** {@code http_output}; {@code customHeaders} and {@code asciiOutput} are Peregrine's. */
  record HttpOut(boolean enabled, String url, String userAgent, boolean insecure, String caCert,
      String caBundle, String caPath, boolean mtls, String clientCert, String clientKey,
      boolean echo, boolean compressUploads, boolean keepAlive, int maxConsecutiveTimeouts,
      Map<String, String> customHeaders, boolean asciiOutput) {}

  /** {@code program_output}. */
  record ProgramOut(boolean enabled, boolean keepAlive, String program) {}

  /** {@code syslog_output}; host, port and format are Peregrine's. */
  record SyslogOut(boolean enabled, String host, int port, String format) {}

  /** {@code dedup}: a zero window means off. */
  record Dedup(Duration window, List<String> fields) {
    boolean enabled() {
      return !window.isZero();
    }
  }

  /**
   * {@code webserver}; the ssl_key, ssl_client_ca and token_file keys are Peregrine's. Empty
   * strings mean "not set": {@code auditEndpoints} empty means serve's default paths, {@code
   * sslKey} empty means the key is in the certificate file (as Falco's combined PEM).
   */
  record Webserver(boolean enabled, String listenAddress, int listenPort,
      List<String> auditEndpoints, boolean prometheusMetrics, boolean sslEnabled,
      String sslCertificate, String sslKey, String sslClientCa, String tokenFile) {}

  /** {@code spool} (Peregrine): an empty directory means no spool. */
  record Spool(String directory, long maxBytes) {}

  /** {@code limits} (Peregrine). */
  record Limits(long maxBodyBytes, int queueEvents) {}

  /**
   * {@code metrics}: {@code /metrics} is served when this and {@code
   * webserver.prometheus_metrics_enabled} are both true, as in Falco.
   */
  record Metrics(boolean enabled) {}

  /** Builds the record from values by path; missing paths take {@link ConfigKeys} defaults. */
  static Config of(Map<String, Object> v) {
    Values g = new Values(v);
    List<String> rules = g.list("rules_files").isEmpty() ? g.list("rules_file")
        : g.list("rules_files");
    return new Config(rules,
        new Json(g.bool("json_output"), g.bool("json_include_output_property"),
            g.bool("json_include_output_fields_property"), g.bool("json_include_tags_property"),
            g.bool("json_include_message_property")),
        (Priority) g.get("priority"), g.bool("rule_matching"), g.bool("buffered_outputs"),
        g.bool("time_format_iso_8601"), Duration.ofMillis(g.integer("output_timeout")),
        g.integer("outputs_queue.capacity"), g.bool("stdout_output.enabled"),
        new FileOut(g.bool("file_output.enabled"), g.bool("file_output.keep_alive"),
            g.string("file_output.filename")),
        http(g),
        new ProgramOut(g.bool("program_output.enabled"), g.bool("program_output.keep_alive"),
            g.string("program_output.program")),
        new SyslogOut(g.bool("syslog_output.enabled"), g.string("syslog_output.host"),
            g.integer("syslog_output.port"), g.string("syslog_output.format")),
        new Dedup((Duration) g.get("dedup.window"), g.list("dedup.fields")),
        webserver(g),
        new Spool(g.string("spool.directory"), g.longValue("spool.max_bytes")),
        new Limits(g.longValue("limits.max_body_bytes"), g.integer("limits.queue_events")),
        new Metrics(g.bool("metrics.enabled")));
  }

  private static Webserver webserver(Values g) {
    return new Webserver(g.bool("webserver.enabled"), g.string("webserver.listen_address"),
        g.integer("webserver.listen_port"), g.list("webserver.k8s_audit_endpoint"),
        g.bool("webserver.prometheus_metrics_enabled"), g.bool("webserver.ssl_enabled"),
        g.string("webserver.ssl_certificate"), g.string("webserver.ssl_key"),
        g.string("webserver.ssl_client_ca"), g.string("webserver.token_file"));
  }

  private static HttpOut http(Values g) {
    Map<String, String> headers = new LinkedHashMap<>();
    g.map("http_output.custom_headers").forEach((k, val) -> headers.put(k, String.valueOf(val)));
    return new HttpOut(g.bool("http_output.enabled"), unquote(g.string("http_output.url")),
        g.string("http_output.user_agent"), g.bool("http_output.insecure"),
        g.string("http_output.ca_cert"), g.string("http_output.ca_bundle"),
        g.string("http_output.ca_path"), g.bool("http_output.mtls"),
        g.string("http_output.client_cert"), g.string("http_output.client_key"),
        g.bool("http_output.echo"), g.bool("http_output.compress_uploads"),
        g.bool("http_output.keep_alive"), g.integer("http_output.max_consecutive_timeouts"),
        Map.copyOf(headers), g.bool("http_output.ascii_output"));
  }

  /** Falco strips surrounding double quotes from the URL. */
  private static String unquote(String url) {
    return url.length() >= 2 && url.startsWith("\"") && url.endsWith("\"")
        ? url.substring(1, url.length() - 1) : url;
  }

  /** Typed access with defaults. */
  private record Values(Map<String, Object> v) {
    Object get(String path) {
      Object o = v.get(path);
      return o != null ? o : ConfigKeys.KEYS.get(path).defaultValue();
    }

    boolean bool(String path) {
      return (Boolean) get(path);
    }

    int integer(String path) {
      return Math.toIntExact((Long) get(path));
    }

    long longValue(String path) {
      return (Long) get(path);
    }

    String string(String path) {
      return (String) get(path);
    }

    @SuppressWarnings("unchecked")
    List<String> list(String path) {
      return (List<String>) get(path);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(String path) {
      return (Map<String, Object>) get(path);
    }
  }
}
