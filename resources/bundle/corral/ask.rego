# Requests a person confirms before they happen: the agent shows the message in the
# confirmation dialog (Deny is the default button).
package corral

import rego.v1

ask contains msg if {
	action == "files.write"
	msg := sprintf("write the file %s", [object.get(input.request, "path", "(unnamed)")])
}

ask contains msg if {
	action == "http.request"
	not get_to_allowed_host
	msg := sprintf("send an HTTP %s request to %s", [upper(object.get(input.request, "method", "GET")), object.get(input.request, "host", "(unknown host)")])
}

get_to_allowed_host if {
	upper(input.request.method) == "GET"
	some pattern in connectors[input.request.connector].http.hosts
	host_matches(input.request.host, pattern)
}

ask contains msg if {
	action in {"files.read", "files.list", "http.request"}
	input.request.connector in org_settings.sensitive_connectors
	msg := sprintf("read from %q, which the organisation marks as sensitive", [input.request.connector])
}

# With redact-pii the content is redacted first, so there is nothing to confirm.
ask contains msg if {
	is_model_call
	pii_found
	data_handling != "redact-pii"
	msg := sprintf("send content that holds personal data (%s) to the model", [concat(", ", pii_types)])
}
