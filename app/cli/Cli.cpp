// SPDX-License-Identifier: Apache-2.0
#include "Cli.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <unistd.h>

namespace corral::cli {

Io& Io::standard()
{
    static QTextStream out(stdout);
    static QTextStream err(stderr);
    static QFile in;
    static bool opened = in.open(stdin, QIODevice::ReadOnly);
    static Io io{out, err, in, opened && ::isatty(STDIN_FILENO) == 1};
    return io;
}

void Cli::add(Verb verb)
{
    m_verbs.push_back(std::move(verb));
}

int Cli::run(const QStringList& argv, Io& io) const
{
    if (argv.isEmpty() || argv.first() == QLatin1String("--help") || argv.first() == QLatin1String("-h") ||
        argv.first() == QLatin1String("help")) {
        printOverview(argv.isEmpty() ? io.err : io.out, {});
        io.out.flush();
        return argv.isEmpty() ? kExitUsage : kExitOk;
    }
    if (argv.first() == QLatin1String("--version")) {
        io.out << "corral " << CORRAL_VERSION << '\n';
        io.out.flush();
        return kExitOk;
    }

    // Longest match of the verb's words against the leading arguments.
    const Verb* best = nullptr;
    qsizetype bestWords = 0;
    for (const Verb& verb : m_verbs) {
        const QStringList words = verb.name.split(QLatin1Char(' '));
        if (words.size() > argv.size() || words.size() <= bestWords)
            continue;
        if (argv.mid(0, words.size()) == words) {
            best = &verb;
            bestWords = words.size();
        }
    }
    if (!best) {
        // A group name alone ("corral audit") or with --help lists the group's verbs.
        const QString group = argv.first();
        const bool isGroup = std::any_of(m_verbs.begin(), m_verbs.end(),
                                         [&](const Verb& v) { return v.name.startsWith(group + QLatin1Char(' ')); });
        if (isGroup) {
            const bool askedHelp =
                argv.size() > 1 && (argv.at(1) == QLatin1String("--help") || argv.at(1) == QLatin1String("-h"));
            if (argv.size() > 1 && !askedHelp)
                io.err << "corral: unknown command '" << group << ' ' << argv.at(1) << "'\n";
            printOverview(askedHelp ? io.out : io.err, group);
            io.out.flush();
            io.err.flush();
            return askedHelp ? kExitOk : kExitUsage;
        }
        io.err << "corral: unknown command '" << argv.first() << "'. Run 'corral --help' for the list.\n";
        io.err.flush();
        return kExitUsage;
    }
    const int code = best->run(argv.mid(bestWords), io);
    io.out.flush();
    io.err.flush();
    return code;
}

void Cli::printOverview(QTextStream& s, const QString& group) const
{
    s << "Usage: corral " << (group.isEmpty() ? QStringLiteral("COMMAND") : group + QStringLiteral(" COMMAND"))
      << " [OPTIONS]\n\n";
    if (group.isEmpty())
        s << "Build, govern and run AI micro apps. Every command takes --help.\n\n";
    s << "Commands:\n";
    qsizetype width = 0;
    for (const Verb& v : m_verbs)
        width = std::max(width, v.name.size());
    for (const Verb& v : m_verbs) {
        if (!group.isEmpty() && !v.name.startsWith(group + QLatin1Char(' ')))
            continue;
        s << "  " << v.name.leftJustified(width + 2) << v.summary << '\n';
    }
}

VerbParser::VerbParser(QString verb, QString description, QString positionalSyntax)
    : m_verb(std::move(verb)), m_description(std::move(description)), m_positionalSyntax(std::move(positionalSyntax))
{
    m_parser.setApplicationDescription(m_description);
    m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    m_parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    m_parser.addOption(
        QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit.")));
}

void VerbParser::addPositional(const QString& name, const QString& description, const QString& syntax)
{
    m_parser.addPositionalArgument(name, description, syntax);
}

QString VerbParser::helpText() const
{
    // QCommandLineParser's first line names the executable; replace it with the verb.
    QString text = m_parser.helpText();
    const qsizetype firstNewline = text.indexOf(QLatin1Char('\n'));
    QString usage = QStringLiteral("Usage: corral ") + m_verb + QStringLiteral(" [options]");
    if (!m_positionalSyntax.isEmpty())
        usage += QLatin1Char(' ') + m_positionalSyntax;
    return usage + (firstNewline >= 0 ? text.mid(firstNewline) : QString());
}

std::optional<int> VerbParser::parse(const QStringList& args, Io& io, int minPositional, int maxPositional)
{
    QStringList full = args;
    full.prepend(QStringLiteral("corral"));
    if (!m_parser.parse(full))
        return usageError(io, m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        io.out << helpText();
        return kExitOk;
    }
    const qsizetype count = m_parser.positionalArguments().size();
    if (count < minPositional)
        return usageError(
            io, QStringLiteral("missing argument%1 (usage: corral %2 %3)")
                    .arg(minPositional - count > 1 ? QStringLiteral("s") : QString(), m_verb, m_positionalSyntax));
    if (maxPositional >= 0 && count > maxPositional)
        return usageError(
            io, QStringLiteral("unexpected argument '%1'").arg(m_parser.positionalArguments().at(maxPositional)));
    return std::nullopt;
}

int VerbParser::usageError(Io& io, const QString& message) const
{
    io.err << "corral " << m_verb << ": " << message << "\nTry 'corral " << m_verb << " --help'.\n";
    return kExitUsage;
}

int VerbParser::failure(Io& io, const QString& message) const
{
    io.err << "corral " << m_verb << ": " << message << '\n';
    return kExitFailure;
}

std::optional<QByteArray> readInputFile(const VerbParser& verb, Io& io, const QString& path)
{
    if (path == QLatin1String("-"))
        return io.in.readAll();
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        verb.usageError(io, QStringLiteral("cannot read %1: it is a directory").arg(path));
        return std::nullopt;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        verb.usageError(io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

bool requireRegularFile(const VerbParser& verb, Io& io, const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        verb.usageError(io, QStringLiteral("cannot read %1: no such file").arg(path));
        return false;
    }
    if (!info.isFile()) {
        verb.usageError(io, QStringLiteral("cannot read %1: not a regular file").arg(path));
        return false;
    }
    return true;
}

int reportError(const VerbParser& verb, Io& io, const corral::Error& error)
{
    return verb.failure(io, QStringLiteral("%1 (%2)").arg(error.message, error.code));
}

bool writeOutputFile(const VerbParser& verb, Io& io, const QString& path, const QByteArray& data,
                     QFileDevice::Permissions permissions)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        verb.failure(io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    if (permissions)
        file.setPermissions(permissions);
    file.write(data);
    if (!file.commit()) {
        verb.failure(io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

} // namespace corral::cli
