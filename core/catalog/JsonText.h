// SPDX-License-Identifier: Apache-2.0
// A strict JSON reader for the files people edit (manifests, templates, catalogs): it
// rejects what parsers disagree on (duplicate keys, invalid UTF-8, numbers out of range,
// deep nesting, huge files) and remembers where every value starts, so errors can name a
// JSON pointer together with a line and column in the original text.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <variant>

namespace corral::catalog {

// 1-based line and column; columns count Unicode characters, not bytes.
struct TextPosition
{
    int line = 1;
    int column = 1;
};

// Position of byte `offset` in UTF-8 `text` (offsets past the end map to the end).
TextPosition positionAt(const QByteArray& text, qsizetype offset);

struct JsonLimits
{
    qsizetype maxBytes = 1024 * 1024;
    int maxDepth = 64;
};

// Why a text is not acceptable JSON. `kind` is one of "size", "utf8", "json", "truncated",
// "duplicate-key", "depth", "number"; callers prefix it with their domain
// ("manifest.utf8"). `offset` is the byte where the problem is.
struct JsonProblem
{
    QString kind;
    QString message;
    qsizetype offset = 0;
};

class JsonText
{
public:
    static std::variant<JsonText, JsonProblem> parse(const QByteArray& text, const JsonLimits& limits = {});

    const QJsonValue& root() const { return m_root; }
    const QByteArray& text() const { return m_text; }

    // Byte offset where the value at `pointer` (RFC 6901, "" is the root) starts, or -1.
    qsizetype valueOffset(const QString& pointer) const { return m_values.value(pointer, -1); }
    // Byte offset of the member name for a pointer into an object, or -1.
    qsizetype keyOffset(const QString& pointer) const { return m_keys.value(pointer, -1); }
    // Where to point an error about `pointer`: the value if it exists, else its nearest
    // existing ancestor (an error about a missing member points at its object).
    TextPosition position(const QString& pointer) const;

private:
    friend class JsonTextParser;
    QByteArray m_text;
    QJsonValue m_root;
    QHash<QString, qsizetype> m_values;
    QHash<QString, qsizetype> m_keys;
};

// Escapes one reference token of a JSON pointer ("~" -> "~0", "/" -> "~1").
QString escapePointerToken(const QString& token);
// Parent pointer of `pointer` ("/a/b" -> "/a", "/a" -> "", "" -> "").
QString parentPointer(const QString& pointer);

} // namespace corral::catalog
