# Unit tests of the product brief's platform.safe policy (policy.rego, Rego v0), which
# is part of the decision as it stands.
package platform.safe

import rego.v1

test_unsafe_model_is_denied if {
	deny == {"Model not approved for production"} with input as {"request": {"model": "unsafe-2025", "estimated_tokens": 10}, "app": {"quota_remaining": 100}}
}

test_other_models_are_not_denied if {
	count(deny) == 0 with input as {"request": {"model": "hosted-ok", "estimated_tokens": 10}, "app": {"quota_remaining": 100}}
}

test_tokens_over_quota_are_denied if {
	deny == {"Quota exceeded"} with input as {"request": {"model": "hosted-ok", "estimated_tokens": 101}, "app": {"quota_remaining": 100}}
}

test_tokens_equal_to_quota_are_allowed if {
	count(deny) == 0 with input as {"request": {"model": "hosted-ok", "estimated_tokens": 100}, "app": {"quota_remaining": 100}}
}

test_both_rules_report_together if {
	deny == {"Model not approved for production", "Quota exceeded"} with input as {"request": {"model": "unsafe-2025", "estimated_tokens": 101}, "app": {"quota_remaining": 100}}
}
