// SPDX-License-Identifier: Apache-2.0
// dlp scan | redact: find personal data and secrets in a text file (or standard input)
// with the same recognizers the agent applies to model calls, and redact them.
#include "Utf8.h"
#include "Verbs.h"
#include "dlp/DlpScanner.h"
#include "dlp/Pseudonymizer.h"
#include "dlp/Redactor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace corral::cli {

namespace {

using namespace corral::dlp;

QCommandLineOption settingsOption()
{
    return QCommandLineOption(QStringLiteral("settings"),
                              QStringLiteral("DLP settings as JSON (enabled types, thresholds; see docs/dlp.md). "
                                             "Default: every type but URL, threshold 0.5."),
                              QStringLiteral("FILE"));
}

// The scanner for a verb: the settings file's, or the defaults. Prints the error and returns
// nullopt on a bad file (exit 2).
std::optional<DlpScanner> scannerFor(const VerbParser& verb, Io& io)
{
    if (!verb.isSet(QStringLiteral("settings")))
        return DlpScanner();
    const std::optional<QByteArray> data = readInputFile(verb, io, verb.value(QStringLiteral("settings")));
    if (!data)
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(*data, &error);
    if (!doc.isObject()) {
        verb.usageError(
            io,
            QStringLiteral("%1: not a JSON object%2")
                .arg(verb.value(QStringLiteral("settings")),
                     error.error == QJsonParseError::NoError ? QString() : QStringLiteral(": ") + error.errorString()));
        return std::nullopt;
    }
    Result<DlpSettings> settings = DlpSettings::fromJson(doc.object());
    if (!settings) {
        verb.usageError(io,
                        QStringLiteral("%1: %2").arg(verb.value(QStringLiteral("settings")), settings.error().message));
        return std::nullopt;
    }
    return DlpScanner(std::move(*settings));
}

// The input text; prints the error and returns nullopt (with the exit code in `exit`) when it
// cannot be read (2) or is not UTF-8 (1).
std::optional<QByteArray> readText(const VerbParser& verb, Io& io, int* exit)
{
    const QString path = verb.positional().at(0);
    std::optional<QByteArray> data = readInputFile(verb, io, path);
    if (!data) {
        *exit = kExitUsage;
        return std::nullopt;
    }
    const qsizetype bad = firstInvalidUtf8(*data);
    if (bad >= 0) {
        *exit = verb.failure(io, QStringLiteral("%1: not UTF-8 text (invalid byte at offset %2)")
                                     .arg(path == QLatin1String("-") ? QStringLiteral("standard input") : path)
                                     .arg(bad));
        return std::nullopt;
    }
    return data;
}

int runScan(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("dlp scan"),
                    QStringLiteral("Find personal data and secrets in a UTF-8 text file (- for standard input). "
                                   "Prints one line per finding: TYPE START END SCORE TEXT, with START and END "
                                   "as code-point offsets (end exclusive). Every finding passed its checksum or "
                                   "format check."),
                    QStringLiteral("FILE|-"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The text to scan, or - for standard input."));
    verb.addOption(QCommandLineOption(
        QStringLiteral("json"),
        QStringLiteral("Print {\"findings\": [{type, score, start, end, text}], \"summary\": [{type, count, "
                       "score}]} instead.")));
    verb.addOption(settingsOption());
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const std::optional<DlpScanner> scanner = scannerFor(verb, io);
    if (!scanner)
        return kExitUsage;
    int exit = kExitOk;
    const std::optional<QByteArray> text = readText(verb, io, &exit);
    if (!text)
        return exit;
    const QList<Finding> findings = scanner->scan(QByteArrayView(*text));
    const auto slice = [&](const Finding& f) {
        return QString::fromUtf8(text->constData() + f.byteStart, f.byteEnd - f.byteStart);
    };
    if (verb.isSet(QStringLiteral("json"))) {
        QJsonArray array;
        for (const Finding& f : findings) {
            array.append(QJsonObject{{QStringLiteral("type"), entityTypeName(f.type)},
                                     {QStringLiteral("score"), f.score},
                                     {QStringLiteral("start"), f.start},
                                     {QStringLiteral("end"), f.end},
                                     {QStringLiteral("text"), slice(f)}});
        }
        const QJsonObject result{{QStringLiteral("findings"), array},
                                 {QStringLiteral("summary"), summaryJson(findings)}};
        io.out << QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented));
        return kExitOk;
    }
    for (const Finding& f : findings) {
        // One line each: line breaks inside a finding (a private key block) are escaped.
        QString value = slice(f);
        value.replace(QLatin1Char('\\'), QLatin1String("\\\\")).replace(QLatin1Char('\n'), QLatin1String("\\n"));
        value.replace(QLatin1Char('\r'), QLatin1String("\\r"));
        io.out << entityTypeName(f.type) << ' ' << f.start << ' ' << f.end << ' ' << QString::number(f.score, 'f', 2)
               << ' ' << value << '\n';
    }
    return kExitOk;
}

