package dev.peregrine.cli;

import dev.peregrine.auditpolicy.PolicyGenerator;
import dev.peregrine.auditpolicy.PolicyLoader;
import dev.peregrine.auditpolicy.PolicySimulator;
import dev.peregrine.auditpolicy.SimulationReport;
import dev.peregrine.diag.Issue;
import dev.peregrine.diag.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peregrine policy generate}: propose a policy from recorded traffic. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Propose an audit policy from recorded traffic that keeps every event the"
        + " detection rules alert on at the level they need and drops or reduces the noise"
        + " (system components' reads, leases, endpoints, health checks; secrets at Metadata).",
        "Prints the policy as YAML with the expected saving on the same logs in its header."})
final class PolicyGenerateCommand implements Callable<Integer> {
  @CommandLine.Mixin DetectionLogs input;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE",
      description = "Write the policy to FILE instead of stdout.")
  Path output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<DetectionLogs.Opened> opened = input.open(err);
    if (opened.isEmpty()) {
      return 1;
    }
    Detections det = opened.get().detections();
    PolicyInputs inputs = opened.get().inputs();
    PolicyGenerator gen = new PolicyGenerator(det.detector());
    inputs.replay("observe", true, gen::observe);
    PolicyGenerator.Proposal p = gen.propose();
    PolicyLoader.Verdict v = new PolicyLoader()
        .load(new SourceFile("generated", p.yaml(List.of())));
    if (!v.accepted()) {
      v.errors().forEach(i -> err.println(i.render()));
      err.println("peregrine: the generated policy does not load; this is a bug");
      return 1;
    }
    PolicySimulator sim = new PolicySimulator(v.policy(), det.detector());
    inputs.replay("simulate", false, sim::accept);
    SimulationReport r = sim.report();
    String yaml = p.yaml(header(inputs.names(), det.names(), p, r));
    if (output == null) {
      spec.commandLine().getOut().print(yaml);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(output, yaml, StandardCharsets.UTF_8);
    }
    err.println(summary(r));
    err.flush();
    return 0;
  }

  static List<String> header(List<String> logs, List<String> detections,
      PolicyGenerator.Proposal p, SimulationReport r) {
    List<String> h = new ArrayList<>();
    h.add("Audit policy proposed by 'peregrine policy generate' from " + String.join(", ", logs));
    h.add("Detection rules: " + String.join(", ", detections));
    h.add("");
    h.add("Expected on those logs: " + summary(r));
    long alerts = r.detections().stream().mapToLong(SimulationReport.DetectionRow::alertsBefore)
        .sum();
    h.add(String.format(Locale.ROOT, "Alerts kept: %d of %d on %d alerting event(s)%s",
        alerts - r.lostAlerts(), alerts, p.alertingEvents(),
        r.detectionLoss() ? " (SOME ARE LOST, see 'peregrine policy simulate')" : ""));
    p.alertsByRule().forEach((rule, n) -> h.add("  " + rule + ": " + n));
    h.add("");
    h.add("Review before use: rules are tried top to bottom, the first match decides.");
    return h;
  }

  static String summary(SimulationReport r) {
    SimulationReport.Totals t = r.total();
    return String.format(Locale.ROOT, "%,d events -> %,d kept, %s -> %s (%s saved)",
        t.events(), t.eventsKept(), Sizes.human(t.bytesIn()), Sizes.human(t.bytesKept()),
        Sizes.percent(t.savedPercent()));
  }

  /** Issues of the round trip, for tests. */
  static List<Issue> issues(String yaml) {
    return new PolicyLoader().load(new SourceFile("generated", yaml)).issues();
  }
}
