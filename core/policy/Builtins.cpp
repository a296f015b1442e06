// SPDX-License-Identifier: Apache-2.0
#include "Builtins.h"

namespace corral::policy {

void BuiltinRegistry::add(BuiltinDecl decl)
{
    std::string name = decl.name;
    m_decls[std::move(name)] = std::make_shared<const BuiltinDecl>(std::move(decl));
}

void BuiltinRegistry::add(std::string name, int arity, BuiltinFn fn, std::vector<std::uint8_t> argTypes)
{
    BuiltinDecl decl;
    decl.name = std::move(name);
    decl.arity = arity;
    decl.fn = std::move(fn);
    decl.argTypes = std::move(argTypes);
    add(std::move(decl));
}

const BuiltinDecl* BuiltinRegistry::find(std::string_view name) const
{
    auto it = m_decls.find(name);
    return it == m_decls.end() ? nullptr : it->second.get();
}

std::vector<std::string> BuiltinRegistry::names() const
{
    std::vector<std::string> out;
    out.reserve(m_decls.size());
    for (const auto& [name, decl] : m_decls)
        out.push_back(name);
    return out;
}

const BuiltinRegistry& BuiltinRegistry::standard()
{
    static const BuiltinRegistry registry = [] {
        BuiltinRegistry r;
        registerStandardBuiltins(r);
        registerOperatorBuiltins(r);
        return r;
    }();
    return registry;
}

} // namespace corral::policy
