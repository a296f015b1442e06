// SPDX-License-Identifier: Apache-2.0
// A curated template: what the gallery shows (title, icon, badges), the questions the
// wizard asks, and the manifest skeleton whose {{answer}} slots the answers fill.
#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

namespace corral::catalog {

enum class Maturity { Experimental, Beta, Stable };
enum class Compliance { Unreviewed, Reviewed, Certified };

// What a wizard question collects: one line, several lines, one of `choices`, a folder path
// (relative to a files connector), a list of connector ids, or a model id.
enum class QuestionKind { Text, Multiline, Choice, Folder, Connectors, Model };

QString toString(Maturity maturity);     // "experimental" | "beta" | "stable"
QString toString(Compliance compliance); // "unreviewed" | "reviewed" | "certified"
QString toString(QuestionKind kind);     // "text" | "multiline" | "choice" | ...
std::optional<Maturity> maturityFromString(const QString& text);
std::optional<Compliance> complianceFromString(const QString& text);
std::optional<QuestionKind> questionKindFromString(const QString& text);

struct Question
{
    QString id; // the slot name: {{id}} in the manifest skeleton
    QString label;
    QString help;
    QuestionKind kind = QuestionKind::Text;
    // A string, or an array of strings for QuestionKind::Connectors. Every question of a
    // loaded template has one, so a template always generates with its defaults;
    // `required` means the creator cannot clear it.
    QJsonValue defaultValue;
    QStringList choices; // QuestionKind::Choice only
    bool required = false;
};

struct Template
{
    QString id; // also the folder name
    QString version;
    QString title;
    QString description;
    QString category;
    // Absolute path of the template's SVG icon (a file inside the template folder).
    QString icon;
    Maturity maturity = Maturity::Experimental;
    Compliance compliance = Compliance::Unreviewed;
    std::vector<Question> questions;
    // Answers used for questions the creator leaves out: each question's default, overridden
    // by template.json's "defaults" object.
    QJsonObject defaults;
    // manifest.json as shipped (UTF-8 JSON with {{answer}} slots), for display and generation.
    QByteArray manifestSkeleton;
    QString directory; // absolute path of the template folder

    QString reference() const { return id + QLatin1Char('@') + version; } // "sales-summarizer@1.0.0"
    const Question* question(const QString& questionId) const;
};

// True for placeholders a run fills, which generation leaves alone: names with a dot
// ({{inputs.x}}, {{steps.y}}, {{run.date}}) and {{input}} (a model step's input text).
bool isRunTimePlaceholder(const QString& name);

// Fills the template's {{slot}} placeholders with `answers` merged over the defaults and
// returns the manifest tree (the "template" field set to reference()). Substitution happens
// in the parsed JSON tree, never in the text: a string that is exactly "{{slot}}" takes the
// answer's JSON value (so a connectors answer becomes an array); a slot inside longer text
// takes the answer as text. Run-time placeholders (isRunTimePlaceholder()) are left for
// the run. Errors: "template.answer-missing" (a required question has no answer),
// "template.answer-type", "template.answer-choice", "template.answer-folder",
// "template.answer-too-long", "template.answer-placeholder", "template.unknown-answer",
// "template.unknown-slot", "template.skeleton".
Result<QJsonObject> instantiate(const Template& tmpl, const QJsonObject& answers);

// The manifest the template produces with its default answers (the gallery's preview);
// errors as instantiate().
Result<QJsonObject> previewManifest(const Template& tmpl);

// Manifest JSON text, indented, with keys in the manifest's reading order (name, version,
// purpose, ... steps, outputs; inside objects: id first, then the rest) rather than
// QJsonDocument's alphabetical order.
QByteArray formatManifest(const QJsonObject& manifest);

} // namespace corral::catalog
