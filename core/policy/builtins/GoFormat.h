// SPDX-License-Identifier: Apache-2.0
// sprintf as OPA implements it: Go's fmt.Sprintf over operands converted as OPA converts them
// (integers as Go ints or big ints, other numbers as float64, strings as strings, anything else
// as its Rego text), so verbs, flags and complaints like "%!d(string=x)" read as in OPA.
#pragma once

#include "policy/Value.h"

#include <string>
#include <string_view>

namespace corral::policy::builtins {

std::string goSprintf(std::string_view format, const ValueVector& args);

// Go's strconv.FormatFloat(d, 'g', -1, 64): the shortest text that reads back as d.
std::string goFormatFloatShortest(double d);

// Go's strconv.Quote: a double-quoted Go string literal.
std::string goQuote(std::string_view s);

} // namespace corral::policy::builtins
