# A realistic decision bundle for the benchmark: the model and connector catalogs in data,
# rules over every part of the input (request, app, user, dlp, time).
package corral

import rego.v1

models := data.catalog.models
connectors := data.catalog.connectors

request := input.request
app := input.app

model := models[request.model]

connector := connectors[request.connector]

deny contains msg if {
	request.action == "model.generate"
	not models[request.model]
	msg := sprintf("model %s is not in the catalog", [request.model])
}

deny contains msg if {
	request.action == "model.generate"
	not app.stage in model.stages
	msg := sprintf("model %s is not approved for %s", [request.model, app.stage])
}

deny contains "token estimate above the model limit" if {
	request.action == "model.generate"
	request.estimated_tokens > model.max_tokens
}

deny contains "token estimate above the app limit" if {
	request.estimated_tokens > app.max_tokens
}

deny contains "quota exhausted" if {
	app.quota_remaining <= 0
}

deny contains msg if {
	request.connector
	not connectors[request.connector]
	msg := sprintf("unknown connector %s", [request.connector])
}

deny contains msg if {
	request.connector
	not request.connector in app.connectors
	msg := sprintf("connector %s is not declared by the app", [request.connector])
}

deny contains "path outside the connector roots" if {
	startswith(request.action, "files.")
	not path_allowed
}

path_allowed if {
	some root in connector.roots
	startswith(request.path, concat("", [root, "/"]))
}

deny contains "write not allowed on this connector" if {
	request.action == "files.write"
	not "write" in connector.modes
}

deny contains "write too large" if {
	request.action == "files.write"
	request.bytes > data.catalog.max_bytes_write
}

deny contains msg if {
	request.action == "http.request"
	not request.host in connector.hosts
	msg := sprintf("host %s is not allowed for %s", [request.host, request.connector])
}

deny contains msg if {
	request.action == "http.request"
	request.host in data.catalog.blocked_hosts
	msg := sprintf("host %s is blocked", [request.host])
}

deny contains "method not allowed" if {
	request.action == "http.request"
	not request.method in connector.methods
}

deny contains "PII may not leave the device" if {
	request.action == "model.generate"
	app.data_handling == "no-pii"
	pii_found
	not model.onprem
}

deny contains "production apps need approval" if {
	app.stage == "production"
	app.approval_required
	not app.approved
}

deny contains "untrusted app" if {
	app.trust_level < 1
}

deny contains "user is suspended" if {
	"suspended" in input.user.groups
}

pii_found if {
	some f in input.dlp.findings
	f.type in data.catalog.pii_types
	f.count > 0
}

high_risk_finding if {
	some f in input.dlp.findings
	f.score >= 0.9
}

outside_hours if input.time.hour < data.catalog.work_hours.start

outside_hours if input.time.hour >= data.catalog.work_hours.end

ask contains "write to a shared folder" if {
	request.action == "files.write"
}

ask contains "sending data to a confidential service" if {
	request.action == "http.request"
	connector.classification == "confidential"
}

ask contains "model call outside working hours" if {
	request.action == "model.generate"
	outside_hours
}

ask contains "high-confidence PII in the prompt" if {
	high_risk_finding
}

ask contains "expensive model" if {
	request.action == "model.generate"
	model.cost_per_1k * request.estimated_tokens / 1000 > 10
}

redact if {
	pii_found
	app.data_handling == "redact-pii"
}

route_model := "local-extractive" if {
	pii_found
	app.data_handling == "pii-allowed-onprem"
	not model.onprem
}

max_tokens := min([app.max_tokens, model.max_tokens]) if request.action == "model.generate"

default allow_remember := false

allow_remember if {
	app.stage == "development"
	not pii_found
}
