// SPDX-License-Identifier: Apache-2.0
// Adapts the template catalog (core/catalog) to a Qt item model for the studio's gallery:
// one row per template, with roles for the card (title, description, category, badges,
// icon) and the manifest preview. Holds no widget code.
#pragma once

#include "Result.h"

#include <QAbstractListModel>
#include <QIcon>
#include <QStringList>
#include <optional>
#include <vector>

namespace corral::ui {

class TemplateListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        VersionRole,
        TitleRole,
        DescriptionRole,
        CategoryRole,
        MaturityRole,            // experimental | beta | stable
        MaturityLabelRole,       // translated, for the badge
        MaturityExplanationRole, // translated sentence, for the badge's tooltip
        ComplianceRole,          // unreviewed | reviewed | certified
        ComplianceLabelRole,
        ComplianceExplanationRole,
        ManifestPreviewRole, // the manifest skeleton as indented JSON text
    };
    Q_ENUM(Role)

    explicit TemplateListModel(QObject* parent = nullptr);

    // Loads every template in `dir` (via TemplateCatalog::load), replacing the rows. On
    // failure the model is empty and loadError() holds the catalog's error.
    Result<void> load(const QString& dir);

    const std::optional<Error>& loadError() const { return m_loadError; }
    QString directory() const { return m_directory; }

    // The distinct categories, sorted for display.
    QStringList categories() const;

    // Row of the template with `id`, or -1.
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    static QString maturityLabel(const QString& maturity);
    static QString maturityExplanation(const QString& maturity);
    static QString complianceLabel(const QString& compliance);
    static QString complianceExplanation(const QString& compliance);

private:
    struct Entry
    {
        QString id;
        QString version;
        QString title;
        QString description;
        QString category;
        QString maturity;
        QString compliance;
        QIcon icon;
        QString manifestPreview;
    };

    std::vector<Entry> m_entries;
    std::optional<Error> m_loadError;
    QString m_directory;
};

} // namespace corral::ui
