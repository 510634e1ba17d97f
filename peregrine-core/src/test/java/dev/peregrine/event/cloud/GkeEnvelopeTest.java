package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.Format;
import org.junit.jupiter.api.Test;

class GkeEnvelopeTest {
  private static final String ID = "b1d2c3e4-gke0-4a5b-8c6d-00000000000";

  @Test
  void gcloudReadOutput_rebuildsEvents_andSkipsOtherServices() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "gke-export.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(ID + 1, ID + 2, ID + 3, ID + 4);
    assertThat(d.stats().skipped()).isEqualTo(1);
    assertThat(d.events()).allSatisfy(e -> {
      assertThat(e.get("kind").asText()).isEqualTo("Event");
      assertThat(e.get("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
      assertThat(e.json().at("/annotations/cluster_name").asText()).isEqualTo("prod-eu");
      assertThat(e.json().at("/annotations/project_id").asText()).isEqualTo("acme-prod");
      assertThat(e.json().at("/annotations/location").asText()).isEqualTo("europe-west1");
      assertThat(e.json().at("/annotations/peregrine.dev~1source").asText()).isEqualTo("gke");
    });
  }

  @Test
  void listEntry_metadataLevelCompleteWithCoreGroupLeftOut() {
    Unwrapped d = Unwrapped.example(Format.GKE, "gke-export.json");
    assertThat(d.events().get(0).json().toString()).isEqualTo("{\"kind\":\"Event\","
        + "\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"" + ID + 1
        + "\",\"stage\":\"ResponseComplete\",\"requestURI\":\"/api/v1/namespaces/payments/"
        + "configmaps\",\"verb\":\"list\",\"user\":{\"username\":"
        + "\"dev-ci@acme-prod.iam.gserviceaccount.com\"},\"sourceIPs\":[\"10.20.0.5\"],"
        + "\"userAgent\":\"kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46\","
        + "\"objectRef\":{\"resource\":\"configmaps\",\"namespace\":\"payments\","
        + "\"apiVersion\":\"v1\"},\"responseStatus\":{\"metadata\":{},\"code\":200},"
        + "\"requestReceivedTimestamp\":\"2026-11-25T09:00:01.120000Z\","
        + "\"stageTimestamp\":\"2026-11-25T09:00:01.120000Z\",\"annotations\":{"
        + "\"authorization.k8s.io/decision\":\"allow\",\"authorization.k8s.io/reason\":"
        + "\"access granted by IAM permissions.\",\"project_id\":\"acme-prod\","
        + "\"location\":\"europe-west1\",\"cluster_name\":\"prod-eu\","
        + "\"peregrine.dev/source\":\"gke\"}}");
    assertThat(d.events().get(0).timeNanos()).isEqualTo(1795597201_120000000L);
  }

  @Test
  void createEntry_objectsWithoutAtType_created201() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "gke-export.json");
    assertThat(d.text(1, "/level")).isEqualTo("RequestResponse");
    assertThat(d.text(1, "/verb")).isEqualTo("create");
    assertThat(d.text(1, "/objectRef/name")).isEqualTo("billing-env");
    assertThat(d.text(1, "/responseStatus/code")).isEqualTo("201");
    assertThat(d.at(1, "/requestObject").has("@type")).isFalse();
    assertThat(d.at(1, "/responseObject").has("@type")).isFalse();
    assertThat(d.text(1, "/requestObject/kind")).isEqualTo("ConfigMap");
    assertThat(d.text(1, "/requestObject/data/settings.env")).contains("aws_access_key_id");
    assertThat(d.text(1, "/responseObject/metadata/uid")).startsWith("0b6f3c2a");
  }

  @Test
  void execEntry_startedStreamWithCommandInTheUri() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "gke-export.json");
    assertThat(d.text(2, "/verb")).isEqualTo("create");
    assertThat(d.text(2, "/stage")).isEqualTo("ResponseStarted");
    assertThat(d.text(2, "/objectRef/subresource")).isEqualTo("exec");
    assertThat(d.text(2, "/objectRef/name")).isEqualTo("billing-api-6d9f7");
    assertThat(d.text(2, "/responseStatus/code")).isEqualTo("101");
    assertThat(d.text(2, "/requestURI")).isEqualTo("/api/v1/namespaces/payments/pods/"
        + "billing-api-6d9f7/exec?command=sh&container=api&stdin=true&stdout=true&tty=true");
  }

  @Test
  void deniedEntry_grpcPermissionDeniedIs403_nonCoreGroupKept() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "gke-export.json");
    assertThat(d.text(3, "/responseStatus/code")).isEqualTo("403");
    assertThat(d.text(3, "/responseStatus/status")).isEqualTo("Failure");
    assertThat(d.text(3, "/responseStatus/message")).contains("is forbidden");
    assertThat(d.text(3, "/objectRef/apiGroup")).isEqualTo("rbac.authorization.k8s.io");
    assertThat(d.text(3, "/objectRef/apiVersion")).isEqualTo("v1");
    assertThat(d.text(3, "/objectRef/namespace")).isNull();
    assertThat(d.text(3, "/requestURI"))
        .isEqualTo("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/mallory-admin");
    assertThat(d.text(3, "/annotations/authorization.k8s.io~1decision")).isEqualTo("forbid");
  }

  @Test
  void pubSubPush_messageDataIsTheLogEntry() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "gke-pubsub-push.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(ID + 2);
    assertThat(d.text(0, "/annotations/cluster_name")).isEqualTo("prod-eu");
  }

  @Test
  void badEntries_reportedWithLineAndPath() {
    Unwrapped d = Unwrapped.resource(Format.AUTO, "gke-bad.jsonl");
    assertThat(d.ids()).containsExactly(ID + 3);
    assertThat(d.rendered()).containsExactly(
        "gke-bad.jsonl:1: LogEntry without a methodName at protoPayload.methodName",
        "gke-bad.jsonl:2: protoPayload is a type.googleapis.com/google.cloud.bigquery.logging.v1"
            + ".AuditData, not an AuditLog at protoPayload",
        "gke-bad.jsonl:3: data not recognized as a k8s audit event",
        "gke-bad.jsonl:4: data not recognized as a k8s audit event at message.data");
  }

  @Test
  void explicitFormat_namesTheEnvelopeInErrors() {
    Unwrapped d = Unwrapped.decode(Format.GKE, "{\"kind\":0}\n{\"records\":[]}\n");
    assertThat(d.rendered()).containsExactly(
        "in:1: data not recognized as a k8s audit event or GKE Cloud Logging entry",
        "in:2: data not recognized as a k8s audit event or GKE Cloud Logging entry");
  }

  @Test
  void grpcCodes_mapToHttp() {
    assertThat(GrpcStatus.http(0)).isEqualTo(200);
    assertThat(GrpcStatus.http(5)).isEqualTo(404);
    assertThat(GrpcStatus.http(6)).isEqualTo(409);
    assertThat(GrpcStatus.http(7)).isEqualTo(403);
    assertThat(GrpcStatus.http(16)).isEqualTo(401);
    assertThat(GrpcStatus.http(13)).isEqualTo(500);
    assertThat(GrpcStatus.http(99)).isEqualTo(500);
  }
}
