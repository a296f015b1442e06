# Requests the organisation refuses outright. Each message says why, in words a creator
# understands; the agent shows it and records it in the audit log.
package corral

import rego.v1

deny contains msg if {
	is_model_call
	not models[request_model]
	msg := sprintf("model %q is not in the organisation's model catalog", [request_model])
}

deny contains msg if {
	is_model_call
	models[request_model].approval == "prohibited"
	msg := sprintf("model %q is prohibited by the organisation", [request_model])
}

deny contains msg if {
	is_model_call
	models[request_model].approval == "restricted"
	stage != "production"
	msg := sprintf("model %q is restricted to production apps; this app is in %s", [request_model, stage])
}

deny contains msg if {
	some id in used_connectors
	connectors[id].classification == "blocked"
	msg := sprintf("connector %q is blocked by the organisation", [id])
}

deny contains msg if {
	some id in used_connectors
	not connectors[id]
	msg := sprintf("connector %q is not in the organisation's connector catalog", [id])
}

deny contains "an app may not mix Business and Non-Business connectors" if {
	"business" in app_classes
	"non-business" in app_classes
}

# no-pii (and any handling Corral does not know) keeps personal data on the premises.
deny contains msg if {
	pii_leaving
	not data_handling in {"redact-pii", "pii-allowed-onprem"}
	msg := sprintf("the content holds personal data (%s) and data_handling %q forbids sending it to %q, which is not on premises", [concat(", ", pii_types), data_handling, request_model])
}

# pii-allowed-onprem: routed to the on-premises model (see route_model) when there is one.
deny contains msg if {
	pii_leaving
	data_handling == "pii-allowed-onprem"
	not onprem_route
	msg := sprintf("the content holds personal data (%s) and no on-premises model is available to take it", [concat(", ", pii_types)])
}

deny contains msg if {
	is_number(input.request.estimated_tokens)
	is_number(input.app.quota_remaining)
	input.request.estimated_tokens > input.app.quota_remaining
	msg := sprintf("the request needs about %v tokens but only %v remain in the quota", [input.request.estimated_tokens, input.app.quota_remaining])
}

deny contains "production use needs a reviewer's approval" if {
	stage == "production"
	not input.app.approved == true
}
