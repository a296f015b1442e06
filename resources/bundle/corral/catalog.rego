# Lookups over the model and connector catalogs (data.corral.catalog, mounted from
# resources/catalog at build time) and the facts about a request the rules share.
package corral

import rego.v1

models := {m.id: m | some m in data.corral.catalog.models.models}

connectors := {c.id: c | some c in data.corral.catalog.connectors.connectors}

org_settings := data.corral.settings

action := input.request.action

is_model_call if action == "model.generate"

# The model a request names, else the app's model.
request_model := input.request.model

request_model := input.app.model if not input.request.model

stage := object.get(input.app, "stage", "development")

# An app that says nothing about personal data may not send any off premises.
data_handling := object.get(input.app, "data_handling", "no-pii")

# Manifest connectors are ids or objects {"id": ..., settings}.
connector_id(c) := c if is_string(c)

connector_id(c) := c.id if is_object(c)

app_connectors contains connector_id(c) if some c in input.app.connectors

# Every connector involved: the app's and the one the request goes through.
used_connectors contains id if some id in app_connectors

used_connectors contains input.request.connector if is_string(input.request.connector)

app_classes contains connectors[id].classification if some id in app_connectors

model_on_prem if models[request_model].on_prem == true

# The PII types DLP found in the content of this request.
pii_types contains f.type if {
	some f in input.dlp.findings
	f.count > 0
}

pii_found if count(pii_types) > 0

# An on-premises model personal data may be routed to, when settings name one.
onprem_route := org_settings.onprem_model if {
	models[org_settings.onprem_model].on_prem == true
	models[org_settings.onprem_model].approval != "prohibited"
}

# PII found in content bound for a model outside the premises.
pii_leaving if {
	is_model_call
	pii_found
	not model_on_prem
}

host_matches(host, pattern) if host == pattern

host_matches(host, pattern) if {
	startswith(pattern, "*.")
	endswith(host, trim_prefix(pattern, "*"))
}
