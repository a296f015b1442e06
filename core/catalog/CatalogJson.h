// SPDX-License-Identifier: Apache-2.0
// Internal helpers of the catalog loaders: reading a strict JSON file with positioned
// errors, and reading typed members of an object while remembering the first problem.
#pragma once

#include "JsonText.h"
#include "Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>
#include <initializer_list>

namespace corral::catalog {

// Parses catalog text; errors are "catalog.json" with the message "SOURCE:LINE:COL: what".
Result<JsonText> parseCatalogText(const QByteArray& text, const QString& source, qsizetype maxBytes);
// Reads at most maxBytes + 1 bytes of `path` (so an oversized file is reported, not cut);
// errors are "catalog.io".
Result<QByteArray> readCatalogBytes(const QString& path, qsizetype maxBytes);
// Reads and parses `path`; errors are "catalog.io" (cannot read) or as parseCatalogText().
Result<JsonText> readCatalogFile(const QString& path, qsizetype maxBytes);

// Typed access to the members of one object. The first problem is kept (with the member's
// JSON pointer) and later calls return empty values, so loaders check failed() once.
class FieldReader
{
public:
    FieldReader(QJsonObject object, QString pointer) : m_object(std::move(object)), m_pointer(std::move(pointer)) {}

    const QJsonObject& object() const { return m_object; }
    const QString& pointer() const { return m_pointer; }
    bool failed() const { return !m_error.isEmpty(); }
    const QString& errorMessage() const { return m_error; }
    void fail(const QString& member, const QString& message);

    QString requiredString(const QString& key);
    QString optionalString(const QString& key, const QString& fallback = {});
    bool optionalBool(const QString& key, bool fallback);
    double requiredNumber(const QString& key, double min, double max);
    double optionalNumber(const QString& key, double fallback, double min, double max);
    QStringList optionalStringList(const QString& key);
    QJsonArray requiredArray(const QString& key);
    QJsonObject optionalObject(const QString& key);
    // Enumerated string: one of `allowed`.
    QString requiredChoice(const QString& key, const QStringList& allowed);
    // Fails on any member not in `known` (typos would otherwise be silently ignored).
    void rejectUnknown(std::initializer_list<QString> known);

private:
    QJsonObject m_object;
    QString m_pointer;
    QString m_error;
};

} // namespace corral::catalog
