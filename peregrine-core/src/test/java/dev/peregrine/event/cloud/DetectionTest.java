package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Per-record detection: one stream may mix native events and every envelope. */
class DetectionTest {
  static byte[] mixed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Unwrapped.read(Unwrapped.repoRoot().resolve("examples/audit-sample.jsonl")));
    for (String name : new String[] {"aks-export.json", "gke-export.json",
        "eks-lambda-event.json", "eks-subscription.json", "gke-pubsub-push.json"}) {
      out.write(Unwrapped.read(Unwrapped.example(name)));
    }
    return out.toByteArray();
  }

  @Test
  void mixedStream_allFormatsAutoDetected() throws IOException {
    Unwrapped d = Unwrapped.decode(Format.AUTO, mixed(), "mixed");
    assertThat(d.events()).hasSize(6 + 3 + 4 + 3 + 3 + 1);
    assertThat(d.events()).extracting(e -> e.json().at("/annotations/peregrine.dev~1source")
        .asText(null)).containsSequence(null, null).contains("aks", "gke", "eks");
    // the sample's own bad line is the only error
    assertThat(d.rendered()).singleElement().asString()
        .isEqualTo("mixed:7: data not recognized as a k8s audit event");
  }

  @Test
  void gzippedMixedStream() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(mixed());
    }
    assertThat(Unwrapped.decode(Format.AUTO, zipped.toByteArray(), "m.gz").events()).hasSize(20);
  }

  @Test
  void firehoseS3Object_concatenatedGzipMembersOfSubscriptionMessages() throws IOException {
    byte[] message = Unwrapped.read(Unwrapped.example("eks-subscription.json"));
    ByteArrayOutputStream object = new ByteArrayOutputStream();
    for (int i = 0; i < 2; i++) {
      try (GZIPOutputStream gz = new GZIPOutputStream(object)) {
        gz.write(message);
      }
    }
    Unwrapped d = Unwrapped.decode(Format.AUTO, object.toByteArray(), "firehose.gz");
    assertThat(d.errors()).isEmpty();
    assertThat(d.events()).hasSize(6).allSatisfy(e ->
        assertThat(e.json().at("/annotations/cluster_name").asText()).isEqualTo("prod-eu"));
  }

  @Test
  void k8sFormat_readsNoEnvelopes() {
    Unwrapped d = Unwrapped.example(Format.K8S, "aks-export.json");
    assertThat(d.events()).isEmpty();
    assertThat(d.rendered()).containsExactly(
        "aks-export.json:1: data not recognized as a k8s audit event");
  }

  @Test
  void explicitFormat_readsOnlyItsEnvelopesButStillNativeEvents() throws IOException {
    Unwrapped d = Unwrapped.decode(Format.EKS, mixed(), "mixed");
    assertThat(d.events()).hasSize(6 + 3 + 3);
    assertThat(d.rendered()).contains(
        "mixed:10: record is not a Firehose record with data at records[0]",
        "mixed:7: data not recognized as a k8s audit event or EKS CloudWatch Logs record");
  }

  @Test
  void format_parse() {
    assertThat(Format.parse("GKE")).isEqualTo(Format.GKE);
    assertThat(Format.parse(" auto ")).isEqualTo(Format.AUTO);
    assertThat(Format.AUTO.accepts(Format.EKS)).isTrue();
    assertThat(Format.K8S.accepts(Format.EKS)).isFalse();
    assertThat(Format.AKS.accepts(Format.GKE)).isFalse();
  }
}
