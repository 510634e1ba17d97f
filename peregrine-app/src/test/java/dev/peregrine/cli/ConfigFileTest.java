package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peregrine.diag.Issue;
import dev.peregrine.rules.Priority;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The config file: falco.yaml keys, defaults, overrides and errors with file:line:col. */
class ConfigFileTest {
  static ConfigFile read(String yaml) {
    return new ConfigFile().read("peregrine.yaml", yaml);
  }

  @Test
  void shippedDefaultConfig_loadsWithoutIssues_andEqualsTheBuiltInDefaults() throws Exception {
    String text = Files.readString(TestRepo.repoRoot().resolve("peregrine.yaml"));
    ConfigFile f = read(text);
    assertThat(f.issues()).isEmpty();
    assertThat(f.toConfig()).isEqualTo(new ConfigFile().toConfig());
  }

  @Test
  void falcoKeys_areRead() throws ConfigException {
    Config c = read("""
        rules_files: [/etc/falco/k8s_audit_rules.yaml, /etc/falco/rules.d]
        json_output: true
        json_include_tags_property: false
        priority: info
        rule_matching: all
        http_output:
          enabled: true
          url: "http://falcosidekick:2801/"
          custom_headers: {Authorization: Bearer x}
        file_output: {enabled: true, keep_alive: true, filename: /tmp/e.txt}
        webserver: {listen_port: 9765, k8s_audit_endpoint: /k8s-audit}
        """).toConfig();
    assertThat(c.rulesFiles()).containsExactly("/etc/falco/k8s_audit_rules.yaml",
        "/etc/falco/rules.d");
    assertThat(c.json().enabled()).isTrue();
    assertThat(c.json().tags()).isFalse();
    assertThat(c.priority()).isEqualTo(Priority.INFORMATIONAL);
    assertThat(c.matchAll()).isTrue();
    assertThat(c.http().url()).isEqualTo("http://falcosidekick:2801/");
    assertThat(c.http().customHeaders()).containsEntry("Authorization", "Bearer x");
    assertThat(c.file()).isEqualTo(new Config.FileOut(true, true, "/tmp/e.txt"));
    assertThat(c.webserver().listenPort()).isEqualTo(9765);
    assertThat(c.webserver().auditEndpoints()).containsExactly("/k8s-audit");
    assertThat(c.stdout()).isTrue();
  }

  @Test
  void unknownKey_isAWarningWithFileLineColumn() throws ConfigException {
    ConfigFile f = read("""
        json_output: true
        http_output:
          enabled: false
          urll: http://x/
        log_level: info
        """);
    assertThat(f.issues()).extracting(Issue::isError).containsOnly(false);
    assertThat(f.issues().get(0).render()).isEqualTo("""
        peregrine.yaml:4:3: warning: unknown key 'http_output.urll'; ignored \
        [CONFIG_UNKNOWN_KEY]
          |   urll: http://x/
          |   ^""");
    assertThat(f.issues().get(1).toString()).startsWith("peregrine.yaml:5:1: warning:")
        .contains("falco.yaml key 'log_level' is not used");
    assertThat(f.toConfig().json().enabled()).isTrue();
  }

  @Test
  void wrongType_isAnErrorWithFileLineColumn() {
    ConfigFile f = read("""
        stdout_output:
          enabled: yes
        outputs_queue:
          capacity: [1]
        """);
    assertThatThrownBy(f::toConfig).isInstanceOf(ConfigException.class)
        .hasMessageContaining("peregrine.yaml:2:12: error: stdout_output.enabled: 'yes' is not"
            + " a boolean; expected true or false")
        .hasMessageContaining("peregrine.yaml:4:13: error: outputs_queue.capacity: expected an"
            + " integer");
  }

  @Test
  void semanticErrors_pointAtTheValue() {
    ConfigFile f = read("""
        http_output:
          enabled: true
          url: falcosidekick:2801
        syslog_output:
          port: 70000
        """);
    assertThatThrownBy(f::toConfig).hasMessageContaining("peregrine.yaml:5:9: error:"
        + " syslog_output.port: 70000 is out of range 1..65535");
    f = read("http_output:\n  enabled: true\n  url: falcosidekick:2801\n");
    assertThatThrownBy(f::toConfig).hasMessageContaining("peregrine.yaml:3:8: error:"
        + " http_output is enabled but url 'falcosidekick:2801' is not");
  }

