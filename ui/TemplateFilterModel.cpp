// SPDX-License-Identifier: Apache-2.0
#include "TemplateFilterModel.h"

#include "TemplateListModel.h"

namespace corral::ui {

TemplateFilterModel::TemplateFilterModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(TemplateListModel::TitleRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
    setDynamicSortFilter(true);
    sort(0);
}

void TemplateFilterModel::setSearchText(const QString& text)
{
    if (text == m_searchText)
        return;
    m_searchText = text;
    m_words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

void TemplateFilterModel::setCategory(const QString& category)
{
    if (category == m_category)
        return;
    m_category = category;
    invalidateRowsFilter();
    Q_EMIT filterChanged();
}

bool TemplateFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString category = index.data(TemplateListModel::CategoryRole).toString();
    if (!m_category.isEmpty() && category != m_category)
        return false;
    if (m_words.isEmpty())
        return true;
    const QString haystack = index.data(TemplateListModel::TitleRole).toString() + QLatin1Char('\n') +
                             index.data(TemplateListModel::DescriptionRole).toString() + QLatin1Char('\n') + category +
                             QLatin1Char('\n') + index.data(TemplateListModel::IdRole).toString();
    for (const QString& word : m_words) {
        if (!haystack.contains(word, Qt::CaseInsensitive))
            return false;
    }
    return true;
}

} // namespace corral::ui
