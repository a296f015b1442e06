// SPDX-License-Identifier: Apache-2.0
#include "Yaml.h"

#include <QString>
#include <cmath>
#include <string>
#include <vector>

namespace corral::policy::builtins {

namespace {

constexpr int kMaxDepth = 256;

struct Line
{
    int number = 0;   // 1-based
    int indent = 0;   // leading spaces
    std::string text; // without indentation and trailing comment/space
    std::string raw;  // the whole line, for block scalars
};

Error yamlError(int line, const std::string& what)
{
    return makeError(QStringLiteral("yaml"),
                     QStringLiteral("yaml: line %1: %2").arg(line).arg(QString::fromStdString(what)));
}

std::string rtrim(std::string s)
{
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.pop_back();
    return s;
}

// Drops a comment: '#' at the start or after whitespace, outside quotes.
std::string stripComment(const std::string& s)
{
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            if (i == 0 || s[i - 1] == ' ' || s[i - 1] == '[' || s[i - 1] == '{' || s[i - 1] == ',' || s[i - 1] == ':' ||
                s[i - 1] == '-')
                quote = c;
        } else if (c == '#' && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t')) {
            return s.substr(0, i);
        }
    }
    return s;
}

// Plain scalar resolution as YAML 1.1 core schema readers (go-yaml v2) do it.
Value resolvePlain(const std::string& s)
{
    if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL")
        return Value();
    static const char* truthy[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"};
    static const char* falsy[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N"};
    for (const char* t : truthy)
        if (s == t)
            return Value::boolean(true);
    for (const char* f : falsy)
        if (s == f)
            return Value::boolean(false);
    std::string digits = s;
    std::erase(digits, '_');
    if (digits.size() > 2 && (digits.starts_with("0x") || digits.starts_with("0X"))) {
        bool ok = false;
        const qlonglong v = QString::fromStdString(digits.substr(2)).toLongLong(&ok, 16);
        if (ok)
            return Value::integer(v);
    }
    if (auto n = Value::numberFromText(digits[0] == '+' ? digits.substr(1) : digits))
        return *n;
    // YAML accepts "1." and ".5" as floats where JSON does not.
    bool ok = false;
    const double d = QString::fromStdString(digits).toDouble(&ok);
    if (ok && std::isfinite(d) && digits.find_first_of("0123456789") != std::string::npos &&
        digits.find_first_not_of("+-0123456789.eE") == std::string::npos)
        return Value::number(d);
    return Value::string(s);
}

class FlowParser
{
public:
    FlowParser(const std::string& text, int line) : m_s(text), m_line(line) {}

    Result<Value> parseAll()
    {
        auto v = value(0);
        if (!v)
            return v;
        skipSpace();
        if (m_i != m_s.size())
            return yamlError(lineAt(), "did not find expected <document end>");
        return v;
    }

    std::size_t position() const { return m_i; }

private:
    int lineAt() const
    {
        int l = m_line;
        for (std::size_t k = 0; k < m_i && k < m_s.size(); ++k)
            if (m_s[k] == '\n')
                ++l;
        return l;
    }

    void skipSpace()
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || m_s[m_i] == '\t' || m_s[m_i] == '\n' || m_s[m_i] == '\r'))
            ++m_i;
    }

    Result<Value> value(int depth)
    {
        if (depth > kMaxDepth)
            return yamlError(lineAt(), "exceeded max depth");
        skipSpace();
        if (m_i >= m_s.size())
            return Value();
        const char c = m_s[m_i];
        if (c == '[')
            return sequence(depth);
        if (c == '{')
            return mapping(depth);
        if (c == '"' || c == '\'')
            return quoted();
        if (c == '&' || c == '*' || c == '!' || c == '%' || c == '@' || c == '`')
            return yamlError(lineAt(), "found character that cannot start any token");
        return plain(depth > 0);
    }

    Result<Value> sequence(int depth)
    {
        ++m_i;
        ValueVector items;
        while (true) {
            skipSpace();
            if (m_i >= m_s.size())
                return yamlError(lineAt(), "did not find expected ',' or ']'");
            if (m_s[m_i] == ']') {
                ++m_i;
                return Value::array(std::move(items));
            }
            auto v = value(depth + 1);
            if (!v)
                return v;
            items.push_back(std::move(*v));
            skipSpace();
            if (m_i < m_s.size() && m_s[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_i >= m_s.size() || m_s[m_i] != ']')
                return yamlError(lineAt(), "did not find expected ',' or ']'");
        }
    }

    Result<Value> mapping(int depth)
    {
        ++m_i;
        ObjectItems items;
        while (true) {
            skipSpace();
            if (m_i >= m_s.size())
                return yamlError(lineAt(), "did not find expected ',' or '}'");
            if (m_s[m_i] == '}') {
                ++m_i;
                return Value::object(std::move(items));
            }
            auto k = value(depth + 1);
            if (!k)
                return k;
            skipSpace();
            Value v;
            if (m_i < m_s.size() && m_s[m_i] == ':') {
                ++m_i;
                skipSpace();
                if (m_i < m_s.size() && m_s[m_i] != ',' && m_s[m_i] != '}') {
                    auto parsed = value(depth + 1);
                    if (!parsed)
                        return parsed;
                    v = std::move(*parsed);
                }
            }
            items.emplace_back(k->isString() ? *k : Value::string(k->toJson()), std::move(v));
            skipSpace();
            if (m_i < m_s.size() && m_s[m_i] == ',') {
                ++m_i;
                continue;
            }
            if (m_i >= m_s.size() || m_s[m_i] != '}')
                return yamlError(lineAt(), "did not find expected ',' or '}'");
        }
    }

    Result<Value> quoted()
    {
        const char q = m_s[m_i++];
        std::string out;
        while (true) {
            if (m_i >= m_s.size())
                return yamlError(lineAt(), "found unexpected end of stream");
            const char c = m_s[m_i++];
            if (c == q) {
                if (q == '\'' && m_i < m_s.size() && m_s[m_i] == '\'') {
                    out += '\'';
                    ++m_i;
                    continue;
                }
                return Value::string(std::move(out));
            }
            if (c == '\\' && q == '"') {
                if (m_i >= m_s.size())
                    return yamlError(lineAt(), "found unexpected end of stream");
                const char e = m_s[m_i++];
                switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '0':
                    out += '\0';
                    break;
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'u': {
                    if (m_i + 4 > m_s.size())
                        return yamlError(lineAt(), "found unknown escape character while parsing a quoted scalar");
                    bool ok = false;
                    const uint cp = QString::fromStdString(m_s.substr(m_i, 4)).toUInt(&ok, 16);
                    if (!ok)
                        return yamlError(lineAt(), "found unknown escape character while parsing a quoted scalar");
                    out += QString(QChar(char16_t(cp))).toStdString();
                    m_i += 4;
                    break;
                }
                default:
                    return yamlError(lineAt(), "found unknown escape character while parsing a quoted scalar");
                }
                continue;
            }
            if (c == '\n') {
                // Line folding inside quotes: a single newline becomes a space.
                while (!out.empty() && out.back() == ' ')
                    out.pop_back();
                out += ' ';
                while (m_i < m_s.size() && m_s[m_i] == ' ')
                    ++m_i;
                continue;
            }
            out += c;
        }
    }

    Result<Value> plain(bool inFlow)
    {
        const std::size_t start = m_i;
        while (m_i < m_s.size()) {
            const char c = m_s[m_i];
            if (inFlow && (c == ',' || c == ']' || c == '}'))
                break;
            if (c == ':' && (m_i + 1 >= m_s.size() || m_s[m_i + 1] == ' ' || m_s[m_i + 1] == '\n' ||
                             (inFlow && (m_s[m_i + 1] == ',' || m_s[m_i + 1] == '}' || m_s[m_i + 1] == ']'))))
                break;
            if (c == '\n')
                break;
            ++m_i;
        }
        return resolvePlain(rtrim(m_s.substr(start, m_i - start)));
    }

    const std::string& m_s;
    std::size_t m_i = 0;
    int m_line;
};

