# One rule (ConfigMap with private credentials) as a jq filter, like the article's manual check.
select(.stage == "ResponseComplete" and .objectRef.resource == "configmaps"
  and (.verb == "create" or .verb == "update" or .verb == "patch")
  and ((.requestObject.data // null | tojson) | test("aws_access_key_id|aws-access-key-id|aws_s3_access_key_id|aws-s3-access-key-id|password|passphrase")))
| "Create/Modify Configmap With Private Credentials\t\(.auditID)"
