// SPDX-License-Identifier: Apache-2.0
#include "CatalogJson.h"

#include <QFile>
#include <cmath>

namespace corral::catalog {

Result<QByteArray> readCatalogBytes(const QString& path, qsizetype maxBytes)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("catalog.io"),
                         QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    return file.read(maxBytes + 1);
}

Result<JsonText> readCatalogFile(const QString& path, qsizetype maxBytes)
{
    auto bytes = readCatalogBytes(path, maxBytes);
    if (!bytes)
        return bytes.error();
    return parseCatalogText(*bytes, path, maxBytes);
}

Result<JsonText> parseCatalogText(const QByteArray& text, const QString& source, qsizetype maxBytes)
{
    JsonLimits limits;
    limits.maxBytes = maxBytes;
    auto parsed = JsonText::parse(text, limits);
    if (auto* problem = std::get_if<JsonProblem>(&parsed)) {
        const TextPosition pos = positionAt(text, problem->offset);
        return makeError(
            QStringLiteral("catalog.json"),
            QStringLiteral("%1:%2:%3: %4").arg(source).arg(pos.line).arg(pos.column).arg(problem->message));
    }
    return std::get<JsonText>(std::move(parsed));
}

void FieldReader::fail(const QString& member, const QString& message)
{
    if (m_error.isEmpty())
        m_error = m_pointer + QLatin1Char('/') + escapePointerToken(member) + QStringLiteral(": ") + message;
}

QString FieldReader::requiredString(const QString& key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        fail(key, QStringLiteral("missing"));
        return {};
    }
    if (!v.isString() || v.toString().trimmed().isEmpty()) {
        fail(key, QStringLiteral("expected a non-empty string"));
        return {};
    }
    return v.toString();
}

QString FieldReader::optionalString(const QString& key, const QString& fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isString()) {
        fail(key, QStringLiteral("expected a string"));
        return fallback;
    }
    return v.toString();
}

bool FieldReader::optionalBool(const QString& key, bool fallback)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool()) {
        fail(key, QStringLiteral("expected true or false"));
        return fallback;
    }
    return v.toBool();
}

double FieldReader::requiredNumber(const QString& key, double min, double max)
{
    if (!m_object.contains(key)) {
        fail(key, QStringLiteral("missing"));
        return min;
    }
    return optionalNumber(key, min, min, max);
}

double FieldReader::optionalNumber(const QString& key, double fallback, double min, double max)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isDouble()) {
        fail(key, QStringLiteral("expected a number"));
        return fallback;
    }
    const double d = v.toDouble();
    if (d < min || d > max) {
        fail(key, QStringLiteral("%1 is out of range [%2, %3]").arg(d).arg(min).arg(max));
        return fallback;
    }
    return d;
}

QStringList FieldReader::optionalStringList(const QString& key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return {};
    QStringList list;
    if (v.isArray()) {
        for (const QJsonValue& item : v.toArray()) {
            if (!item.isString()) {
                fail(key, QStringLiteral("expected a list of strings"));
                return {};
            }
            list << item.toString();
        }
        return list;
    }
    fail(key, QStringLiteral("expected a list of strings"));
    return {};
}

QJsonArray FieldReader::requiredArray(const QString& key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined()) {
        fail(key, QStringLiteral("missing"));
        return {};
    }
    if (!v.isArray()) {
        fail(key, QStringLiteral("expected a list"));
        return {};
    }
    return v.toArray();
}

QJsonObject FieldReader::optionalObject(const QString& key)
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return {};
    if (!v.isObject()) {
        fail(key, QStringLiteral("expected an object"));
        return {};
    }
    return v.toObject();
}

QString FieldReader::requiredChoice(const QString& key, const QStringList& allowed)
{
    const QString value = requiredString(key);
    if (!failed() && !allowed.contains(value))
        fail(key, QStringLiteral("'%1' is not one of %2").arg(value, allowed.join(QStringLiteral(", "))));
    return value;
}

void FieldReader::rejectUnknown(std::initializer_list<QString> known)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (std::find(known.begin(), known.end(), it.key()) == known.end()) {
            fail(it.key(), QStringLiteral("unknown member"));
            return;
        }
    }
}

} // namespace corral::catalog
