package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.Format;
import dev.peregrine.event.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EksEnvelopeTest {
  private static final String[] IDS = {"7c0e2a44-eks0-4c1d-9a00-00000000-0001",
      "7c0e2a44-eks0-4c1d-9a00-00000000-0002", "7c0e2a44-eks0-4c1d-9a00-00000000-0003"};

  @Test
  void filterLogEventsOutput_eachMessageIsTheNativeEvent() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "eks-export.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(IDS);
    assertThat(d.text(1, "/verb")).isEqualTo("create");
    assertThat(d.text(1, "/requestObject/data/settings.env")).contains("aws_access_key_id");
    assertThat(d.text(2, "/objectRef/subresource")).isEqualTo("exec");
    assertThat(d.text(0, "/annotations/peregrine.dev~1source")).isEqualTo("eks");
    // the log group is not part of filter-log-events output, so there is no cluster name
    assertThat(d.at(0, "/annotations/cluster_name").isMissingNode()).isTrue();
    assertThat(d.events()).extracting(e -> e.line()).containsExactly(3L, 10L, 17L);
    assertThat(d.events().get(1).timeNanos()).isEqualTo(1795510802_120000000L);
  }

  @Test
  void subscriptionMessage_givesClusterNameFromLogGroup() {
    Unwrapped d = Unwrapped.example(Format.EKS, "eks-subscription.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(IDS);
    assertThat(d.events()).allSatisfy(e -> {
      assertThat(e.json().at("/annotations/cluster_name").asText()).isEqualTo("prod-eu");
      assertThat(e.json().at("/annotations/authorization.k8s.io~1decision").asText())
          .isEqualTo("allow");
    });
  }

  @Test
  void lambdaEvent_gzipBase64Data_isDecoded() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "eks-lambda-event.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(IDS);
    assertThat(d.text(2, "/annotations/cluster_name")).isEqualTo("prod-eu");
  }

  @Test
  void truncatedAndGarbageMessages_reportedWithTheirPath() {
    Unwrapped d = Unwrapped.resource(Format.AUTO, "eks-bad-subscription.json");
    assertThat(d.ids()).containsExactly("7c0e2a44-eks0-4c1d-9a00-0000000000b1");
    assertThat(d.rendered()).containsExactly(
        "eks-bad-subscription.json:10: message truncated by CloudWatch Logs (ends with"
            + " [Truncated...]); the event is lost at logEvents[0].message",
        "eks-bad-subscription.json:15: data not recognized as a k8s audit event"
            + " at logEvents[1].message",
        "eks-bad-subscription.json:20: CloudWatch log event without a message string"
            + " at logEvents[2]",
        "eks-bad-subscription.json:24: invalid JSON: Unrecognized token 'not': was expecting"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            + " at logEvents[3].message");
    assertThat(d.stats().rejected()).isEqualTo(4);
  }

  @Test
  void controlMessagesAndOtherLogStreams_areSkippedAndCounted() {
    Unwrapped d = Unwrapped.resource(Format.AUTO, "eks-other-streams.jsonl");
    assertThat(d.events()).isEmpty();
    assertThat(d.errors()).isEmpty();
    assertThat(d.stats().skipped()).isEqualTo(3);
  }

  @Test
  void firehoseHttpRequest_recordsCarryGzippedSubscriptionMessages() {
    Unwrapped d = Unwrapped.resource(Format.AUTO, "eks-firehose-request.json");
    assertThat(d.ids()).containsExactly(IDS);
    assertThat(d.stats().skipped()).isEqualTo(1);
    assertThat(d.rendered()).singleElement().asString()
        .startsWith("eks-firehose-request.json:11: invalid base64: ")
        .endsWith(" at records[2].data");
  }

  @Test
  void streamedEvents_keepTheirOwnLines() {
    String event = Unwrapped.decode(Format.AUTO, Unwrapped.read(Unwrapped.example(
        "eks-subscription.json")), "x").events().get(0).json().toString();
    String message = Json.mapper().getNodeFactory().textNode(event).toString();
    String body = "{\"events\": [\n{\"message\": " + message + ", \"timestamp\": 1},\n"
        + "{\"message\": \"{}[Truncated...]\", \"timestamp\": 2},\n7\n]}\n";
    Unwrapped d = Unwrapped.decode(Format.AUTO, body);
    assertThat(d.events()).singleElement().extracting(e -> e.line()).isEqualTo(2L);
    assertThat(d.rendered()).containsExactly(
        "in:3: message truncated by CloudWatch Logs (ends with [Truncated...]); the event is lost"
            + " at events[1].message",
        "in:4: CloudWatch log event without a message string at events[2]");
  }

  @Test
  void gzipBomb_isRefusedAboveMaxEventSize() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 4; i++) {
        gz.write(spaces);
      }
    }
    ObjectNode body = Json.mapper().createObjectNode();
    body.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(zipped.toByteArray()));
    var events = new java.util.ArrayList<dev.peregrine.event.AuditEvent>();
    var errors = new java.util.ArrayList<dev.peregrine.event.DecodeError>();
    new dev.peregrine.event.EventDecoder(new dev.peregrine.event.DecodeLimits(1 << 20))
        .decode(body.toString().getBytes(StandardCharsets.UTF_8), "in", events::add, errors::add);
    assertThat(errors).singleElement().extracting(e -> e.reason())
        .isEqualTo("decoded payload larger than max event size (1048576 bytes)");
  }

  @Test
  void logGroupName_givesTheCluster() {
    assertThat(Eks.cluster("/aws/eks/prod-eu/cluster")).isEqualTo("prod-eu");
    assertThat(Eks.cluster("/aws/lambda/x")).isNull();
    assertThat(Eks.cluster(null)).isNull();
  }
}
