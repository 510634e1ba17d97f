package dev.peregrine.field;

import static dev.peregrine.field.Fx.ev;
import static dev.peregrine.field.Fx.ka;
import static dev.peregrine.field.Fx.list;
import static dev.peregrine.field.Fx.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peregrine.event.AuditEvent;
import org.junit.jupiter.api.Test;

class KaEventFieldsTest {
  private static final AuditEvent FULL = ka("""
      'stage':'ResponseComplete','verb':'create','requestURI':'/api/v1/pods?watch=1',
      'annotations':{'authorization.k8s.io/decision':'allow','authorization.k8s.io/reason':'ok',
        'authentication.openshift.io/decision':'deny','authentication.openshift.io/username':'os',
        'validation.policy.admission.k8s.io/validation_failure':'vf',
        'pod-security.kubernetes.io/audit-violations':'psv','cluster_name':'prod'},
      'user':{'username':'alice','groups':['system:masters','dev']},
      'impersonatedUser':{'username':'bob'},
      'objectRef':{'resource':'pods','namespace':'default','name':'p1'},
      'responseObject':{'metadata':{'name':'p1-resp'}},
      'responseStatus':{'code':201,'reason':'Created'},
      'userAgent':'kubectl/1.30','sourceIPs':['10.0.0.1','10.0.0.2']""");

  @Test
  void scalarsReadTheirPaths() {
    assertThat(str("ka.auditid", FULL)).isEqualTo("id-1");
    assertThat(str("ka.stage", FULL)).isEqualTo("ResponseComplete");
    assertThat(str("ka.auth.decision", FULL)).isEqualTo("allow");
    assertThat(str("ka.auth.reason", FULL)).isEqualTo("ok");
    assertThat(str("ka.auth.openshift.decision", FULL)).isEqualTo("deny");
    assertThat(str("ka.auth.openshift.username", FULL)).isEqualTo("os");
    assertThat(str("ka.validations.admission.policy.failure", FULL)).isEqualTo("vf");
    assertThat(str("ka.security.pod.violations", FULL)).isEqualTo("psv");
    assertThat(str("ka.cluster.name", FULL)).isEqualTo("prod");
    assertThat(str("ka.user.name", FULL)).isEqualTo("alice");
    assertThat(str("ka.impuser.name", FULL)).isEqualTo("bob");
    assertThat(str("ka.verb", FULL)).isEqualTo("create");
    assertThat(str("ka.uri", FULL)).isEqualTo("/api/v1/pods?watch=1");
    assertThat(str("ka.target.name", FULL)).isEqualTo("p1");
    assertThat(str("ka.target.namespace", FULL)).isEqualTo("default");
    assertThat(str("ka.target.resource", FULL)).isEqualTo("pods");
    assertThat(str("ka.target.subresource", FULL)).isNull();
    assertThat(str("ka.resp.name", FULL)).isEqualTo("p1-resp");
    assertThat(str("ka.response.code", FULL)).isEqualTo("201");
    assertThat(str("ka.response.reason", FULL)).isEqualTo("Created");
    assertThat(str("ka.useragent", FULL)).isEqualTo("kubectl/1.30");
    assertThat(list("ka.user.groups", FULL)).containsExactly("system:masters", "dev");
  }

  @Test
  void withoutAuditIdEveryKaFieldIsAbsentButJevtWorks() {
    AuditEvent e = ev("{'stage':'ResponseComplete','user':{'username':'alice','groups':['g']},"
        + "'requestURI':'/x?a=1','requestObject':{'spec':{'containers':[{'image':'i'}]}}}");
    for (FieldDef d : Fx.REG.all()) {
      if (d.name().startsWith("ka.")) {
        Extractor x = d.bind(d.arg() == ArgKind.KEY ? "a" : null);
        assertThat(x.string(e)).as(d.name()).isNull();
        assertThat(x.jsonValue(e)).as(d.name()).isNull();
        if (x.isList()) {
          assertThat(x.list(e)).as(d.name()).isNullOrEmpty();
        }
      }
    }
    assertThat(str("jevt.value", "/stage", e)).isEqualTo("ResponseComplete");
    assertThat(str("ka.req.binding.subject.has_name", "x", ka(""))).isEqualTo("true");
  }

  @Test
  void auditIdNullStillCountsAsPresent() {
    AuditEvent e = ev("{'auditID':null,'verb':'get'}");
    assertThat(str("ka.verb", e)).isEqualTo("get");
    assertThat(str("ka.auditid", e)).isEqualTo("null");
  }

