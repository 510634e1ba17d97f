package dev.peregrine.cli;

import dev.peregrine.TestRepo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.DecodeLimits;
import dev.peregrine.event.Format;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code peregrine replay} on managed-cluster exports, as a new user runs it: no flags. */
class ManagedFormatsReplayTest {
  static Path example(String name) {
    return TestRepo.repoRoot().resolve("examples/managed").resolve(name);
  }

  @Test
  void replayAksExport_withoutFlags() {
    ReplayCommandTest.Run r =
        ReplayCommandTest.run("replay", example("aks-export.json").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Warning K8s configmap with private credential"
        + " (user=mallory@contoso.com verb=create resource=configmaps configmap=billing-env"
        + " namespace=payments)");
    assertThat(r.out()).contains("Notice Attach/Exec to pod (user=mallory@contoso.com"
        + " pod=billing-api-6d9f7 ns=payments action=exec command=sh)");
    assertThat(r.err()).contains("Events read: 3, invalid records: 0");
  }

  @Test
  void replayGkeExport_withoutFlags() {
    ReplayCommandTest.Run r =
        ReplayCommandTest.run("replay", example("gke-export.json").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Warning K8s configmap with private credential"
        + " (user=mallory@example.com verb=create resource=configmaps configmap=billing-env"
        + " namespace=payments)");
    assertThat(r.out()).contains("Notice Attach/Exec to pod (user=mallory@example.com"
        + " pod=billing-api-6d9f7 ns=payments action=exec command=sh)");
    assertThat(r.err()).contains("Events read: 4, invalid records: 0");
  }

  @Test
  void replayEksExports_andADirectoryOfThemAll() {
    ReplayCommandTest.Run r = ReplayCommandTest.run("replay",
        example("eks-lambda-event.json").toString(), example("eks-export.json").toString());
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("user=arn:aws:iam::111122223333:user/mallory verb=create");
    assertThat(r.err()).contains("Events read: 6, invalid records: 0");
    ReplayCommandTest.Run all = ReplayCommandTest.run("replay", "--strict",
        example("").toString());
    assertThat(all.status()).isZero();
    assertThat(all.err()).contains("Events read: 17, invalid records: 0");
  }

  @Command(name = "t")
  static final class WithFormat implements Runnable {
    @Mixin FormatOption formatOption;

    @Override
    public void run() {}
  }

  @Test
  void formatOption_parsesNamesAndRejectsOthers() {
    WithFormat cmd = new WithFormat();
    new CommandLine(cmd).parseArgs("--format", "GKE");
    assertThat(cmd.formatOption.decoder(DecodeLimits.defaults()).format()).isEqualTo(Format.GKE);
    WithFormat dflt = new WithFormat();
    new CommandLine(dflt).parseArgs();
    assertThat(dflt.formatOption.decoder(DecodeLimits.defaults()).format())
        .isEqualTo(Format.AUTO);
    StringWriter err = new StringWriter();
    int status = new CommandLine(new WithFormat()).setErr(new PrintWriter(err))
        .execute("--format", "cloudtrail");
    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("unknown format 'cloudtrail' (expected auto, k8s, eks,"
        + " gke or aks)");
  }
}
