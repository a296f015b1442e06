// SPDX-License-Identifier: Apache-2.0
// Narrows the template gallery by search text and category, and sorts it by title. Pure
// model logic on top of TemplateListModel's roles; no widget code.
#pragma once

#include <QSortFilterProxyModel>
#include <QStringList>

namespace corral::ui {

class TemplateFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TemplateFilterModel(QObject* parent = nullptr);

    // Every whitespace-separated word must occur (case-insensitively) in the template's
    // title, description, category or id. Empty text matches everything.
    void setSearchText(const QString& text);
    QString searchText() const { return m_searchText; }

    // Only templates whose category equals `category` exactly; empty means all categories.
    void setCategory(const QString& category);
    QString category() const { return m_category; }

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_searchText;
    QStringList m_words;
    QString m_category;
};

} // namespace corral::ui
