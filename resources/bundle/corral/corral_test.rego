# Unit tests of the default policy (`corral policy test`). They run against a small
# catalog of their own, so editing the shipped catalogs does not change what they prove.
package corral

import rego.v1

mock_catalog := {
	"models": {"version": 1, "models": [
		{"id": "local-extractive", "provider": "local-extractive", "approval": "allowed", "on_prem": true},
		{"id": "hosted-ok", "provider": "openai-compatible", "approval": "allowed", "on_prem": false},
		{"id": "hosted-restricted", "provider": "openai-compatible", "approval": "restricted", "on_prem": false},
		{"id": "hosted-banned", "provider": "openai-compatible", "approval": "prohibited", "on_prem": false},
	]},
	"connectors": {"version": 1, "connectors": [
		{"id": "crm", "type": "http", "classification": "business", "http": {"hosts": ["crm.example.com"], "methods": ["GET", "POST"]}},
		{"id": "wiki", "type": "http", "classification": "business", "http": {"hosts": ["*.wiki.example.com"], "methods": ["GET"]}},
		{"id": "news", "type": "http", "classification": "non-business", "http": {"hosts": ["news.example.org"], "methods": ["GET"]}},
		{"id": "reports", "type": "files", "classification": "business", "files": {"roots": ["~/Reports"], "mode": "read-write"}},
		{"id": "hr-files", "type": "files", "classification": "business", "files": {"roots": ["~/HR"], "mode": "read"}},
		{"id": "file-drop", "type": "http", "classification": "blocked", "http": {"hosts": ["drop.example.net"], "methods": ["GET"]}},
	]},
}

mock_settings := {"max_tokens_cap": 4000, "onprem_model": "local-extractive", "sensitive_connectors": ["hr-files"]}

base_app := {
	"name": "test-app",
	"stage": "development",
	"model": "hosted-ok",
	"connectors": ["crm"],
	"data_handling": "no-pii",
	"max_tokens": 800,
	"quota_remaining": 10000,
}

app(overrides) := object.union(base_app, overrides)

generate(model) := {"action": "model.generate", "model": model, "estimated_tokens": 100}

pii := {"findings": [{"type": "email", "count": 2, "score": 0.9}]}

no_pii := {"findings": []}

doc(request, application, dlp) := {"request": request, "app": application, "dlp": dlp, "user": {"id": "u1", "groups": []}}

denials(d) := result if {
	result := deny with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as mock_settings
}

asks(d) := result if {
	result := ask with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as mock_settings
}

redacts(d) if {
	redact with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as mock_settings
}

route_for(d) := result if {
	result := route_model with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as mock_settings
}

max_tokens_for(d) := result if {
	result := max_tokens with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as mock_settings
}

# --- models ------------------------------------------------------------------------

test_allowed_model_is_allowed if {
	d := doc(generate("hosted-ok"), base_app, no_pii)
	denials(d) == set()
	asks(d) == set()
}

test_model_defaults_to_the_apps if {
	d := doc({"action": "model.generate"}, app({"model": "hosted-banned"}), no_pii)
	"model \"hosted-banned\" is prohibited by the organisation" in denials(d)
}

test_unknown_model_is_denied if {
	d := doc(generate("mystery-9"), base_app, no_pii)
	"model \"mystery-9\" is not in the organisation's model catalog" in denials(d)
}

test_prohibited_model_is_denied if {
	d := doc(generate("hosted-banned"), base_app, no_pii)
	denials(d) == {"model \"hosted-banned\" is prohibited by the organisation"}
}

test_restricted_model_is_denied_outside_production if {
	d := doc(generate("hosted-restricted"), base_app, no_pii)
	denials(d) == {"model \"hosted-restricted\" is restricted to production apps; this app is in development"}
}

test_restricted_model_is_allowed_in_approved_production if {
	d := doc(generate("hosted-restricted"), app({"stage": "production", "approved": true}), no_pii)
	denials(d) == set()
}

test_model_rules_only_apply_to_model_calls if {
	d := doc({"action": "files.read", "connector": "reports", "path": "q3.txt"}, app({"model": "mystery-9", "connectors": ["reports"]}), no_pii)
	denials(d) == set()
}

# --- connectors --------------------------------------------------------------------

test_blocked_connector_is_denied if {
	d := doc({"action": "files.list", "connector": "reports"}, app({"connectors": ["reports", "file-drop"]}), no_pii)
	denials(d) == {"connector \"file-drop\" is blocked by the organisation"}
}

test_blocked_connector_given_as_object_is_denied if {
	d := doc(generate("hosted-ok"), app({"connectors": [{"id": "file-drop", "path": "/in"}]}), no_pii)
	"connector \"file-drop\" is blocked by the organisation" in denials(d)
}

test_unknown_connector_is_denied if {
	d := doc({"action": "http.request", "connector": "pastebin", "method": "GET", "host": "pastebin.com"}, base_app, no_pii)
	"connector \"pastebin\" is not in the organisation's connector catalog" in denials(d)
}

test_mixing_business_and_non_business_is_denied if {
	d := doc(generate("hosted-ok"), app({"connectors": ["crm", "news"]}), no_pii)
	denials(d) == {"an app may not mix Business and Non-Business connectors"}
}

test_business_connectors_together_are_allowed if {
	d := doc(generate("hosted-ok"), app({"connectors": ["crm", "wiki", "reports"]}), no_pii)
	denials(d) == set()
}

# --- personal data -----------------------------------------------------------------

