// SPDX-License-Identifier: Apache-2.0
#include "UiTestSupport.h"

#include "Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace corral::test {

namespace {

bool writeBytes(const QString& path, const QByteArray& data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

QList<FixtureTemplate> fixtureTemplates()
{
    return {
        {QStringLiteral("expense-report"), QStringLiteral("Expense report checker"),
         QStringLiteral("Checks expense reports against the travel policy and lists what is missing."),
         QStringLiteral("Finance"), QStringLiteral("stable"), QStringLiteral("certified")},
        {QStringLiteral("invoice-digest"), QStringLiteral("Invoice digest"),
         QStringLiteral("Summarises incoming invoices by supplier and due date."), QStringLiteral("Finance"),
         QStringLiteral("beta"), QStringLiteral("reviewed")},
        {QStringLiteral("meeting-notes"), QStringLiteral("Meeting notes"),
         QStringLiteral("Turns a meeting transcript into decisions and action items."), QStringLiteral("Productivity"),
         QStringLiteral("stable"), QStringLiteral("reviewed")},
        {QStringLiteral("policy-qa"), QStringLiteral("Policy questions"),
         QStringLiteral("Answers questions about the HR policy handbook."), QStringLiteral("HR"),
         QStringLiteral("experimental"), QStringLiteral("unreviewed")},
        {QStringLiteral("sales-digest"), QStringLiteral("Weekly sales digest"),
         QStringLiteral("Summarises the week's sales reports for the team."), QStringLiteral("Sales"),
         QStringLiteral("beta"), QStringLiteral("certified")},
        {QStringLiteral("travel-planner"), QStringLiteral("Travel request"),
         QStringLiteral("Drafts a travel request from an itinerary."), QStringLiteral("HR"), QStringLiteral("beta"),
         QStringLiteral("unreviewed")},
    };
}

bool writeTemplates(const QString& dir, const QList<FixtureTemplate>& templates)
{
    for (const FixtureTemplate& t : templates) {
        const QString folder = dir + QLatin1Char('/') + t.id;
        if (!QDir().mkpath(folder))
            return false;
        const QJsonObject question{{QStringLiteral("id"), QStringLiteral("purpose")},
                                   {QStringLiteral("label"), QStringLiteral("What is the app for?")},
                                   {QStringLiteral("kind"), QStringLiteral("text")},
                                   {QStringLiteral("default"), t.description}};
        const QJsonObject templateJson{{QStringLiteral("id"), t.id},
                                       {QStringLiteral("version"), QStringLiteral("1.2.0")},
                                       {QStringLiteral("title"), t.title},
                                       {QStringLiteral("description"), t.description},
                                       {QStringLiteral("category"), t.category},
                                       {QStringLiteral("icon"), QStringLiteral("icon.svg")},
                                       {QStringLiteral("maturity"), t.maturity},
                                       {QStringLiteral("compliance"), t.compliance},
                                       {QStringLiteral("questions"), QJsonArray{question}}};
        const QJsonObject manifest{{QStringLiteral("name"), t.id},
                                   {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                   {QStringLiteral("purpose"), QStringLiteral("{{purpose}}")},
                                   {QStringLiteral("model"), QStringLiteral("local-extractive")},
                                   {QStringLiteral("max_tokens"), 800},
                                   {QStringLiteral("data_handling"), QStringLiteral("no-pii")},
                                   {QStringLiteral("connectors"), QJsonArray{}},
                                   {QStringLiteral("approval_required"), true}};
        const QByteArray icon = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"48\" height=\"48\">"
                                "<rect width=\"48\" height=\"48\" rx=\"8\" fill=\"#3a7\"/></svg>\n";
        if (!writeBytes(folder + QStringLiteral("/template.json"), QJsonDocument(templateJson).toJson()) ||
            !writeBytes(folder + QStringLiteral("/manifest.json"), QJsonDocument(manifest).toJson()) ||
            !writeBytes(folder + QStringLiteral("/icon.svg"), icon))
            return false;
    }
    return true;
}

QStringList shippedTemplateIds()
{
    QStringList ids;
    const QDir root(paths::templatesDir());
    for (const QString& folder : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (QFileInfo(root.filePath(folder + QStringLiteral("/template.json"))).isFile())
            ids << folder;
    }
    return ids;
}

} // namespace corral::test
