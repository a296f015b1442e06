// SPDX-License-Identifier: Apache-2.0
// secrets set, secrets list, secrets rm: the credentials model providers use, kept in the
// agent's secret store (the keychain, or a 0600 file) and referenced by name from the
// model catalog. Values are read from standard input and never printed.
#include "Password.h"
#include "Verbs.h"
#include "models/SecretStore.h"

namespace corral::cli {

namespace {

using corral::crypto::SecureBytes;

constexpr qint64 kMaxSecretSize = 64 * 1024;

const QString kStoreHelp =
    QStringLiteral("\nThe store is the desktop keychain when a Secret Service answers, else the file "
                   "$XDG_CONFIG_HOME/corral/secrets (mode 0600); CORRAL_SECRET_STORE=file|keychain chooses.");

std::unique_ptr<models::SecretStore> openStore(const VerbParser& verb, Io& io)
{
    auto store = models::openSecretStore();
    if (!store) {
        reportError(verb, io, store.error());
        return nullptr;
    }
    return std::move(store).value();
}

bool checkName(const VerbParser& verb, Io& io, const QString& name)
{
    if (models::isValidSecretName(name))
        return true;
    verb.usageError(
        io,
        QStringLiteral("'%1' is not a secret name (letters, digits, '.', '_', '-'; at most 128)").arg(name.left(140)));
    return false;
}

// The value piped in: all of standard input without one trailing newline (LF or CRLF).
std::optional<SecureBytes> readPipedValue(const VerbParser& verb, Io& io)
{
    SecureBytes buffer(kMaxSecretSize + 1);
    qint64 length = 0;
    while (length <= kMaxSecretSize) {
        const qint64 n = io.in.read(reinterpret_cast<char*>(buffer.data()) + length, kMaxSecretSize + 1 - length);
        if (n <= 0)
            break;
        length += n;
    }
    if (length > kMaxSecretSize) {
        verb.failure(io, QStringLiteral("the value is longer than %1 bytes").arg(kMaxSecretSize));
        return std::nullopt;
    }
    if (length > 0 && buffer.data()[length - 1] == '\n')
        --length;
    if (length > 0 && buffer.data()[length - 1] == '\r')
        --length;
    return SecureBytes::copyOf(buffer.view().first(length));
}

int runSet(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("secrets set"),
                    QStringLiteral("Store a secret (an API key) under NAME, replacing any value it had. The value is "
                                   "read from the terminal without echo, or else from standard input (one trailing "
                                   "newline removed); it is never printed.") +
                        kStoreHelp,
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The name the model catalog's `credential` uses."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QString name = verb.positional().first();
    if (!checkName(verb, io, name))
        return kExitUsage;
    const auto value =
        io.interactive ? readPassword(verb, io, QStringLiteral("Value of %1: ").arg(name)) : readPipedValue(verb, io);
    if (!value)
        return kExitFailure;
    if (value->isEmpty())
        return verb.failure(io, QStringLiteral("no value given (standard input is empty)"));
    const auto store = openStore(verb, io);
    if (!store)
        return kExitFailure;
    if (auto stored = store->set(name, value->view()); !stored)
        return reportError(verb, io, stored.error());
    io.out << "Stored secret '" << name << "' in " << store->location() << '\n';
    return kExitOk;
}

int runList(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("secrets list"), QStringLiteral("Print the names of the stored secrets, one a line "
                                                                   "(never their values).") +
                                                        kStoreHelp);
    if (const auto exit = verb.parse(args, io, 0, 0))
        return *exit;
    const auto store = openStore(verb, io);
    if (!store)
        return kExitFailure;
    const auto names = store->names();
    if (!names)
        return reportError(verb, io, names.error());
    for (const QString& name : *names)
        io.out << name << '\n';
    return kExitOk;
}

int runRemove(const QStringList& args, Io& io)
{
    VerbParser verb(QStringLiteral("secrets rm"), QStringLiteral("Delete the secret NAME.") + kStoreHelp,
                    QStringLiteral("NAME"));
    verb.addPositional(QStringLiteral("NAME"), QStringLiteral("The secret to delete."));
    if (const auto exit = verb.parse(args, io, 1, 1))
        return *exit;
    const QString name = verb.positional().first();
    if (!checkName(verb, io, name))
        return kExitUsage;
    const auto store = openStore(verb, io);
    if (!store)
        return kExitFailure;
    if (auto removed = store->remove(name); !removed)
        return reportError(verb, io, removed.error());
    io.out << "Removed secret '" << name << "' from " << store->location() << '\n';
    return kExitOk;
}

} // namespace

void registerSecretsVerbs(Cli& cli)
{
    cli.add(
        {QStringLiteral("secrets set"), QStringLiteral("Store an API key for the model catalog (from stdin)"), runSet});
    cli.add({QStringLiteral("secrets list"), QStringLiteral("List the names of stored secrets"), runList});
    cli.add({QStringLiteral("secrets rm"), QStringLiteral("Delete a stored secret"), runRemove});
}

} // namespace corral::cli