  @Test
  void valuesAreTextOrCompactJson() {
    AuditEvent e = ka("""
        'verb':true,'stage':12.50,'userAgent':{'b':1,'a':[1,'x',null]},
        'objectRef':{'name':'tab\\tq\\"u\\u00e9'},'requestURI':null,
        'responseStatus':{'code':1e3,'reason':0.0000001}""");
    assertThat(str("ka.verb", e)).isEqualTo("true");
    assertThat(str("ka.stage", e)).isEqualTo("12.50");
    assertThat(str("ka.useragent", e)).isEqualTo("{\"b\":1,\"a\":[1,\"x\",null]}");
    assertThat(str("ka.target.name", e)).isEqualTo("tab\tq\"u\u00e9");
    assertThat(str("ka.uri", e)).isEqualTo("null");
    assertThat(str("ka.response.code", e)).isEqualTo("1E+3");
    assertThat(str("ka.response.reason", e)).isEqualTo("0.0000001");
  }

  @Test
  void missingIntermediateOrWrongContainerIsAbsent() {
    assertThat(str("ka.user.name", ka("'user':'alice'"))).isNull();
    assertThat(str("ka.user.name", ka("'user':['alice']"))).isNull();
    assertThat(str("ka.user.name", ka("'user':{}"))).isNull();
    assertThat(str("ka.auth.decision", ka("'annotations':null"))).isNull();
  }

  @Test
  void groupsMustBeAnArray() {
    assertThat(list("ka.user.groups", ka("'user':{'groups':'admins'}"))).isNull();
    assertThat(list("ka.user.groups", ka("'user':{'groups':[]}"))).isNull();
    assertThat(list("ka.user.groups", ka("'user':{}"))).isNull();
    assertThat(list("ka.user.groups", ka("'user':{'groups':[1,{'a':true}]}")))
        .containsExactly("1", "{\"a\":true}");
    Extractor x = Fx.bind("ka.user.groups", null);
    AuditEvent e = ka("'user':{'groups':['a','b']}");
    assertThat(x.string(e)).isEqualTo("(a,b)");
    assertThat(x.jsonValue(e)).isEqualTo(java.util.List.of("a", "b"));
    assertThat(x.jsonValue(ka(""))).isNull();
  }

  @Test
  void uriParamTakesFirstValueWithGoRules() {
    assertThat(str("ka.uri.param", "command", ka(
        "'requestURI':'/api/v1/namespaces/d/pods/p/exec?command=sh&command=-c&stdin=true'")))
        .isEqualTo("sh");
    assertThat(str("ka.uri.param", "q", ka("'requestURI':'/a?q=a+b%2Fc'"))).isEqualTo("a b/c");
    assertThat(str("ka.uri.param", "a b", ka("'requestURI':'/a?a+b=1'"))).isEqualTo("1");
    assertThat(str("ka.uri.param", "flag", ka("'requestURI':'/a?flag'"))).isEqualTo("");
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?y=1'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?x=1#frag'"))).isEqualTo("1");
    assertThat(str("ka.uri.param", "x", ka(""))).isNull();
    // parse errors anywhere make the field absent
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?x=1&y=%zz'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?x=1;y=2'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a%zz?x=1'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?x=1%'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':':a?x=1'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'a:b?x=1'"))).isEqualTo("1");
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'1:b?x=1'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'/a?x=\\u0001'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'//h:8x/a?x=1'"))).isNull();
    assertThat(str("ka.uri.param", "x", ka("'requestURI':'//h:80/a?x=1'"))).isEqualTo("1");
  }

  @Test
  void targetPodNameOnlyForPodsWithoutSubresource() {
    String resp = "'responseObject':{'metadata':{'name':'web'}}";
    assertThat(str("ka.target.pod.name", ka("'objectRef':{'resource':'pods'}," + resp)))
        .isEqualTo("web");
    assertThat(str("ka.target.pod.name",
        ka("'objectRef':{'resource':'pods','subresource':''}," + resp))).isEqualTo("web");
    assertThat(str("ka.target.pod.name",
        ka("'objectRef':{'resource':'pods','subresource':'exec'}," + resp))).isNull();
    assertThat(str("ka.target.pod.name", ka("'objectRef':{'resource':'secrets'}," + resp)))
        .isNull();
    assertThat(str("ka.target.pod.name", ka(resp))).isNull();
    assertThat(str("ka.target.pod.name", ka("'objectRef':{'resource':'pods'}"))).isNull();
  }

  @Test
  void sourceIpsReadTopLevelWithOptionalIndex() {
    assertThat(list("ka.sourceips", FULL)).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(list("ka.sourceips", "1", FULL)).containsExactly("10.0.0.2");
    assertThat(list("ka.sourceips", "2", FULL)).isNull();
    assertThat(list("ka.sourceips", ka("'sourceIPs':[]"))).isNull();
    assertThat(list("ka.sourceips", ka("'sourceIPs':'10.0.0.1'"))).isNull();
    assertThat(list("ka.sourceips",
        ka("'requestObject':{'rules':[{'sourceIPs':['1.1.1.1']}]}"))).isNull();
  }
}
