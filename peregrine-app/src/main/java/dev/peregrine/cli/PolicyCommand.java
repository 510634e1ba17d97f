package dev.peregrine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.auditpolicy.PolicyLinter;
import dev.peregrine.auditpolicy.PolicyLoader;
import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code peregrine policy}: check Kubernetes audit policies (audit.k8s.io/v1 Policy files). */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Check, simulate and generate Kubernetes audit policy files.",
    subcommands = {PolicyCommand.Validate.class, PolicyCommand.Lint.class,
        PolicySimulateCommand.class, PolicyGenerateCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Loads a policy file as the apiserver would; null (after a message) when unreadable. */
  static PolicyLoader.Verdict load(Path file, PrintWriter err) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return new PolicyLoader().load(new SourceFile(file.toString(), text));
    } catch (IOException | java.io.UncheckedIOException e) {
      err.println("peregrine: cannot read " + file + ": " + e.getMessage());
      err.flush();
      return null;
    }
  }

  static void summary(PrintWriter out, List<Issue> issues) {
    long errors = issues.stream().filter(Issue::isError).count();
    out.printf(Locale.ROOT, "%d error(s), %d warning(s)%n", errors, issues.size() - errors);
  }

  /** {@code policy validate FILE}: the apiserver's verdict; exit 1 when it would refuse it. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Load an audit policy exactly as kube-apiserver does (decode, validation,"
          + " at least one rule) and print its verdict and every problem with file:line:col."
          + " Exit status 1 when the apiserver would refuse the policy.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The policy file (YAML or JSON).")
    Path file;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PolicyLoader.Verdict v = load(file, spec.commandLine().getErr());
      if (v == null) {
        return 1;
      }
      if (v.accepted()) {
        out.printf(Locale.ROOT, "%s: Valid: the apiserver loads this policy (%d rule(s))%n",
            file, v.policy().rules().size());
      } else {
        out.printf(Locale.ROOT, "%s: Invalid: the apiserver refuses this policy: %s%n", file,
            v.apiserverMessage().orElse(""));
      }
      for (Issue i : v.issues()) {
        out.println(i.render());
      }
      summary(out, v.issues());
      out.flush();
      return v.accepted() ? 0 : 1;
    }
  }

  /** {@code policy lint FILE}: validation plus findings; exit 1 only on validation errors. */
  @Command(name = "lint", mixinStandardHelpOptions = true,
      description = "Validate an audit policy and report what it accepts but probably does not"
          + " mean (codes POL001...). Exit status 0 with only warnings, 1 when the policy is"
          + " invalid.")
  static final class Lint implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The policy file (YAML or JSON).")
    Path file;

    @Option(names = "--json", description = "Print the findings as one JSON object.")
    boolean json;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PolicyLoader.Verdict v = load(file, spec.commandLine().getErr());
      if (v == null) {
        return 1;
      }
      List<Issue> issues = new PolicyLinter().check(v);
      if (json) {
        out.println(toJson(v, issues));
      } else {
        for (Issue i : issues) {
          out.println(i.render());
        }
        out.printf(Locale.ROOT, "%s: %s%n", file, v.accepted() ? "Valid" : "Invalid");
        summary(out, issues);
      }
      out.flush();
      return v.accepted() ? 0 : 1;
    }

    private String toJson(PolicyLoader.Verdict v, List<Issue> issues) throws IOException {
      ObjectMapper m = new ObjectMapper();
      ObjectNode root = m.createObjectNode();
      root.put("file", file.toString());
      root.put("valid", v.accepted());
      v.apiserverMessage().ifPresent(s -> root.put("apiserverError", s));
      ArrayNode arr = root.putArray("findings");
      for (Issue i : issues) {
        ObjectNode o = arr.addObject();
        o.put("severity", i.severity().label());
        o.put("code", i.code());
        o.put("line", i.position().line());
        o.put("column", i.position().column());
        o.put("message", i.message());
      }
      return m.writeValueAsString(root);
    }
  }
}
