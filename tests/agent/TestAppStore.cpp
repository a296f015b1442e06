// SPDX-License-Identifier: Apache-2.0
// The apps table: numbered revisions per app, identical saves not duplicated, reads of
// any revision, deletion, persistence across reopen, and refusal of a newer schema.
#include "agent/AppStore.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

using namespace corral;
using namespace corral::agent;

namespace {
QString errorText(const Error& e)
{
    return e.toString();
}
} // namespace

class TestAppStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void revisionsAreNumberedPerApp()
    {
        QTemporaryDir dir;
        ManualClock clock;
        Result<AppStore> store = AppStore::open(dir.filePath(QStringLiteral("agent.db")), clock);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : errorText(store.error())));

        Result<AppStore::Saved> first =
            store->save(QStringLiteral("notes"), QStringLiteral("1.0.0"), QStringLiteral("Sum up notes"), "{\"v\":1}");
        QVERIFY(first.ok());
        QVERIFY(first->created);
        QCOMPARE(first->revision.revision, 1);
        QCOMPARE(first->revision.savedAtMs, clock.nowMs());
        QCOMPARE(first->revision.sha256,
                 QString::fromLatin1(QCryptographicHash::hash("{\"v\":1}", QCryptographicHash::Sha256).toHex()));

        clock.advance(1000);
        Result<AppStore::Saved> same =
            store->save(QStringLiteral("notes"), QStringLiteral("1.0.0"), QStringLiteral("Sum up notes"), "{\"v\":1}");
        QVERIFY(same.ok());
        QVERIFY(!same->created);
        QCOMPARE(same->revision.revision, 1);

        Result<AppStore::Saved> second =
            store->save(QStringLiteral("notes"), QStringLiteral("1.1.0"), QStringLiteral("Sum up notes"), "{\"v\":2}");
        QVERIFY(second.ok());
        QCOMPARE(second->revision.revision, 2);
        QVERIFY(store->save(QStringLiteral("alpha"), QStringLiteral("0.1.0"), QString(), "{}").ok());

        Result<std::vector<AppRevision>> apps = store->list();
        QVERIFY(apps.ok());
        QCOMPARE(apps->size(), std::size_t(2));
        QCOMPARE(apps->at(0).name, QStringLiteral("alpha"));
        QCOMPARE(apps->at(1).name, QStringLiteral("notes"));
        QCOMPARE(apps->at(1).revision, 2);
        QCOMPARE(apps->at(1).version, QStringLiteral("1.1.0"));
        QVERIFY(apps->at(1).manifestText.isEmpty());

        QCOMPARE(store->get(QStringLiteral("notes"))->manifestText, QByteArray("{\"v\":2}"));
        QCOMPARE(store->get(QStringLiteral("notes"), 1)->manifestText, QByteArray("{\"v\":1}"));
        QCOMPARE(store->get(QStringLiteral("notes"), 3).error().message,
                 QStringLiteral("app \"notes\" has no revision 3"));

        Result<std::vector<AppRevision>> revisions = store->revisions(QStringLiteral("notes"));
        QVERIFY(revisions.ok());
        QCOMPARE(revisions->size(), std::size_t(2));
        QCOMPARE(revisions->at(0).version, QStringLiteral("1.0.0"));
        QCOMPARE(revisions->at(1).savedAtMs, clock.nowMs());
    }

    void removeAndNotFound()
    {
        QTemporaryDir dir;
        Result<AppStore> store = AppStore::open(dir.filePath(QStringLiteral("agent.db")));
        QVERIFY(store.ok());
        QVERIFY(store->save(QStringLiteral("notes"), QStringLiteral("1"), QString(), "a").ok());
        QVERIFY(store->save(QStringLiteral("notes"), QStringLiteral("2"), QString(), "b").ok());
        QVERIFY(store->save(QStringLiteral("other"), QStringLiteral("1"), QString(), "c").ok());

        Result<int> removed = store->remove(QStringLiteral("notes"));
        QVERIFY(removed.ok());
        QCOMPARE(*removed, 2);
        for (const Error& e :
             {store->remove(QStringLiteral("notes")).error(), store->get(QStringLiteral("notes")).error(),
              store->revisions(QStringLiteral("notes")).error()}) {
            QCOMPARE(e.code, QStringLiteral("app.not-found"));
            QCOMPARE(e.message, QStringLiteral("no app named \"notes\""));
        }
        QCOMPARE(store->list()->size(), std::size_t(1));
        QCOMPARE(store->get(QStringLiteral("other"))->manifestText, QByteArray("c"));
    }

    void persistsAcrossReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.db"));
        {
            Result<AppStore> store = AppStore::open(path);
            QVERIFY(store.ok());
            QVERIFY(store->save(QStringLiteral("notes"), QStringLiteral("1"), QStringLiteral("p"), "text").ok());
        }
        Result<AppStore> reopened = AppStore::open(path);
        QVERIFY(reopened.ok());
        Result<AppRevision> app = reopened->get(QStringLiteral("notes"));
        QVERIFY(app.ok());
        QCOMPARE(app->purpose, QStringLiteral("p"));
        QCOMPARE(app->manifestText, QByteArray("text"));
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("agent.db"));
        {
            Result<storage::SqliteDatabase> db = storage::SqliteDatabase::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("PRAGMA user_version = 7").ok());
        }
        Result<AppStore> store = AppStore::open(path);
        QVERIFY(!store.ok());
        QCOMPARE(store.error().code, QStringLiteral("app.store-schema"));
        QCOMPARE(store.error().message,
                 QStringLiteral("%1 was written by a newer agent (schema 7, this agent knows 2)").arg(path));
    }
};

QTEST_GUILESS_MAIN(TestAppStore)
#include "TestAppStore.moc"