// Position of a block mapping's ':' (followed by a space or the end), outside quotes and
// flow brackets; npos when the line is not a "key: value" line.
std::size_t mappingColon(const std::string& s)
{
    char quote = 0;
    int flow = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == '\\' && quote == '"')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if ((c == '"' || c == '\'') && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '['))
            quote = c;
        else if (c == '[' || c == '{')
            ++flow;
        else if ((c == ']' || c == '}') && flow > 0)
            --flow;
        else if (c == ':' && flow == 0 && (i + 1 == s.size() || s[i + 1] == ' '))
            return i;
    }
    return std::string::npos;
}

class BlockParser
{
public:
    explicit BlockParser(std::vector<Line> lines) : m_lines(std::move(lines)) {}

    Result<Value> parseDocument()
    {
        if (m_lines.empty())
            return Value();
        auto v = node(m_lines.front().indent, 0);
        if (!v)
            return v;
        if (m_pos < m_lines.size())
            return yamlError(m_lines[m_pos].number, "did not find expected <document start>");
        return v;
    }

private:
    Result<Value> node(int indent, int depth)
    {
        if (depth > kMaxDepth)
            return yamlError(current().number, "exceeded max depth");
        if (m_pos >= m_lines.size())
            return Value();
        const Line& l = current();
        if (l.indent < indent)
            return Value();
        if (l.text == "-" || l.text.starts_with("- "))
            return sequence(l.indent, depth);
        if (mappingColon(l.text) != std::string::npos)
            return mapping(l.indent, depth);
        return scalarLines(l.indent, depth);
    }

