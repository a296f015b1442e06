// SPDX-License-Identifier: Apache-2.0
#include "TemplateListModel.h"

#include "catalog/TemplateCatalog.h"

#include <QFileInfo>

namespace corral::ui {

namespace {

QIcon templateIcon(const QString& path)
{
    if (!path.isEmpty() && QFileInfo(path).isFile())
        return QIcon(path);
    return QIcon(QStringLiteral(":/icons/template.svg"));
}

// The manifest with the template's default answers filled in, as the creator would get
// it; the shipped skeleton when it cannot be generated, so the preview is never blank.
QString manifestPreview(const catalog::Template& tmpl)
{
    const Result<QJsonObject> preview = catalog::previewManifest(tmpl);
    if (preview)
        return QString::fromUtf8(catalog::formatManifest(*preview));
    return QString::fromUtf8(tmpl.manifestSkeleton);
}

} // namespace

TemplateListModel::TemplateListModel(QObject* parent) : QAbstractListModel(parent) {}

Result<void> TemplateListModel::load(const QString& dir)
{
    Result<catalog::TemplateCatalog> loaded = catalog::TemplateCatalog::load(dir);
    beginResetModel();
    m_directory = dir;
    m_entries.clear();
    m_loadError.reset();
    if (loaded) {
        for (const catalog::Template& tmpl : loaded->templates()) {
            m_entries.push_back({tmpl.id, tmpl.version, tmpl.title, tmpl.description, tmpl.category,
                                 catalog::toString(tmpl.maturity), catalog::toString(tmpl.compliance),
                                 templateIcon(tmpl.icon), manifestPreview(tmpl)});
        }
    } else {
        m_loadError = loaded.error();
    }
    endResetModel();
    if (m_loadError)
        return *m_loadError;
    return {};
}

QStringList TemplateListModel::categories() const
{
    QStringList result;
    for (const Entry& entry : m_entries) {
        if (!entry.category.isEmpty() && !result.contains(entry.category))
            result.append(entry.category);
    }
    result.sort(Qt::CaseInsensitive);
    return result;
}

int TemplateListModel::rowOf(const QString& id) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].id == id)
            return int(i);
    }
    return -1;
}

int TemplateListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant TemplateListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& e = m_entries[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case TitleRole:
        return e.title;
    case Qt::DecorationRole:
        return e.icon;
    case Qt::AccessibleDescriptionRole:
        return tr("%1 Category: %2. Maturity: %3. Compliance: %4.")
            .arg(e.description, e.category, maturityLabel(e.maturity), complianceLabel(e.compliance));
    case IdRole:
        return e.id;
    case VersionRole:
        return e.version;
    case DescriptionRole:
        return e.description;
    case CategoryRole:
        return e.category;
    case MaturityRole:
        return e.maturity;
    case MaturityLabelRole:
        return maturityLabel(e.maturity);
    case MaturityExplanationRole:
        return maturityExplanation(e.maturity);
    case ComplianceRole:
        return e.compliance;
    case ComplianceLabelRole:
        return complianceLabel(e.compliance);
    case ComplianceExplanationRole:
        return complianceExplanation(e.compliance);
    case ManifestPreviewRole:
        return e.manifestPreview;
    default:
        return {};
    }
}

QHash<int, QByteArray> TemplateListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "id"},
                  {VersionRole, "version"},
                  {TitleRole, "title"},
                  {DescriptionRole, "description"},
                  {CategoryRole, "category"},
                  {MaturityRole, "maturity"},
                  {MaturityLabelRole, "maturityLabel"},
                  {MaturityExplanationRole, "maturityExplanation"},
                  {ComplianceRole, "compliance"},
                  {ComplianceLabelRole, "complianceLabel"},
                  {ComplianceExplanationRole, "complianceExplanation"},
                  {ManifestPreviewRole, "manifestPreview"}});
    return names;
}

QString TemplateListModel::maturityLabel(const QString& maturity)
{
    if (maturity == QLatin1String("experimental"))
        return tr("Experimental");
    if (maturity == QLatin1String("beta"))
        return tr("Beta");
    if (maturity == QLatin1String("stable"))
        return tr("Stable");
    return maturity;
}

QString TemplateListModel::maturityExplanation(const QString& maturity)
{
    if (maturity == QLatin1String("experimental"))
        return tr("Experimental: new and still changing. Try it, but check its results carefully.");
    if (maturity == QLatin1String("beta"))
        return tr("Beta: works for most uses; details may still change.");
    if (maturity == QLatin1String("stable"))
        return tr("Stable: proven in everyday use and kept compatible.");
    return maturity;
}

QString TemplateListModel::complianceLabel(const QString& compliance)
{
    if (compliance == QLatin1String("unreviewed"))
        return tr("Not reviewed");
    if (compliance == QLatin1String("reviewed"))
        return tr("Reviewed");
    if (compliance == QLatin1String("certified"))
        return tr("Certified");
    return compliance;
}

QString TemplateListModel::complianceExplanation(const QString& compliance)
{
    if (compliance == QLatin1String("unreviewed"))
        return tr("Not reviewed: compliance has not checked this template yet.");
    if (compliance == QLatin1String("reviewed"))
        return tr("Reviewed: compliance has checked this template's data handling.");
    if (compliance == QLatin1String("certified"))
        return tr("Certified: approved by compliance for use with business data.");
    return compliance;
}

} // namespace corral::ui
