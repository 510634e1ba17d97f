# The nine built-in Peregrine rules written as one jq filter, for the throughput comparison in
# docs/performance.md. Prints "<rule>\t<auditID>" per detection (first matching rule only).
def completed: .stage == "ResponseComplete";
def res: .objectRef.resource // null;
def pod_write: res == "pods" and .verb == "create";
def spec: .requestObject.spec // {};
def hostpaths: [(spec.volumes // [])[] | .hostPath.path? // empty];
def node_control: ["/proc", "/var/run/docker.sock", "/run/containerd/containerd.sock",
  "/var/run/crio/crio.sock", "/", "/etc", "/root", "/var/lib/kubelet", "/var/lib/kubelet/pki",
  "/etc/kubernetes", "/etc/kubernetes/manifests"];
def rule:
  if completed and res == "configmaps" and (.verb | IN("create", "update", "patch"))
     and ((.requestObject.data // null | tojson) | test("aws_access_key_id|aws-access-key-id|aws_s3_access_key_id|aws-s3-access-key-id|password|passphrase"))
    then "Create/Modify Configmap With Private Credentials"
  elif .stage == "ResponseStarted" and res == "pods" and (.objectRef.subresource | IN("exec", "attach"))
    then "Attach/Exec Pod"
  elif completed and pod_write and ([(spec.containers // [])[] | .securityContext.privileged?] | any(. == true))
    then "Create Privileged Pod"
  elif completed and pod_write and spec.hostNetwork == true
    then "Create HostNetwork Pod"
  elif completed and pod_write and (hostpaths | any(. as $p | node_control | index($p)))
    then "Create Sensitive Mount Pod"
  elif completed and res == "services" and .verb == "create" and spec.type == "NodePort"
    then "Create NodePort Service"
  elif completed and .user.username == "system:anonymous"
     and .annotations["authorization.k8s.io/decision"] == "allow" and res != "healthz"
    then "Anonymous Request Allowed"
  elif completed and res == "clusterrolebindings" and .verb == "create"
     and .requestObject.roleRef.name == "cluster-admin"
    then "Attach to cluster-admin Role"
  elif completed and (res | IN("roles", "clusterroles")) and .verb == "create"
     and ([(.requestObject.rules // [])[] | (.resources // [])[], (.verbs // [])[]] | index("*"))
    then "ClusterRole With Wildcard Created"
  else empty end;
rule as $r | "\($r)\t\(.auditID)"