int runRedact(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("dlp redact"),
                    QStringLiteral("Print a UTF-8 text file (- for standard input) with its personal data and "
                                   "secrets redacted. Operators: replace (<TYPE>, the default), mask (last four "
                                   "digits of cards and account numbers kept), hash (<TYPE:hmac>, keyed with "
                                   "--key-file or a random key), remove, pseudonymize (<TYPE_N>, the same value "
                                   "always the same token; the mapping is not printed)."),
                    QStringLiteral("FILE|-"));
    verb.addPositional(QStringLiteral("FILE"), QStringLiteral("The text to redact, or - for standard input."));
    verb.addOption(QCommandLineOption(QStringLiteral("operator"),
                                      QStringLiteral("replace, mask, hash, remove or pseudonymize."),
                                      QStringLiteral("OPERATOR"), QStringLiteral("replace")));
    verb.addOption(QCommandLineOption(QStringLiteral("key-file"),
                                      QStringLiteral("HMAC key for --operator hash (at least 16 bytes), so hashes "
                                                     "match across runs."),
                                      QStringLiteral("FILE")));
    verb.addOption(settingsOption());
    verb.addOption(QCommandLineOption({QStringLiteral("o"), QStringLiteral("output")},
                                      QStringLiteral("Write to FILE instead of standard output."),
                                      QStringLiteral("FILE")));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const std::optional<Operator> op = operatorFromName(verb.value(QStringLiteral("operator")));
    if (!op)
        return verb.usageError(io, QStringLiteral("--operator must be replace, mask, hash, remove or pseudonymize"));
    if (verb.isSet(QStringLiteral("key-file")) && *op != Operator::Hash)
        return verb.usageError(io, QStringLiteral("--key-file goes with --operator hash"));
    crypto::SecureBytes key;
    if (verb.isSet(QStringLiteral("key-file"))) {
        std::optional<QByteArray> raw = readInputFile(verb, io, verb.value(QStringLiteral("key-file")));
        if (!raw)
            return kExitUsage;
        if (raw->size() < 16) {
            raw->fill('\0');
            return verb.usageError(
                io, QStringLiteral("%1: a key needs at least 16 bytes").arg(verb.value(QStringLiteral("key-file"))));
        }
        key = crypto::SecureBytes::copyOf(*raw);
        raw->fill('\0');
    }
    const std::optional<DlpScanner> scanner = scannerFor(verb, io);
    if (!scanner)
        return kExitUsage;
    int exit = kExitOk;
    const std::optional<QByteArray> text = readText(verb, io, &exit);
    if (!text)
        return exit;
    const QList<Finding> findings = scanner->scan(QByteArrayView(*text));
    QByteArray redacted;
    if (*op == Operator::Pseudonymize) {
        Pseudonymizer pseudonymizer;
        redacted = pseudonymizer.apply(*text, findings);
    } else if (*op == Operator::Hash) {
        redacted = Redactor::hashing(std::move(key)).apply(*text, findings);
    } else {
        redacted = Redactor(*op).apply(*text, findings);
    }
    if (verb.isSet(QStringLiteral("o")))
        return writeOutputFile(verb, io, verb.value(QStringLiteral("o")), redacted) ? kExitOk : kExitFailure;
    io.out << QString::fromUtf8(redacted);
    return kExitOk;
}

} // namespace

void registerDlpVerbs(Cli& cli)
{
    cli.add({QStringLiteral("dlp scan"), QStringLiteral("Find personal data and secrets in a text"), runScan});
    cli.add({QStringLiteral("dlp redact"), QStringLiteral("Redact personal data and secrets from a text"), runRedact});
}

} // namespace corral::cli
