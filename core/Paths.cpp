// SPDX-License-Identifier: Apache-2.0
#include "Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <unistd.h>

namespace corral::paths {

namespace {

QString envPath(const char* name)
{
    const QByteArray value = qgetenv(name);
    return value.isEmpty() ? QString() : QString::fromLocal8Bit(value);
}

QString homeDir()
{
    return QDir::homePath();
}

} // namespace

QString dataRoot()
{
    if (const QString fromEnv = envPath("CORRAL_DATA_DIR"); !fromEnv.isEmpty())
        return fromEnv;
    if (QCoreApplication::instance()) {
        const QString installed =
            QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/corral"));
        if (QFileInfo(installed + QStringLiteral("/templates")).isDir())
            return QDir::cleanPath(installed);
    }
    return QStringLiteral(CORRAL_SOURCE_DIR);
}

QString templatesDir()
{
    return dataRoot() + QStringLiteral("/templates");
}

QString resourcesDir()
{
    return dataRoot() + QStringLiteral("/resources");
}

QString schemaPath(const QString& name)
{
    return resourcesDir() + QStringLiteral("/schemas/") + name;
}

QString userDataDir()
{
    QString base = envPath("XDG_DATA_HOME");
    if (base.isEmpty())
        base = homeDir() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/corral");
}

QString userConfigDir()
{
    QString base = envPath("XDG_CONFIG_HOME");
    if (base.isEmpty())
        base = homeDir() + QStringLiteral("/.config");
    return base + QStringLiteral("/corral");
}

QString runtimeDir()
{
    QString base = envPath("XDG_RUNTIME_DIR");
    if (base.isEmpty())
        base = QStringLiteral("/tmp/corral-%1").arg(::getuid());
    return base + QStringLiteral("/corral");
}

} // namespace corral::paths
