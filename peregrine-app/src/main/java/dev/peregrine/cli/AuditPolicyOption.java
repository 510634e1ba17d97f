package dev.peregrine.cli;

import dev.peregrine.auditpolicy.Policy;
import dev.peregrine.auditpolicy.PolicyEnforcer;
import dev.peregrine.event.AuditEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --audit-policy FILE} option of commands that ingest events: each event is passed
 * through the policy as kube-apiserver would have applied it (dropped at level None or when its
 * stage is omitted, bodies stripped by level, managedFields removed when asked), before rules run.
 * Use as a picocli {@code @Mixin} and call {@link #enforcer()} once before reading events.
 */
public final class AuditPolicyOption {
  @Option(names = "--audit-policy", paramLabel = "FILE",
      description = "Apply this audit policy (audit.k8s.io/v1) to every event before the rules,"
          + " as kube-apiserver would have: drop level None and omitted stages, strip bodies"
          + " by level and managedFields when asked.")
  Path file;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec mixee;

  /** The policy file, or null when the option was not given. */
  public Path file() {
    return file;
  }

  /**
   * The function to pass each event through: the identity without {@code --audit-policy};
   * otherwise the policy's enforcement, empty for a dropped event.
   *
   * @throws CommandLine.ParameterException when the file cannot be read or the apiserver would
   *     refuse the policy; the problems are printed to the command's error stream first, and
   *     picocli exits with the usage status
   */
  public Function<AuditEvent, Optional<AuditEvent>> enforcer() {
    if (file == null) {
      return Optional::of;
    }
    PrintWriter err = mixee.commandLine().getErr();
    Optional<Policy> policy = PolicySimulateCommand.loadValid(file, err)
        .map(v -> v.policy());
    if (policy.isEmpty()) {
      throw new CommandLine.ParameterException(mixee.commandLine(),
          "--audit-policy " + file + ": not a policy kube-apiserver would load");
    }
    return new PolicyEnforcer(policy.get())::enforce;
  }
}