test_pii_to_hosted_model_is_denied_under_no_pii if {
	d := doc(generate("hosted-ok"), base_app, pii)
	"the content holds personal data (email) and data_handling \"no-pii\" forbids sending it to \"hosted-ok\", which is not on premises" in denials(d)
}

test_unknown_data_handling_is_treated_as_no_pii if {
	d := doc(generate("hosted-ok"), app({"data_handling": "whatever"}), pii)
	count(denials(d)) == 1
}

test_missing_data_handling_is_treated_as_no_pii if {
	d := doc(generate("hosted-ok"), object.remove(base_app, ["data_handling"]), pii)
	"the content holds personal data (email) and data_handling \"no-pii\" forbids sending it to \"hosted-ok\", which is not on premises" in denials(d)
}

test_pii_to_onprem_model_is_asked_not_denied if {
	d := doc(generate("local-extractive"), app({"model": "local-extractive"}), pii)
	denials(d) == set()
	asks(d) == {"send content that holds personal data (email) to the model"}
}

test_findings_with_zero_count_are_not_pii if {
	d := doc(generate("hosted-ok"), base_app, {"findings": [{"type": "email", "count": 0, "score": 0.1}]})
	denials(d) == set()
	asks(d) == set()
}

test_pii_allowed_onprem_is_routed_to_the_onprem_model if {
	d := doc(generate("hosted-ok"), app({"data_handling": "pii-allowed-onprem"}), pii)
	denials(d) == set()
	route_for(d) == "local-extractive"
}

test_pii_allowed_onprem_without_onprem_model_is_denied if {
	d := doc(generate("hosted-ok"), app({"data_handling": "pii-allowed-onprem"}), pii)
	no_onprem := object.union(mock_settings, {"onprem_model": "hosted-ok"})
	result := deny with input as d
		with data.corral.catalog as mock_catalog
		with data.corral.settings as no_onprem
	result == {"the content holds personal data (email) and no on-premises model is available to take it"}
}

test_no_route_without_pii if {
	d := doc(generate("hosted-ok"), app({"data_handling": "pii-allowed-onprem"}), no_pii)
	not route_for(d)
}

test_redact_pii_obliges_redaction_and_asks_nothing if {
	d := doc(generate("hosted-ok"), app({"data_handling": "redact-pii"}), pii)
	redacts(d)
	denials(d) == set()
	asks(d) == set()
}

test_no_redaction_under_no_pii if {
	d := doc(generate("hosted-ok"), base_app, no_pii)
	not redacts(d)
}

# --- quota and approval ------------------------------------------------------------

test_tokens_over_quota_are_denied if {
	d := doc({"action": "model.generate", "model": "hosted-ok", "estimated_tokens": 12000}, base_app, no_pii)
	denials(d) == {"the request needs about 12000 tokens but only 10000 remain in the quota"}
}

test_tokens_within_quota_are_allowed if {
	d := doc({"action": "model.generate", "model": "hosted-ok", "estimated_tokens": 10000}, base_app, no_pii)
	denials(d) == set()
}

test_production_without_approval_is_denied if {
	d := doc(generate("hosted-ok"), app({"stage": "production"}), no_pii)
	denials(d) == {"production use needs a reviewer's approval"}
}

test_production_with_approval_is_allowed if {
	d := doc(generate("hosted-ok"), app({"stage": "production", "approved": true}), no_pii)
	denials(d) == set()
}

# --- confirmations -----------------------------------------------------------------

test_writing_a_file_is_asked if {
	d := doc({"action": "files.write", "connector": "reports", "path": "summary.md"}, app({"connectors": ["reports"]}), no_pii)
	asks(d) == {"write the file summary.md"}
	denials(d) == set()
}

test_get_to_an_allowed_host_is_not_asked if {
	d := doc({"action": "http.request", "connector": "crm", "method": "GET", "host": "crm.example.com"}, base_app, no_pii)
	asks(d) == set()
}

test_get_to_a_wildcard_host_is_not_asked if {
	d := doc({"action": "http.request", "connector": "wiki", "method": "get", "host": "eu.wiki.example.com"}, app({"connectors": ["wiki"]}), no_pii)
	asks(d) == set()
}

test_post_is_asked if {
	d := doc({"action": "http.request", "connector": "crm", "method": "POST", "host": "crm.example.com"}, base_app, no_pii)
	asks(d) == {"send an HTTP POST request to crm.example.com"}
}

test_get_to_another_host_is_asked if {
	d := doc({"action": "http.request", "connector": "crm", "method": "GET", "host": "evil.example.com"}, base_app, no_pii)
	asks(d) == {"send an HTTP GET request to evil.example.com"}
}

test_reading_a_sensitive_connector_is_asked if {
	d := doc({"action": "files.read", "connector": "hr-files", "path": "salaries.csv"}, app({"connectors": ["hr-files"]}), no_pii)
	asks(d) == {"read from \"hr-files\", which the organisation marks as sensitive"}
}

test_reading_an_ordinary_connector_is_not_asked if {
	d := doc({"action": "files.read", "connector": "reports", "path": "q3.txt"}, app({"connectors": ["reports"]}), no_pii)
	asks(d) == set()
}

# --- max_tokens ----------------------------------------------------------------------

test_max_tokens_is_the_apps_when_lower if {
	max_tokens_for(doc(generate("hosted-ok"), base_app, no_pii)) == 800
}

test_max_tokens_is_capped_by_the_organisation if {
	max_tokens_for(doc(generate("hosted-ok"), app({"max_tokens": 32000}), no_pii)) == 4000
}

test_no_max_tokens_outside_model_calls if {
	not max_tokens_for(doc({"action": "files.list", "connector": "crm"}, base_app, no_pii))
}
