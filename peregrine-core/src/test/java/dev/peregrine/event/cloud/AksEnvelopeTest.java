package dev.peregrine.event.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.Format;
import org.junit.jupiter.api.Test;

class AksEnvelopeTest {
  private static final String ID = "d4e5f6a7-aks0-4b8c-9d0e-00000000-000";

  @Test
  void eventHubsRecords_logStringParsed_otherCategoriesSkipped() {
    Unwrapped d = Unwrapped.example(Format.AUTO, "aks-export.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(ID + 1, ID + 2, ID + 3);
    assertThat(d.stats().skipped()).isEqualTo(2);
    assertThat(d.events()).allSatisfy(e -> {
      assertThat(e.json().at("/annotations/cluster_name").asText()).isEqualTo("prod-eu");
      assertThat(e.json().at("/annotations/peregrine.dev~1source").asText()).isEqualTo("aks");
    });
    assertThat(d.text(1, "/user/username")).isEqualTo("mallory@contoso.com");
    assertThat(d.text(1, "/requestObject/data/settings.env")).contains("aws_access_key_id");
    assertThat(d.text(2, "/stage")).isEqualTo("ResponseStarted");
    assertThat(d.events()).extracting(e -> e.line()).containsExactly(3L, 27L, 39L);
  }

  @Test
  void storageBlob_oneRecordPerLine_logAsObjectOrString() {
    Unwrapped d = Unwrapped.resource(Format.AKS, "aks-storage-PT1H.json");
    assertThat(d.errors()).isEmpty();
    assertThat(d.ids()).containsExactly(ID + 2, ID + 3);
    assertThat(d.events()).extracting(e -> e.line()).containsExactly(1L, 2L);
    assertThat(d.text(0, "/annotations/cluster_name")).isEqualTo("prod-eu");
  }

  @Test
  void badRecords_reportedWithPath_neighboursKept() {
    Unwrapped d = Unwrapped.resource(Format.AUTO, "aks-bad.json");
    assertThat(d.ids()).containsExactly("d4e5f6a7-aks0-4b8c-9d0e-000000000099");
    assertThat(d.rendered()).containsExactly(
        "aks-bad.json:3: data not recognized as a k8s audit event at records[0].properties.log",
        "aks-bad.json:15: invalid JSON: Unrecognized token 'I1126': was expecting"
            + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
            + " at records[1].properties.log",
        "aks-bad.json:27: AKS audit record without properties.log at records[2].properties.log",
        "aks-bad.json:33: record is not an AKS diagnostic record or a Firehose record with data"
            + " at records[3]");
  }

  @Test
  void embeddedEvent_readAsTheDecoderReadsEvents() {
    // exact decimals; a number no BigDecimal holds is the nearest double, not a crash
    String log = "{\\\"kind\\\":\\\"Event\\\",\\\"auditID\\\":\\\"a1\\\","
        + "\\\"stageTimestamp\\\":\\\"2026-11-26T09:00:01Z\\\","
        + "\\\"requestObject\\\":{\\\"x\\\":1.50,\\\"y\\\":-9E23372036854775808}}";
    Unwrapped d = Unwrapped.decode(Format.AKS, "{\"records\":[{\"category\":\"kube-audit\","
        + "\"properties\":{\"log\":\"" + log + "\"}}]}");
    assertThat(d.errors()).isEmpty();
    assertThat(d.events()).hasSize(1);
    assertThat(d.events().get(0).json().at("/requestObject/x").toString()).isEqualTo("1.50");
    assertThat(d.events().get(0).json().at("/requestObject/y").doubleValue())
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void explicitAks_doesNotReadFirehoseRecords() {
    Unwrapped d = Unwrapped.decode(Format.AKS, "{\"records\":[{\"data\":\"e30=\"}]}");
    assertThat(d.rendered()).containsExactly(
        "in:1: record is not an AKS diagnostic record at records[0]");
  }

  @Test
  void clusterName_fromResourceId() {
    assertThat(Aks.cluster("/SUBSCRIPTIONS/S/RESOURCEGROUPS/G/PROVIDERS/"
        + "MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-EU")).isEqualTo("prod-eu");
    assertThat(Aks.cluster("/subscriptions/s/resourceGroups/g/providers/"
        + "Microsoft.ContainerService/managedClusters/Prod-Eu")).isEqualTo("Prod-Eu");
    assertThat(Aks.cluster("/subscriptions/s/resourceGroups/g")).isNull();
    assertThat(Aks.cluster(null)).isNull();
  }
}
