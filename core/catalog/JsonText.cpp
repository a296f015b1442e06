// SPDX-License-Identifier: Apache-2.0
#include "JsonText.h"

#include "Utf8.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <cmath>
#include <limits>

namespace corral::catalog {

namespace {

bool isContinuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

} // namespace

TextPosition positionAt(const QByteArray& text, qsizetype offset)
{
    TextPosition pos;
    const qsizetype end = std::min(offset, text.size());
    for (qsizetype i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text.at(i));
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if (!isContinuation(c)) {
            ++pos.column;
        }
    }
    return pos;
}

QString escapePointerToken(const QString& token)
{
    QString escaped = token;
    escaped.replace(QLatin1Char('~'), QLatin1String("~0"));
    escaped.replace(QLatin1Char('/'), QLatin1String("~1"));
    return escaped;
}

QString parentPointer(const QString& pointer)
{
    const qsizetype slash = pointer.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QString() : pointer.left(slash);
}

TextPosition JsonText::position(const QString& pointer) const
{
    QString p = pointer;
    for (;;) {
        const qsizetype offset = valueOffset(p);
        if (offset >= 0)
            return positionAt(m_text, offset);
        if (p.isEmpty())
            return {};
        p = parentPointer(p);
    }
}

// Recursive-descent parser over the raw bytes (already checked as UTF-8).
class JsonTextParser
{
public:
    JsonTextParser(JsonText& out, const JsonLimits& limits) : m_out(out), m_text(out.m_text), m_limits(limits) {}

    bool run()
    {
        skipSpace();
        if (!parseValue(QString(), 0, m_out.m_root))
            return false;
        skipSpace();
        if (m_pos < m_text.size())
            return fail(QStringLiteral("json"), QStringLiteral("unexpected text after the JSON value"));
        return true;
    }

