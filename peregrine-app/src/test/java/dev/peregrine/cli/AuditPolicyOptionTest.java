package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code --audit-policy} mixin as an ingesting command would use it. */
class AuditPolicyOptionTest {
  @TempDir Path tmp;

  @CommandLine.Command(name = "ingest")
  static final class Ingest implements Callable<Integer> {
    @CommandLine.Mixin AuditPolicyOption auditPolicy;
    Function<AuditEvent, Optional<AuditEvent>> enforcer;

    @Override
    public Integer call() {
      enforcer = auditPolicy.enforcer();
      return 0;
    }
  }

  record Run(int status, Ingest cmd, String err) {}

  static Run run(String... args) {
    Ingest cmd = new Ingest();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(cmd);
    cl.setErr(new PrintWriter(err));
    cl.setOut(new PrintWriter(new StringWriter()));
    int status = cl.execute(args);
    return new Run(status, cmd, err.toString());
  }

  static AuditEvent secretGet() throws IOException {
    return new AuditEvent((ObjectNode) Json.mapper().readTree("{\"level\":\"RequestResponse\","
        + "\"stage\":\"ResponseComplete\",\"verb\":\"get\",\"user\":{\"username\":\"alice\"},"
        + "\"objectRef\":{\"resource\":\"secrets\",\"namespace\":\"shop\"},"
        + "\"responseObject\":{\"data\":{\"password\":\"c2VjcmV0\"}}}"), 0, "t", 1);
  }

  @Test
  void withoutOption_passesEventsThroughUnchanged() throws IOException {
    Run r = run();
    assertThat(r.status()).isZero();
    AuditEvent e = secretGet();
    assertThat(r.cmd().enforcer.apply(e)).containsSame(e);
    assertThat(r.cmd().auditPolicy.file()).isNull();
  }

  @Test
  void withPolicy_stripsAndDropsAsTheApiserver() throws IOException {
    Path p = tmp.resolve("p.yaml");
    Files.writeString(p, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n"
        + "- level: None\n  users: [bob]\n- level: Metadata\n");
    Run r = run("--audit-policy", p.toString());
    assertThat(r.status()).isZero();
    AuditEvent out = r.cmd().enforcer.apply(secretGet()).orElseThrow();
    assertThat(out.json().has("responseObject")).isFalse();
    assertThat(out.json().get("level").asText()).isEqualTo("Metadata");
  }

  @Test
  void invalidPolicy_printsTheIssuesAndExitsWithUsageStatus() throws IOException {
    Path p = tmp.resolve("bad.yaml");
    Files.writeString(p, "apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n");
    Run r = run("--audit-policy", p.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("loaded illegal policy with 0 rules")
        .contains("--audit-policy " + p + ": not a policy kube-apiserver would load");
  }
}
