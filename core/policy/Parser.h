// SPDX-License-Identifier: Apache-2.0
// Rego lexer and parser: module text to the AST of Ast.h, in Rego v1 or v0 syntax, with
// located rego_parse_error diagnostics and a nesting limit instead of unbounded recursion.
#pragma once

#include "Ast.h"

#include <string_view>

namespace corral::policy {

struct ParsedModule
{
    std::shared_ptr<Module> module; // null on error
    std::vector<Diagnostic> errors;
};

struct ParsedQuery
{
    std::shared_ptr<Body> body; // null on error
    std::vector<Diagnostic> errors;
};

// Deepest nesting of terms, bodies and parentheses the parser accepts.
constexpr int kMaxParseDepth = 200;

// Parses a module. Auto: a module that parses as v1 is v1; otherwise v0 if it parses as v0
// (as OPA picks per module with --v0-compatible); otherwise the v1 error is reported.
ParsedModule parseModule(std::string_view text, const std::string& file, RegoVersion version = RegoVersion::Auto);

// Parses a query (expressions separated by ';' or newlines).
ParsedQuery parseQuery(std::string_view text, const std::string& file = {});

// Parses a single term in Rego syntax (e.g. an input given as Rego text).
ParsedQuery parseTermText(std::string_view text);

} // namespace corral::policy