    JsonProblem problem;

private:
    bool fail(const QString& kind, const QString& message, qsizetype at = -1)
    {
        problem = JsonProblem{kind, message, at >= 0 ? at : m_pos};
        return false;
    }

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_text.at(m_pos); }

    bool failUnexpected(const QString& expected)
    {
        if (atEnd())
            return fail(QStringLiteral("truncated"),
                        QStringLiteral("unexpected end of file (truncated?), expected %1").arg(expected));
        const char c = peek();
        const QString seen = (c >= 0x21 && c < 0x7F)
                                 ? QStringLiteral("'%1'").arg(QLatin1Char(c))
                                 : QStringLiteral("character 0x%1").arg(int(uchar(c)), 2, 16, QLatin1Char('0'));
        return fail(QStringLiteral("json"), QStringLiteral("expected %1, found %2").arg(expected, seen));
    }

    void skipSpace()
    {
        while (!atEnd()) {
            const char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool literal(const char* word, QJsonValue value, QJsonValue& out)
    {
        const qsizetype start = m_pos;
        for (const char* w = word; *w; ++w, ++m_pos) {
            if (atEnd())
                return fail(QStringLiteral("truncated"), QStringLiteral("unexpected end of file (truncated?)"));
            if (peek() != *w)
                return fail(QStringLiteral("json"), QStringLiteral("invalid literal"), start);
        }
        out = value;
        return true;
    }

    bool parseValue(const QString& pointer, int depth, QJsonValue& out)
    {
        if (atEnd())
            return failUnexpected(QStringLiteral("a value"));
        m_out.m_values.insert(pointer, m_pos);
        const char c = peek();
        switch (c) {
        case '{':
        case '[':
            if (depth + 1 > m_limits.maxDepth)
                return fail(QStringLiteral("depth"),
                            QStringLiteral("nested more than %1 levels deep").arg(m_limits.maxDepth));
            return c == '{' ? parseObject(pointer, depth + 1, out) : parseArray(pointer, depth + 1, out);
        case '"': {
            QString s;
            if (!parseString(s))
                return false;
            out = s;
            return true;
        }
        case 't':
            return literal("true", true, out);
        case 'f':
            return literal("false", false, out);
        case 'n':
            return literal("null", QJsonValue(QJsonValue::Null), out);
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                return parseNumber(out);
            return failUnexpected(QStringLiteral("a value"));
        }
    }

    bool parseObject(const QString& pointer, int depth, QJsonValue& out)
    {
        ++m_pos; // '{'
        QJsonObject object;
        QSet<QString> seen;
        skipSpace();
        if (!atEnd() && peek() == '}') {
            ++m_pos;
            out = object;
            return true;
        }
        for (;;) {
            skipSpace();
            if (atEnd() || peek() != '"')
                return failUnexpected(QStringLiteral("a member name in double quotes"));
            const qsizetype keyStart = m_pos;
            QString key;
            if (!parseString(key))
                return false;
            if (seen.contains(key))
                return fail(QStringLiteral("duplicate-key"), QStringLiteral("duplicate member name \"%1\"").arg(key),
                            keyStart);
            seen.insert(key);
            const QString child = pointer + QLatin1Char('/') + escapePointerToken(key);
            m_out.m_keys.insert(child, keyStart);
            skipSpace();
            if (atEnd() || peek() != ':')
                return failUnexpected(QStringLiteral("':' after the member name"));
            ++m_pos;
            skipSpace();
            QJsonValue value;
            if (!parseValue(child, depth, value))
                return false;
            object.insert(key, value);
            skipSpace();
            if (atEnd())
                return failUnexpected(QStringLiteral("',' or '}'"));
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                out = object;
                return true;
            }
            return failUnexpected(QStringLiteral("',' or '}'"));
        }
    }

    bool parseArray(const QString& pointer, int depth, QJsonValue& out)
    {
        ++m_pos; // '['
        QJsonArray array;
        skipSpace();
        if (!atEnd() && peek() == ']') {
            ++m_pos;
            out = array;
            return true;
        }
        for (;;) {
            skipSpace();
            QJsonValue value;
            if (!parseValue(pointer + QLatin1Char('/') + QString::number(array.size()), depth, value))
                return false;
            array.append(value);
            skipSpace();
            if (atEnd())
                return failUnexpected(QStringLiteral("',' or ']'"));
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                out = array;
                return true;
            }
            return failUnexpected(QStringLiteral("',' or ']'"));
        }
    }

    bool hex4(char32_t& value)
    {
        value = 0;
        for (int i = 0; i < 4; ++i, ++m_pos) {
            if (atEnd())
                return fail(QStringLiteral("truncated"), QStringLiteral("unexpected end of file (truncated?)"));
            const char c = peek();
            int digit = 0;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return fail(QStringLiteral("json"), QStringLiteral("invalid \\u escape"));
            value = value * 16 + digit;
        }
        return true;
    }

    bool parseString(QString& out)
    {
        const qsizetype start = m_pos;
        ++m_pos; // '"'
        QByteArray utf8;
        for (;;) {
            if (atEnd())
                return fail(QStringLiteral("truncated"),
                            QStringLiteral("unexpected end of file (truncated?) in a string"), start);
            const char c = peek();
            if (c == '"') {
                ++m_pos;
                out = QString::fromUtf8(utf8);
                return true;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(QStringLiteral("json"),
                            QStringLiteral("control character in a string (use an escape such as \\n)"));
            if (c != '\\') {
                utf8.append(c);
                ++m_pos;
                continue;
            }
            ++m_pos;
            if (atEnd())
                return fail(QStringLiteral("truncated"),
                            QStringLiteral("unexpected end of file (truncated?) in a string"), start);
            const char e = peek();
            ++m_pos;
            switch (e) {
            case '"':
                utf8.append('"');
                break;
            case '\\':
                utf8.append('\\');
                break;
            case '/':
                utf8.append('/');
                break;
            case 'b':
                utf8.append('\b');
                break;
            case 'f':
                utf8.append('\f');
                break;
            case 'n':
                utf8.append('\n');
                break;
            case 'r':
                utf8.append('\r');
                break;
            case 't':
                utf8.append('\t');
                break;
            case 'u': {
                const qsizetype escapeStart = m_pos - 2;
                char32_t code = 0;
                if (!hex4(code))
                    return false;
                if (code >= 0xD800 && code <= 0xDBFF) {
                    char32_t low = 0;
                    if (m_pos + 1 < m_text.size() && peek() == '\\' && m_text.at(m_pos + 1) == 'u') {
                        m_pos += 2;
                        if (!hex4(low))
                            return false;
                    }
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail(QStringLiteral("json"), QStringLiteral("unpaired surrogate in a \\u escape"),
                                    escapeStart);
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return fail(QStringLiteral("json"), QStringLiteral("unpaired surrogate in a \\u escape"),
                                escapeStart);
                }
                utf8.append(QString::fromUcs4(&code, 1).toUtf8());
                break;
            }
            default:
                return fail(QStringLiteral("json"), QStringLiteral("invalid escape in a string"), m_pos - 2);
            }
        }
    }

    bool parseNumber(QJsonValue& out)
    {
        const qsizetype start = m_pos;
        auto digits = [&] {
            const qsizetype from = m_pos;
            while (!atEnd() && peek() >= '0' && peek() <= '9')
                ++m_pos;
            return m_pos - from;
        };
        bool integral = true;
        if (peek() == '-')
            ++m_pos;
        if (atEnd())
            return failUnexpected(QStringLiteral("a digit"));
        if (peek() == '0') {
            ++m_pos;
            if (!atEnd() && peek() >= '0' && peek() <= '9')
                return fail(QStringLiteral("json"), QStringLiteral("leading zeros are not allowed in numbers"), start);
        } else if (digits() == 0) {
            return failUnexpected(QStringLiteral("a digit"));
        }
        if (!atEnd() && peek() == '.') {
            integral = false;
            ++m_pos;
            if (digits() == 0)
                return failUnexpected(QStringLiteral("a digit after '.'"));
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            integral = false;
            ++m_pos;
            if (!atEnd() && (peek() == '+' || peek() == '-'))
                ++m_pos;
            if (digits() == 0)
                return failUnexpected(QStringLiteral("a digit in the exponent"));
        }
        const QByteArray token = m_text.mid(start, m_pos - start);
        if (integral) {
            bool ok = false;
            const qlonglong value = token.toLongLong(&ok);
            // Integers beyond 2^53 cannot be represented exactly by every JSON reader.
            constexpr qlonglong kMaxExact = (1LL << 53);
            if (!ok || value > kMaxExact || value < -kMaxExact)
                return fail(QStringLiteral("number"),
                            QStringLiteral("number %1 is too large").arg(QString::fromLatin1(token.left(40))), start);
            out = QJsonValue(value);
            return true;
        }
        bool ok = false;
        const double value = token.toDouble(&ok);
        if (!ok || !std::isfinite(value))
            return fail(QStringLiteral("number"),
                        QStringLiteral("number %1 is out of range").arg(QString::fromLatin1(token.left(40))), start);
        out = QJsonValue(value);
        return true;
    }

    JsonText& m_out;
    const QByteArray& m_text;
    const JsonLimits& m_limits;
    qsizetype m_pos = 0;
};

std::variant<JsonText, JsonProblem> JsonText::parse(const QByteArray& text, const JsonLimits& limits)
{
    if (text.size() > limits.maxBytes)
        return JsonProblem{
            QStringLiteral("size"),
            QStringLiteral("file is %1 bytes, more than the limit of %2 bytes").arg(text.size()).arg(limits.maxBytes),
            0};
    if (const qsizetype bad = corral::firstInvalidUtf8(text); bad >= 0)
        return JsonProblem{QStringLiteral("utf8"), QStringLiteral("invalid UTF-8 at byte %1").arg(bad), bad};
    if (text.trimmed().isEmpty())
        return JsonProblem{QStringLiteral("truncated"), QStringLiteral("file is empty"), 0};
    JsonText result;
    result.m_text = text;
    JsonTextParser parser(result, limits);
    if (!parser.run())
        return parser.problem;
    return result;
}

} // namespace corral::catalog
