// SPDX-License-Identifier: Apache-2.0
// The Rego abstract syntax tree: terms, expressions, bodies, rules and modules, as the parser
// produces them and the compiler annotates them (variable slots, resolved references).
#pragma once

#include "Value.h"

#include <memory>
#include <string>
#include <vector>

namespace corral::policy {

struct Location
{
    int row = 0;
    int col = 0;
    std::shared_ptr<const std::string> file;
};

// A located compile or parse error with OPA's code (rego_parse_error, rego_compile_error,
// rego_unsafe_var_error, rego_recursion_error, rego_type_error).
struct Diagnostic
{
    std::string code;
    std::string message;
    Location loc;

    // "FILE:LINE:COL: code: message"
    std::string toString() const
    {
        std::string out = loc.file ? *loc.file : std::string();
        if (loc.row > 0)
            out += ":" + std::to_string(loc.row) + ":" + std::to_string(loc.col);
        if (!out.empty())
            out += ": ";
        return out + code + ": " + message;
    }
};

struct Body;
struct Rule;
struct RuleSet;
struct DataNode;
struct BuiltinDecl;
struct Term;
using TermPtr = std::shared_ptr<Term>;

enum class TermKind : std::uint8_t {
    Scalar,      // value
    Var,         // name (slot after compilation)
    Ref,         // items[0] head term, items[1..] operands
    Array,       // items
    Set,         // items
    Object,      // pairs
    ArrayCompr,  // items[0] head, body
    SetCompr,    // items[0] head, body
    ObjectCompr, // items[0] key, items[1] value, body
    Call,        // name (dotted function name), items = arguments
};

// What a Var or a Ref head stands for once compiled.
enum class VarScope : std::uint8_t {
    Unresolved,
    Local,    // a slot in the enclosing frame
    Input,    // `input`
    Data,     // `data` (a Ref head; the operands follow)
    Wildcard, // `_` (a fresh slot, never shared)
};

struct Term
{
    TermKind kind = TermKind::Scalar;
    VarScope scope = VarScope::Unresolved;
    Location loc;
    Value value;
    std::string name;
    int slot = -1;
    std::vector<TermPtr> items;
    std::vector<std::pair<TermPtr, TermPtr>> pairs;
    std::shared_ptr<Body> body;
    // Compiler: the term contains no variable, reference or call (its value is `value`).
    bool ground = false;
    // Compiler, for Call: the user function or the built-in called, and whether the last
    // argument is the output (`count(x, n)`).
    const RuleSet* function = nullptr;
    const BuiltinDecl* builtin = nullptr;
    bool hasOutput = false;
    // Compiler, for a Ref into data: the deepest node of the data tree its leading string
    // operands reach without passing a rule (evaluation starts there instead of at the root),
    // and the index of the first operand after that node.
    const DataNode* dataNode = nullptr;
    std::uint32_t dataNodeEnd = 0;
};

enum class ExprKind : std::uint8_t {
    Term,   // a (true unless false/undefined)
    Unify,  // a = b
    Assign, // a := b
    Some,   // some vars (declaration only)
    SomeIn, // some [key,] value in collection
    Every,  // every [key,] value in collection { body }
};

struct With
{
    TermPtr target; // input..., data..., or a function name
    TermPtr value;
    Location loc;
};

struct Expr
{
    ExprKind kind = ExprKind::Term;
    bool negated = false;
    Location loc;
    TermPtr a, b;               // Term: a; Unify/Assign: a, b
    TermPtr key, val, coll;     // SomeIn / Every (key optional)
    std::vector<TermPtr> vars;  // Some
    std::shared_ptr<Body> body; // Every
    std::vector<With> withs;
};

struct Body
{
    std::vector<Expr> exprs;
    Location loc;
};

enum class RuleKind : std::uint8_t { Complete, PartialSet, PartialObject, Function };

struct Rule
{
    Location loc;
    RuleKind kind = RuleKind::Complete;
    // The head reference as written: items[0] is a Var (the first name), then operands.
    std::vector<TermPtr> head;
    std::vector<TermPtr> args; // Function
    // PartialSet: key is the member. PartialObject: keys are the dynamic head operands.
    std::vector<TermPtr> keys;
    TermPtr value; // Complete/PartialObject/Function value (true when absent); null for PartialSet
    Body body;
    bool isDefault = false;
    bool assign = false; // :=
    std::shared_ptr<Rule> elseRule;
    // Compiler: the rule's path below data (package + static head operands).
    std::vector<std::string> path;
    int numSlots = 0;
    // Compiler: the rule's index guard, when its body starts with `REF == constant` (or `=`)
    // where REF is a reference into input or data with constant operands only. The guard
    // indexes RuleSet::guards; the evaluator evaluates each guard once per rule set and skips
    // the rules whose constant differs, without evaluating their bodies.
    int guard = -1;
    Value guardValue;
};

struct Import
{
    std::vector<std::string> path; // "input", "a", "b" / "data", "x" / "future", "keywords"
    std::string alias;
    Location loc;
};

enum class RegoVersion : std::uint8_t { Auto, V0, V1 };

struct Module
{
    std::string file;
    std::vector<std::string> package; // without "data"
    Location packageLoc;
    std::vector<Import> imports;
    std::vector<std::shared_ptr<Rule>> rules;
    RegoVersion version = RegoVersion::V1;
};

} // namespace corral::policy
