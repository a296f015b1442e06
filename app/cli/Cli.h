// SPDX-License-Identifier: Apache-2.0
// The `corral` command dispatcher: verbs are word sequences ("audit verify"), each with a
// one-line summary and a handler. Handlers parse their own options with VerbParser so
// every verb has --help, and unknown options or missing files exit 2 with a clear message.
#pragma once

#include "Result.h"

#include <QCommandLineParser>
#include <QFileDevice>
#include <QIODevice>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace corral::cli {

// Exit codes shared by all verbs.
enum ExitCode : int {
    kExitOk = 0,
    kExitFailure = 1, // the operation ran and found a problem (invalid file, bad signature)
    kExitUsage = 2,   // bad command line, missing input file
};

// Where a verb reads and writes. Tests pass buffers; main() passes the process streams.
struct Io
{
    QTextStream& out;
    QTextStream& err;
    QIODevice& in;
    // True when standard input is a terminal (prompts for passwords and confirmations).
    bool interactive = false;

    static Io& standard();
};

struct Verb
{
    QString name;    // "keygen", "manifest validate"
    QString summary; // one line for `corral --help`
    std::function<int(const QStringList& args, Io& io)> run;
};

class Cli
{
public:
    void add(Verb verb);
    // argv without the program name.
    int run(const QStringList& argv, Io& io) const;
    const std::vector<Verb>& verbs() const { return m_verbs; }

private:
    void printOverview(QTextStream& s, const QString& group) const;
    std::vector<Verb> m_verbs;
};

// A QCommandLineParser wrapper with the conventions of every verb: `--help`, errors
// reported as "corral VERB: message" with exit 2.
class VerbParser
{
public:
    VerbParser(QString verb, QString description, QString positionalSyntax = {});

    QCommandLineParser& parser() { return m_parser; }
    void addOption(const QCommandLineOption& option) { m_parser.addOption(option); }
    void addPositional(const QString& name, const QString& description, const QString& syntax = {});

    // Parses; returns an exit code when the verb should stop now (help printed: 0;
    // error printed: 2), std::nullopt to go on.
    std::optional<int> parse(const QStringList& args, Io& io, int minPositional = 0, int maxPositional = -1);

    QStringList positional() const { return m_parser.positionalArguments(); }
    bool isSet(const QString& name) const { return m_parser.isSet(name); }
    QString value(const QString& name) const { return m_parser.value(name); }
    QStringList values(const QString& name) const { return m_parser.values(name); }

    // Prints "corral VERB: message" to stderr and returns kExitUsage.
    int usageError(Io& io, const QString& message) const;
    // Prints "corral VERB: message" to stderr and returns kExitFailure.
    int failure(Io& io, const QString& message) const;

    QString helpText() const;

private:
    QString m_verb;
    QString m_description;
    QString m_positionalSyntax;
    QCommandLineParser m_parser;
};

// Reads a whole file for a verb; on failure prints "corral VERB: cannot read FILE: reason"
// and returns nullopt (callers exit kExitUsage).
std::optional<QByteArray> readInputFile(const VerbParser& verb, Io& io, const QString& path);

// For a FILE argument that must be an existing regular file: prints "corral VERB: cannot
// read FILE: no such file" (or "not a regular file") and returns false (callers exit kExitUsage).
bool requireRegularFile(const VerbParser& verb, Io& io, const QString& path);

// Prints "corral VERB: message (code)" for an error from core and returns kExitFailure.
int reportError(const VerbParser& verb, Io& io, const corral::Error& error);

// Writes a file atomically (temporary file + rename), creating no partial output.
bool writeOutputFile(const VerbParser& verb, Io& io, const QString& path, const QByteArray& data,
                     QFileDevice::Permissions permissions = {});

} // namespace corral::cli
