package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peregrine policy validate|lint} as a user runs them. */
class PolicyCommandTest {
  @TempDir Path tmp;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new PolicyCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int status = cl.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static String article() {
    return TestRepo.repoRoot().resolve("examples/policy/article-policy.yaml").toString();
  }

  Path write(String text) throws IOException {
    Path p = tmp.resolve("policy.yaml");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void validate_articlePolicy_isValid() {
    Run r = run("validate", article());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Valid: the apiserver loads this policy (7 rule(s))")
        .contains("0 error(s), 0 warning(s)");
  }

  @Test
  void validate_invalidPolicy_printsApiserverVerdictWithCaretAndExitsOne() throws IOException {
    Path p = write("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Verbose\n");
    Run r = run("validate", p.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("Invalid: the apiserver refuses this policy: rules[0].level:"
        + " Unsupported value: \"Verbose\"");
    assertThat(r.out()).contains(p + ":4:10: error: rules[0].level: Unsupported value")
        .contains("  | - level: Verbose\n  |          ^");
  }

  @Test
  void lint_articlePolicy_warnsAboutConfigmapBodiesAndExitsZero() {
    Run r = run("lint", article());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("rules[4] logs configmaps at level Request").contains("[POL009]")
        .contains("Valid");
  }

  @Test
  void lint_json_listsFindings() throws IOException {
    Path p = write("apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n"
        + "  users: [\"*\"]\n");
    Run r = run("lint", "--json", p.toString());
    assertThat(r.status()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("valid").asBoolean()).isTrue();
    assertThat(j.get("findings").findValuesAsText("code")).contains("POL006", "POL005", "POL010");
    assertThat(j.get("findings").get(0).get("line").asInt()).isEqualTo(4);
  }

  @Test
  void lint_invalidPolicy_exitsOne() throws IOException {
    Path p = write("apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: None\n");
    Run r = run("lint", p.toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).contains("removed in Kubernetes 1.24").contains("Invalid");
  }

  @Test
  void validate_missingFile_exitsOne() {
    Run r = run("validate", tmp.resolve("nope.yaml").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("cannot read");
  }
}
