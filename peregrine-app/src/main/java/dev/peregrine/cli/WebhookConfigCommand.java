package dev.peregrine.cli;

import dev.peregrine.source.TokenFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peregrine webhook-config}: prints the kubeconfig file kube-apiserver reads with {@code
 * --audit-webhook-config-file}, pointing at a {@code peregrine serve} endpoint.
 */
@Command(name = "webhook-config", mixinStandardHelpOptions = true,
    description = {"Print the kubeconfig for kube-apiserver's --audit-webhook-config-file.",
        "Files are embedded (base64 *-data keys), so the output stands alone."})
public final class WebhookConfigCommand implements Callable<Integer> {
  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "Full URL of the audit endpoint, e.g. https://peregrine.security:8765/k8s-audit.")
  String url;

  @Option(names = "--ca", paramLabel = "PEM",
      description = "CA certificate that signed the server certificate (https).")
  Path ca;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File whose first token the apiserver sends as a bearer token.")
  Path tokenFile;

  @Option(names = "--client-cert", paramLabel = "PEM",
      description = "Client certificate for mutual TLS (with --client-key).")
  Path clientCert;

  @Option(names = "--client-key", paramLabel = "PEM", description = "Key of --client-cert.")
  Path clientKey;

  @Option(names = "--name", paramLabel = "NAME", description = "Cluster/user name (default"
      + " ${DEFAULT-VALUE}).")
  String name = "peregrine";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    try {
      spec.commandLine().getOut().print(render());
      spec.commandLine().getOut().flush();
      return 0;
    } catch (IllegalArgumentException | IOException e) {
      err.println("peregrine: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
  }

  String render() throws IOException {
    URI u = URI.create(url);
    if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("--url must be http:// or https://, got " + url);
    }
    if (ca != null && !"https".equals(u.getScheme())) {
      throw new IllegalArgumentException("--ca needs an https:// URL");
    }
    if ((clientCert == null) != (clientKey == null)) {
      throw new IllegalArgumentException("--client-cert and --client-key go together");
    }
    StringBuilder b = new StringBuilder();
    b.append("# kube-apiserver --audit-webhook-config-file for peregrine serve\n")
        .append("apiVersion: v1\nkind: Config\nclusters:\n")
        .append("- name: ").append(name).append("\n  cluster:\n")
        .append("    server: ").append(quote(url)).append('\n');
    if (ca != null) {
      b.append("    certificate-authority-data: ").append(base64(ca)).append('\n');
    }
    b.append("users:\n- name: ").append(name).append("\n  user:");
    if (tokenFile == null && clientCert == null) {
      b.append(" {}");
    }
    b.append('\n');
    if (tokenFile != null) {
      b.append("    token: ").append(quote(firstToken(tokenFile))).append('\n');
    }
    if (clientCert != null) {
      b.append("    client-certificate-data: ").append(base64(clientCert)).append('\n')
          .append("    client-key-data: ").append(base64(clientKey)).append('\n');
    }
    b.append("contexts:\n- name: default-context\n  context:\n    cluster: ").append(name)
        .append("\n    user: ").append(name).append('\n')
        .append("current-context: default-context\npreferences: {}\n");
    return b.toString();
  }

  private static String base64(Path p) throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(p));
  }

  private static String firstToken(Path p) throws IOException {
    return TokenFile.tokens(p).stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException(p + " holds no token"));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