    const Line& current() const { return m_lines[m_pos]; }

    // A scalar or flow collection that may continue on more-indented lines.
    Result<Value> scalarLines(int indent, int depth)
    {
        const int first = current().number;
        std::string text = current().text;
        ++m_pos;
        while (m_pos < m_lines.size() && current().indent >= indent && current().indent > 0 &&
               mappingColon(current().text) == std::string::npos) {
            text += '\n' + current().text;
            ++m_pos;
        }
        (void)depth;
        return inlineValue(text, first);
    }

    Result<Value> inlineValue(const std::string& text, int line)
    {
        if (text.starts_with('&') || text.starts_with('*') || text.starts_with('!'))
            return yamlError(line, "anchors, aliases and tags are not supported");
        if (text.starts_with('[') || text.starts_with('{') || text.starts_with('"') || text.starts_with('\''))
            return FlowParser(text, line).parseAll();
        // A plain multi-line scalar folds its lines with spaces.
        std::string folded;
        std::size_t start = 0;
        while (start <= text.size()) {
            const std::size_t nl = text.find('\n', start);
            std::string part = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            if (!folded.empty())
                folded += ' ';
            folded += part;
            if (nl == std::string::npos)
                break;
            start = nl + 1;
        }
        if (folded.find(": ") != std::string::npos && text.find('\n') != std::string::npos)
            return yamlError(line, "mapping values are not allowed in this context");
        return resolvePlain(rtrim(folded));
    }

    // A block scalar (| or >) whose content lines are more indented than `parentIndent`.
    Value blockScalar(const std::string& header, int parentIndent)
    {
        const bool literal = header[0] == '|';
        const char chomp =
            header.find('-') != std::string::npos ? '-' : (header.find('+') != std::string::npos ? '+' : ' ');
        std::vector<std::string> content;
        int blockIndent = -1;
        while (m_pos < m_lines.size()) {
            const Line& l = current();
            if (!l.text.empty() && l.indent <= parentIndent)
                break;
            if (l.text.empty()) {
                content.emplace_back();
            } else {
                if (blockIndent < 0)
                    blockIndent = l.indent;
                content.push_back(l.raw.substr(std::min<std::size_t>(std::size_t(blockIndent), l.raw.size())));
            }
            ++m_pos;
        }
        std::size_t trailing = 0;
        while (!content.empty() && content.back().empty()) {
            content.pop_back();
            ++trailing;
        }
        std::string out;
        for (std::size_t i = 0; i < content.size(); ++i) {
            if (i > 0)
                out += (literal || content[i].empty() || content[i - 1].empty()) ? "\n" : " ";
            out += content[i];
        }
        if (chomp != '-' && !content.empty())
            out += '\n';
        if (chomp == '+')
            out += std::string(trailing, '\n');
        return Value::string(out);
    }

    Result<Value> valueAfterIndicator(const std::string& rest, int ownIndent, int childMin, int line, int depth)
    {
        if (rest.empty()) {
            // The value is on the following lines (a sequence may sit at the key's indentation).
            if (m_pos < m_lines.size() &&
                (current().indent > ownIndent ||
                 (current().indent == ownIndent && (current().text == "-" || current().text.starts_with("- ")) &&
                  childMin == ownIndent)))
                return node(current().indent, depth + 1);
            return Value();
        }
        if (rest[0] == '|' || rest[0] == '>')
            return blockScalar(rest, ownIndent);
        // Continuation lines of a flow collection or plain scalar.
        std::string text = rest;
        while (m_pos < m_lines.size() && current().indent > ownIndent &&
               (mappingColon(current().text) == std::string::npos || text.starts_with('[') || text.starts_with('{'))) {
            text += '\n' + current().text;
            ++m_pos;
        }
        return inlineValue(text, line);
    }

