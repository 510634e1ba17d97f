package dev.peregrine.field;

import static dev.peregrine.field.Fx.ev;
import static dev.peregrine.field.Fx.str;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.peregrine.event.AuditEvent;
import dev.peregrine.event.Json;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class JsonAndEvtFieldsTest {
  private static final AuditEvent E = ev("""
      {'kind':'Event','stage':'ResponseComplete','annotations':{'authorization.k8s.io/decision':
      'allow'},'a/~b':1,'a~1b':2,'':'empty','n':1.50,'t':true,
      'requestObject':{'ephemeralContainers':[{'name':'dbg','image':'busybox'}],
        'spec':{'volumes':[{'name':'v'}],'tls':null}}}""");

  @Test
  void valuePointers() {
    for (String p : new String[] {"json.value", "jevt.value"}) {
      assertThat(str(p, "/stage", E)).isEqualTo("ResponseComplete");
      assertThat(str(p, "stage", E)).isEqualTo("ResponseComplete");
      assertThat(str(p, "/annotations/authorization.k8s.io~1decision", E)).isEqualTo("allow");
      assertThat(str(p, "/a~1~0b", E)).isEqualTo("1");
      assertThat(str(p, "/a~01b", E)).isEqualTo("2");
      assertThat(str(p, "/requestObject/ephemeralContainers/0/name", E)).isEqualTo("dbg");
      assertThat(str(p, "/requestObject/ephemeralContainers/1/name", E)).isNull();
      assertThat(str(p, "/requestObject/ephemeralContainers/x", E)).isNull();
      assertThat(str(p, "/requestObject/spec/volumes", E)).isEqualTo("[{\"name\":\"v\"}]");
      assertThat(str(p, "/requestObject/spec/tls", E)).isEqualTo("null");
      assertThat(str(p, "/n", E)).isEqualTo("1.50");
      assertThat(str(p, "/t", E)).isEqualTo("true");
      assertThat(str(p, "/missing", E)).isNull();
      assertThat(str(p, "/stage/x", E)).isNull();
      assertThat(str(p, "/", E)).isEqualTo("empty");
      assertThat(str(p, "", ev("{'b':1,'a':[]}"))).isEqualTo("{\"b\":1,\"a\":[]}");
    }
  }

  @Test
  void arraySegmentsReadLikeGoAtoi() {
    AuditEvent e = ev("{'a':['x','y']}");
    assertThat(str("jevt.value", "/a/01", e)).isEqualTo("y");
    assertThat(str("jevt.value", "/a/+1", e)).isEqualTo("y");
    assertThat(str("jevt.value", "/a/-0", e)).isEqualTo("x");
    assertThat(str("jevt.value", "/a/-1", e)).isNull();
    assertThat(str("jevt.value", "/a/99999999999", e)).isNull();
    AuditEvent top = ev("{'0':'zero'}");
    assertThat(str("jevt.value", "/0", top)).isEqualTo("zero");
  }

  @Test
  void jsonFieldsIgnoreAuditId() {
    assertThat(E.hasAuditId()).isFalse();
    assertThat(str("jevt.rawtime", E)).isEqualTo("1000000005");
    assertThat(str("json.rawtime", E)).isEqualTo("1000000005");
    assertThat(str("jevt.obj", E)).isNotNull();
  }

  @Test
  void objIsGoIndentStyle() {
    AuditEvent e = ev("{'a':1,'b':{'c':[1,{'d':'x\\ny'}],'e':{},'f':[]},'g':null}");
    assertThat(str("jevt.obj", e)).isEqualTo("""
        {
          "a": 1,
          "b": {
            "c": [
              1,
              {
                "d": "x\\ny"
              }
            ],
            "e": {},
            "f": []
          },
          "g": null
        }""");
    assertThat(str("json.obj", ev("{}"))).isEqualTo("{}");
  }

  @Test
  void evtTimeFields() {
    long ns = 1_700_000_000_123_456_789L; // 2023-11-14T22:13:20.123456789Z
    AuditEvent e = new AuditEvent((ObjectNode) Json.mapper().createObjectNode(), ns, "t", 0);
    FieldRegistry paris = FieldRegistry.standard(ZoneId.of("Europe/Paris"), "node-1");
    assertThat(text(paris, "evt.time", e)).isEqualTo("23:13:20.123456789");
    assertThat(text(paris, "evt.time.s", e)).isEqualTo("23:13:20");
    assertThat(text(paris, "evt.datetime", e)).isEqualTo("2023-11-14 23:13:20.123456789");
    assertThat(text(paris, "evt.datetime.s", e)).isEqualTo("2023-11-14 23:13:20");
    assertThat(text(paris, "evt.time.iso8601", e)).isEqualTo("2023-11-14T22:13:20.123456789+0000");
    assertThat(text(paris, "evt.rawtime", e)).isEqualTo("1700000000123456789");
    assertThat(text(paris, "evt.rawtime.s", e)).isEqualTo("1700000000");
    assertThat(text(paris, "evt.rawtime.ns", e)).isEqualTo("123456789");
    assertThat(text(paris, "evt.source", e)).isEqualTo("k8s_audit");
    assertThat(text(paris, "evt.hostname", e)).isEqualTo("node-1");
    assertThat(text(paris, "evt.pluginname", e)).isEqualTo("k8saudit");
    Extractor time = paris.find("evt.time").orElseThrow().bind(null);
    assertThat(time.jsonValue(e)).isEqualTo(ns);
    assertThat(time.number(e)).isEqualTo(ns);
    assertThat(paris.find("evt.time.iso8601").orElseThrow().bind(null).jsonValue(e)).isEqualTo(ns);
    assertThat(paris.find("evt.rawtime.s").orElseThrow().bind(null).jsonValue(e))
        .isEqualTo(1_700_000_000L);
    assertThat(paris.find("evt.source").orElseThrow().bind(null).number(e)).isNull();
  }

  @Test
  void evtTimePadsNanoseconds() {
    AuditEvent e = new AuditEvent(Json.mapper().createObjectNode(), 5_000_000_007L, "t", 0);
    assertThat(text(Fx.REG, "evt.time", e)).isEqualTo("00:00:05.000000007");
    assertThat(text(Fx.REG, "evt.time.iso8601", e)).isEqualTo("1970-01-01T00:00:05.000000007+0000");
  }

  private static String text(FieldRegistry r, String name, AuditEvent e) {
    return r.find(name).orElseThrow().bind(null).string(e);
  }
}
