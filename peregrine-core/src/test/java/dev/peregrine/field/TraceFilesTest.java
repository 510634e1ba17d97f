package dev.peregrine.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.TestRepo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the catalogue over the upstream k8s_audit trace files. */
class TraceFilesTest {


  private static Path traceDir() {
    return TestRepo.upstream("falco-k8s-audit-tests/test/trace_files/k8s_audit");
  }

  private static List<AuditEvent> events(String file) throws IOException {
    List<AuditEvent> out = new ArrayList<>();
    for (String line : Files.readAllLines(traceDir().resolve(file))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = Json.mapper().readTree(line);
      if (n instanceof ObjectNode o) {
        out.add(new AuditEvent(o, 0L, file, out.size() + 1));
      }
    }
    return out;
  }

  private static AuditEvent single(String file) throws IOException {
    List<AuditEvent> all = events(file);
    assertThat(all).as(file).hasSize(1);
    return all.get(0);
  }

  @Test
  void everyFieldExtractsFromEveryEventWithoutError() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(traceDir())) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    int events = 0;
    for (Path f : files) {
      for (AuditEvent e : events(f.getFileName().toString())) {
        events++;
        for (FieldDef d : Fx.REG.all()) {
          Extractor x = d.bind(d.arg() == ArgKind.KEY ? "/kind" : null);
          x.jsonValue(e);
          x.string(e);
        }
        if (e.hasAuditId()) {
          assertThat(Fx.str("ka.auditid", e)).isNotBlank();
        }
      }
    }
    assertThat(events).isGreaterThan(30);
  }

  @Test
  void privilegedPods() throws IOException {
    AuditEvent first = single("create_nginx_pod_privileged.json");
    assertThat(Fx.list("ka.req.pod.containers.privileged", first)).contains("true");
    assertThat(Fx.str("ka.req.container.privileged", first)).isEqualTo("true");
    AuditEvent second = single("create_nginx_pod_privileged_2nd_container.json");
    assertThat(Fx.str("ka.req.container.privileged", second)).isEqualTo("true");
    AuditEvent none = single("create_nginx_pod_unprivileged.json");
    assertThat(Fx.str("ka.req.container.privileged", none)).isEqualTo("false");
    assertThat(Fx.list("ka.req.pod.containers.image.repository", none)).contains("nginx");
  }

  @Test
  void sensitiveMountsAndExec() throws IOException {
    AuditEvent mount = single("create_nginx_pod_sensitive_mount_2nd_container.json");
    assertThat(Fx.list("ka.req.pod.volumes.hostpath", mount)).containsExactly("/etc");
    assertThat(Fx.str("ka.req.volume.hostpath", "/etc", mount)).isEqualTo("true");
    AuditEvent exec = single("exec_pod.json");
    assertThat(Fx.str("ka.uri.param", "command", exec)).isEqualTo("bash");
    assertThat(Fx.str("ka.target.subresource", exec)).isEqualTo("exec");
    assertThat(Fx.str("jevt.value", "/stage", exec)).isEqualTo(Fx.str("ka.stage", exec));
  }
}
