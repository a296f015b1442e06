# Obligations: conditions the agent must apply to a request it performs.
package corral

import rego.v1

# Redact personal data from the prompt before the model sees it.
redact if {
	is_model_call
	data_handling == "redact-pii"
}

# Send the call to this model instead of the one requested.
route_model := onprem_route if {
	pii_leaving
	data_handling == "pii-allowed-onprem"
}

token_caps contains input.app.max_tokens if is_number(input.app.max_tokens)

token_caps contains org_settings.max_tokens_cap if is_number(org_settings.max_tokens_cap)

# Never ask a model for more tokens than the app and the organisation allow.
max_tokens := min(token_caps) if {
	is_model_call
	count(token_caps) > 0
}