    Result<Value> mapping(int indent, int depth)
    {
        ObjectItems items;
        while (m_pos < m_lines.size() && current().indent == indent) {
            const Line& l = current();
            const std::size_t colon = mappingColon(l.text);
            if (colon == std::string::npos) {
                if (l.text == "-" || l.text.starts_with("- "))
                    return yamlError(l.number, "did not find expected key");
                return yamlError(l.number, "could not find expected ':'");
            }
            const int line = l.number;
            auto key = inlineValue(rtrim(l.text.substr(0, colon)), line);
            if (!key)
                return key;
            std::string rest = l.text.substr(colon + 1);
            rest.erase(0, rest.find_first_not_of(' ') == std::string::npos ? rest.size() : rest.find_first_not_of(' '));
            ++m_pos;
            auto value = valueAfterIndicator(rest, indent, indent, line, depth);
            if (!value)
                return value;
            items.emplace_back(key->isString() ? *key : Value::string(key->toJson()), std::move(*value));
        }
        if (m_pos < m_lines.size() && current().indent > indent)
            return yamlError(current().number, "mapping values are not allowed in this context");
        return Value::object(std::move(items));
    }

    Result<Value> sequence(int indent, int depth)
    {
        ValueVector items;
        while (m_pos < m_lines.size() && current().indent == indent &&
               (current().text == "-" || current().text.starts_with("- "))) {
            Line& l = m_lines[m_pos];
            const int line = l.number;
            std::string rest = l.text.size() > 1 ? l.text.substr(2) : std::string();
            const std::size_t skip = rest.find_first_not_of(' ');
            const int itemIndent = indent + 2 + int(skip == std::string::npos ? 0 : skip);
            rest.erase(0, skip == std::string::npos ? rest.size() : skip);
            if (!rest.empty() && (rest == "-" || rest.starts_with("- ") || mappingColon(rest) != std::string::npos) &&
                rest[0] != '[' && rest[0] != '{' && rest[0] != '"' && rest[0] != '\'') {
                // "- key: value": the item is a nested block starting on this line.
                l.indent = itemIndent;
                l.text = rest;
                auto v = node(itemIndent, depth + 1);
                if (!v)
                    return v;
                items.push_back(std::move(*v));
                continue;
            }
            ++m_pos;
            auto v = valueAfterIndicator(rest, indent, -1, line, depth);
            if (!v)
                return v;
            items.push_back(std::move(*v));
        }
        if (m_pos < m_lines.size() && current().indent > indent)
            return yamlError(current().number, "did not find expected '-' indicator");
        return Value::array(std::move(items));
    }

    std::vector<Line> m_lines;
    std::size_t m_pos = 0;
};

} // namespace

Result<Value> parseYaml(std::string_view text)
{
    std::vector<Line> lines;
    int number = 0;
    std::size_t start = 0;
    bool started = false;
    while (start <= text.size()) {
        const std::size_t nl = text.find('\n', start);
        std::string raw(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        ++number;
        start = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        if (!raw.empty() && raw.back() == '\r')
            raw.pop_back();
        if (raw.find('\t') != std::string::npos && raw.find_first_not_of(" \t") != std::string::npos &&
            raw.find_first_not_of(' ') < raw.size() && raw[raw.find_first_not_of(' ')] == '\t')
            return yamlError(number, "found character that cannot start any token");
        if (raw.starts_with("%"))
            return yamlError(number, "directives are not supported");
        if (raw == "---" || raw.starts_with("--- ")) {
            if (started)
                return yamlError(number, "multiple documents are not supported");
            started = true;
            raw = raw.size() > 4 ? raw.substr(4) : std::string();
            if (raw.empty())
                continue;
        }
        if (raw == "...")
            break;
        const std::string content = rtrim(stripComment(raw));
        const std::size_t indent = content.find_first_not_of(' ');
        Line l;
        l.number = number;
        l.raw = raw;
        if (indent == std::string::npos) {
            l.indent = -1; // blank: only meaningful inside block scalars
            lines.push_back(std::move(l));
            continue;
        }
        l.indent = int(indent);
        l.text = content.substr(indent);
        lines.push_back(std::move(l));
        started = true;
    }
    // Blank lines matter only inside block scalars; elsewhere drop them, keeping them after
    // a '|' or '>' header so the scalar sees its empty lines.
    std::vector<Line> kept;
    bool inBlock = false;
    int blockParent = 0;
    for (Line& l : lines) {
        if (l.indent < 0) {
            if (inBlock) {
                l.indent = blockParent + 1;
                kept.push_back(std::move(l));
            }
            continue;
        }
        if (inBlock && l.indent <= blockParent)
            inBlock = false;
        if (!inBlock && (l.text.ends_with("|") || l.text.ends_with(">") || l.text.ends_with("|-") ||
                         l.text.ends_with(">-") || l.text.ends_with("|+") || l.text.ends_with(">+"))) {
            inBlock = true;
            blockParent = l.indent;
        }
        kept.push_back(std::move(l));
    }
    while (!kept.empty() && kept.back().text.empty())
        kept.pop_back();
    return BlockParser(std::move(kept)).parseDocument();
}

} // namespace corral::policy::builtins
