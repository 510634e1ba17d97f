package dev.peregrine.cli;

import dev.peregrine.auditpolicy.PolicyLoader;
import dev.peregrine.auditpolicy.PolicySimulator;
import dev.peregrine.diag.Issue;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peregrine policy simulate}: what a policy would have done to a recorded log. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Replay recorded audit events through an audit policy as kube-apiserver"
        + " would apply it, and report per policy rule the events matched and the bytes kept,"
        + " the total saving, and which detection rules would lose their input.",
        "Sizes are the bytes of each event's JSON line. Exit status 0, 1 on errors (invalid"
            + " policy or rules, unreadable input), 3 with --fail-on-loss when an alert is"
            + " lost."})
final class PolicySimulateCommand implements Callable<Integer> {
  /** Exit status with {@code --fail-on-loss} when some detection loses an alert. */
  static final int EXIT_LOSS = 3;

  @Option(names = {"-p", "--policy"}, required = true, paramLabel = "POLICY",
      description = "The audit policy file.")
  Path policy;

  @CommandLine.Mixin DetectionLogs input;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Option(names = "--html", paramLabel = "FILE",
      description = "Also write a self-contained HTML report with charts to FILE.")
  Path html;

  @Option(names = "--fail-on-loss", description = "Exit with status 3 when a detection would"
      + " lose an alert.")
  boolean failOnLoss;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<PolicyLoader.Verdict> v = loadValid(policy, err);
    Optional<DetectionLogs.Opened> opened = v.isEmpty() ? Optional.empty() : input.open(err);
    if (opened.isEmpty()) {
      return 1;
    }
    Detections det = opened.get().detections();
    PolicyInputs inputs = opened.get().inputs();
    PolicySimulator sim = new PolicySimulator(v.get().policy(), det.detector());
    PolicyInputs.Pass pass = inputs.replay("simulate", true, sim::accept);
    SimulationRun run = new SimulationRun(policy.toString(), inputs.names(),
        det.names(), pass.decodeErrors(), sim.report());
    out.print(json ? SimulationJson.render(run).toPrettyString() + "\n"
        : SimulationText.render(run));
    out.flush();
    if (html != null) {
      Files.writeString(html, SimulationHtml.render(run), StandardCharsets.UTF_8);
      err.println("peregrine: wrote " + html);
      err.flush();
    }
    return failOnLoss && run.report().detectionLoss() ? EXIT_LOSS : 0;
  }

  /** The policy when the apiserver would accept it; otherwise prints why and is empty. */
  static Optional<PolicyLoader.Verdict> loadValid(Path file, PrintWriter err) {
    PolicyLoader.Verdict v = PolicyCommand.load(file, err);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.accepted()) {
      err.println(file + ": Invalid: the apiserver refuses this policy: "
          + v.apiserverMessage().orElse(""));
      for (Issue i : v.errors()) {
        err.println(i.render());
      }
      err.flush();
      return Optional.empty();
    }
    return Optional.of(v);
  }
}
