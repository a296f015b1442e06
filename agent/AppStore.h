// SPDX-License-Identifier: Apache-2.0
// The apps a person has saved, in the agent's SQLite database: every save of an app
// becomes a new numbered revision holding the manifest text exactly as given, so earlier
// versions stay readable and the current one is the highest revision.
#pragma once

#include "Clock.h"
#include "Result.h"
#include "storage/SqliteDatabase.h"

#include <QByteArray>
#include <QString>
#include <vector>

namespace corral::agent {

// One stored revision of an app.
struct AppRevision
{
    QString name;
    int revision = 0; // 1, 2, 3, ... per app
    QString version;  // the manifest's own "version" field
    QString purpose;  // the manifest's "purpose" field, or empty
    QString sha256;   // of the manifest text, hex
    qint64 savedAtMs = 0;
    QByteArray manifestText; // empty in listings
};

class AppStore
{
public:
    // Opens (and creates or upgrades) the database at `path`. Errors: storage.open,
    // storage.sqlite, app.store-schema (a database written by a newer agent).
    static Result<AppStore> open(const QString& path, const Clock& clock = Clock::system());

    // Stores `manifestText` as the next revision of app `name`. A text identical to the
    // current revision is not stored again: that revision is returned with `created`
    // false. `version` and `purpose` are taken from the already validated manifest.
    struct Saved
    {
        AppRevision revision;
        bool created = true;
    };
    Result<Saved> save(const QString& name, const QString& version, const QString& purpose,
                       const QByteArray& manifestText);

    // The current revision of every app, by name (without the manifest text).
    Result<std::vector<AppRevision>> list();
    // One revision with its text: the current one when `revision` is 0. Errors:
    // app.not-found (no such app or revision).
    Result<AppRevision> get(const QString& name, int revision = 0);
    // Every revision of an app, oldest first, without text. Errors: app.not-found.
    Result<std::vector<AppRevision>> revisions(const QString& name);
    // Removes the app and all its revisions; returns how many revisions went. Errors:
    // app.not-found.
    Result<int> remove(const QString& name);

private:
    AppStore(storage::SqliteDatabase db, const Clock& clock) : m_db(std::move(db)), m_clock(&clock) {}

    storage::SqliteDatabase m_db;
    const Clock* m_clock;
};

} // namespace corral::agent