  @Test
  void serveSections_areTyped_withServeDefaults() throws ConfigException {
    Config defaults = new ConfigFile().toConfig();
    assertThat(defaults.webserver()).isEqualTo(new Config.Webserver(true, "0.0.0.0", 8765,
        List.of(), true, false, "/etc/falco/falco.pem", "", "", ""));
    assertThat(defaults.spool()).isEqualTo(new Config.Spool("", 1L << 30));
    assertThat(defaults.limits()).isEqualTo(new Config.Limits(12L * 1024 * 1024, 10_000));
    assertThat(defaults.metrics()).isEqualTo(new Config.Metrics(true));

    ConfigFile f = read("""
        webserver:
          enabled: true
          threadiness: 0
          listen_port: 9765
          listen_address: 127.0.0.1
          k8s_healthz_endpoint: /healthz
          k8s_audit_endpoint: [/a, /b]
          prometheus_metrics_enabled: false
          ssl_enabled: true
          ssl_certificate: /etc/peregrine/tls.pem
          token_file: /etc/peregrine/tokens
        spool: {directory: /var/lib/peregrine/spool, max_bytes: 1048576}
        limits: {max_body_bytes: 1000, queue_events: 50}
        metrics:
          enabled: true
          interval: 1h
        """);
    Config c = f.toConfig();
    assertThat(c.webserver()).isEqualTo(new Config.Webserver(true, "127.0.0.1", 9765,
        List.of("/a", "/b"), false, true, "/etc/peregrine/tls.pem", "", "",
        "/etc/peregrine/tokens"));
    assertThat(c.spool()).isEqualTo(new Config.Spool("/var/lib/peregrine/spool", 1048576));
    assertThat(c.limits()).isEqualTo(new Config.Limits(1000, 50));
    assertThat(f.issues()).extracting(Issue::toString).hasSize(3).allSatisfy(
        i -> assertThat(i).contains("warning: falco.yaml key", "is not used by Peregrine"));
    assertThat(f.issues().get(0).toString()).startsWith("peregrine.yaml:3:3:")
        .contains("'webserver.threadiness'");
    assertThat(f.issues().get(2).toString()).startsWith("peregrine.yaml:16:3:")
        .contains("'metrics.interval'");
  }

  @Test
  void serveSections_badValues_areErrorsWithFileLineColumn() {
    ConfigFile f = read("""
        webserver:
          listen_port: 70000
          k8s_audit_endpoint: k8s-audit
          ssl_client_ca: /ca.pem
        spool:
          max_bytes: 0
        limits:
          max_body_bytes: 12MiB
          queue_events: -1
        metrics:
          enabled: yes
        """);
    assertThatThrownBy(f::toConfig).isInstanceOf(ConfigException.class)
        .hasMessageContaining("peregrine.yaml:2:16: error: webserver.listen_port: 70000 is out"
            + " of range 0..65535")
        .hasMessageContaining("peregrine.yaml:6:14: error: spool.max_bytes: 0 is out of range")
        .hasMessageContaining("peregrine.yaml:8:19: error: limits.max_body_bytes: '12MiB' is"
            + " not an integer")
        .hasMessageContaining("peregrine.yaml:9:17: error: limits.queue_events: -1 is out of"
            + " range")
        .hasMessageContaining("peregrine.yaml:11:12: error: metrics.enabled: 'yes' is not a"
            + " boolean");
    f = read("""
        webserver:
          k8s_audit_endpoint: k8s-audit
          ssl_client_ca: /ca.pem
        """);
    assertThatThrownBy(f::toConfig)
        .hasMessageContaining("peregrine.yaml:2:23: error: webserver.k8s_audit_endpoint:"
            + " 'k8s-audit' does not start with /")
        .hasMessageContaining("peregrine.yaml:3:18: error: webserver.ssl_client_ca needs TLS");
    f = read("webserver:\n  ssl_enabled: true\n  ssl_certificate: ''\n");
    assertThatThrownBy(f::toConfig).hasMessageContaining("peregrine.yaml:3:20: error:"
        + " webserver.ssl_enabled is true but ssl_certificate is empty");
  }

  @Test
  void yamlSyntaxError_hasAPosition() {
    ConfigFile f = read("json_output: true\nhttp_output: [\n");
    assertThat(f.issues()).singleElement().satisfies(i -> {
      assertThat(i.isError()).isTrue();
      assertThat(i.where()).startsWith("peregrine.yaml:3:");
    });
  }

  @Test
  void overrides_useDottedPaths_andWinOverTheFile() throws ConfigException {
    ConfigFile f = read("http_output:\n  url: http://a/\n");
    f.override("http_output.url", "http://b/");
    f.override("http_output.enabled", "true");
    f.override("file_output.enabled", "true");
    f.override("webserver.listen_port", "9000");
    f.override("dedup.window", "5m");
    f.override("rules_files", "a.yaml,b.yaml");
    Config c = f.toConfig();
    assertThat(c.http().enabled()).isTrue();
    assertThat(c.http().url()).isEqualTo("http://b/");
    assertThat(c.file().enabled()).isTrue();
    assertThat(c.webserver().listenPort()).isEqualTo(9000);
    assertThat(c.dedup().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.rulesFiles()).containsExactly("a.yaml", "b.yaml");
    assertThatThrownBy(() -> f.override("http_output.nope", "1"))
        .hasMessage("-o: unknown setting 'http_output.nope'");
    assertThatThrownBy(() -> f.override("json_output", "maybe"))
        .hasMessageContaining("json_output: 'maybe' is not a boolean");
  }

  @Test
  void replay_badConfig_exitsOneWithThePlace() throws IOException {
    var dir = Files.createTempDirectory("cfg");
    var cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "json_output: 3\n");
    ReplayCommandTest.Run r = ReplayCommandTest.run("replay", "-c", cfg.toString(),
        ReplayCommandTest.example().toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains(cfg + ":1:14: error: json_output: '3' is not a boolean");
  }
}
