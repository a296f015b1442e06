// SPDX-License-Identifier: Apache-2.0
// Shared by the server tests: a server data folder with its API on a manual clock (on
// SQLite, or PostgreSQL with CORRAL_TEST_DB=postgres), and devices with a real audit log
// whose records and checkpoints they upload.
#pragma once

#include "HttpServer.h"
#include "PostgresCluster.h"
#include "RequestSigner.h"
#include "ServerApi.h"
#include "ServerData.h"
#include "audit/AuditLog.h"
#include "audit/AuditStore.h"
#include "crypto/Ed25519.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace corral::server::test {

struct Reply
{
    int status = 0;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString errorCode() const
    {
        return json().value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
    }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& [n, v] : headers) {
            if (n.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
};

class TestServer
{
public:
    TestServer()
    {
        // A fresh database for each server: SQLite in its folder, or a new PostgreSQL
        // database when the tests run on PostgreSQL.
        const Result<QString> database = TestDatabase::newDatabase();
        QVERIFY2(database.ok(), qPrintable(database.ok() ? QString() : database.error().toString()));
        InitOptions options;
        options.database = *database;
        Result<InitResult> init = ServerData::init(m_dir.path() + QStringLiteral("/data"), options, clock);
        QVERIFY2(init.ok(), qPrintable(init.ok() ? QString() : init.error().toString()));
        adminToken = init->adminToken;
        bundleSecretKeyPath = init->bundleSecretKeyPath;
        reopen();
    }

    // Closes and reopens the data folder, as a server restart does.
    void reopen()
    {
        api.reset();
        data.reset();
        Result<std::unique_ptr<ServerData>> opened = ServerData::open(m_dir.path() + QStringLiteral("/data"));
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().toString()));
        data = std::move(opened.value());
        api = std::make_unique<ServerApi>(*data, ApiOptions{}, clock);
    }

    QString dir() const { return m_dir.path(); }

    Reply call(const QByteArray& method, const QByteArray& pathAndQuery, const QByteArray& body = {},
               QList<QPair<QByteArray, QByteArray>> headers = {})
    {
        ApiRequest r;
        r.method = method;
        const qsizetype q = pathAndQuery.indexOf('?');
        r.path = q < 0 ? pathAndQuery : pathAndQuery.first(q);
        if (q >= 0)
            r.query = QUrlQuery(QString::fromUtf8(pathAndQuery.sliced(q + 1)));
        for (const auto& [n, v] : headers)
            r.headers.insert(n.toLower(), v);
        r.body = body;
        Reply out;
        api->handle(r, [&out](const ApiResponse& response) {
            out.status = response.status;
            out.body = response.body;
            out.headers = response.headers;
        });
        return out;
    }

    Reply admin(const QByteArray& method, const QByteArray& path, const QByteArray& body = {},
                const QString& token = {})
    {
        return call(method, path, body,
                    {{"Authorization", "Bearer " + (token.isEmpty() ? adminToken : token).toUtf8()}});
    }

    QString enrollToken(qint64 validMs = 3600000)
    {
        const QString token = newToken(QStringLiteral("cenr_"));
        const Result<void> r =
            data->store().addEnrollToken(tokenHash(token.toUtf8()), clock.nowMs(), clock.nowMs() + validMs);
        if (!r)
            qWarning("%s", qPrintable(r.error().toString()));
        return token;
    }

    ManualClock clock{1767225600000};
    std::unique_ptr<ServerData> data;
    std::unique_ptr<ServerApi> api;
    QString adminToken;
    QString bundleSecretKeyPath;

private:
    QTemporaryDir m_dir;
};

// A desktop: its key, an audit log and, once enrolled, its device id.
class TestDevice
{
public:
    TestDevice(const QString& folder, const QString& origin, char seed, const Clock& clock)
        : key(std::make_shared<crypto::Ed25519KeyPair>(crypto::Ed25519KeyPair::fromSeed(QByteArray(32, seed)))),
          origin(origin), dbPath(folder + QStringLiteral("/audit-") + QChar(u'a' + seed % 26) + QStringLiteral(".db")),
          m_clock(clock)
    {
        audit::AuditLog::Options o;
        o.origin = origin;
        o.clock = &clock;
        o.timer = false;
        o.checkpointEvery = 1u << 30;
        o.fullSync = false;
        Result<std::unique_ptr<audit::AuditLog>> opened = audit::AuditLog::open(dbPath, *key, o);
        if (!opened)
            qFatal("%s", qPrintable(opened.error().toString()));
        log = std::move(opened.value());
    }

    Reply enroll(TestServer& server, const QString& token)
    {
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("token"), token},
                                      {QStringLiteral("public_key"), QString::fromLatin1(key->publicKey().toBase64())},
                                      {QStringLiteral("user"), QStringLiteral("alice")},
                                      {QStringLiteral("host"), QStringLiteral("desk-1")},
                                      {QStringLiteral("origin"), origin}})
                .toJson(QJsonDocument::Compact);
        Reply r = server.call("POST", "/v1/enroll", body);
        if (r.status == 201)
            id = r.json().value(QLatin1String("device_id")).toString();
        return r;
    }

    // Appends `count` note events, or model calls when `app` is given, and checkpoints.
    QByteArray append(int count, const QString& app = {})
    {
        for (int i = 0; i < count; ++i) {
            audit::AuditEvent e;
            if (app.isEmpty()) {
                e = audit::events::note(QStringLiteral("event %1").arg(log->size()));
            } else {
                audit::ModelCall call;
                call.timestampMs = m_clock.nowMs();
                call.appId = app;
                call.userId = QStringLiteral("alice");
                call.model = QStringLiteral("local-extractive");
                call.prompt = "prompt";
                call.response = "response";
                call.tokensUsed = 100;
                call.cost = 0.5;
                e = audit::events::modelCalled(call);
            }
            if (Result<std::uint64_t> r = log->append(e); !r)
                qFatal("%s", qPrintable(r.error().toString()));
        }
        Result<QByteArray> cp = log->checkpoint();
        if (!cp)
            qFatal("%s", qPrintable(cp.error().toString()));
        return *cp;
    }

    QList<QByteArray> records(std::uint64_t from, std::uint64_t to) const
    {
        QList<QByteArray> out;
        Result<audit::AuditStore> store = audit::AuditStore::open(dbPath);
        if (!store)
            qFatal("%s", qPrintable(store.error().toString()));
        (void)store->forEachRecord(
            [&](std::uint64_t seq, QByteArrayView record) {
                if (seq >= to)
                    return false;
                out.append(record.toByteArray());
                return true;
            },
            from);
        return out;
    }

    static QByteArray uploadBody(const QByteArray& checkpoint, const QList<QByteArray>& records)
    {
        QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("checkpoint"), QString::fromUtf8(checkpoint)}})
                              .toJson(QJsonDocument::Compact);
        for (const QByteArray& r : records)
            body += '\n' + r;
        return body + '\n';
    }

    // Headers of a request signed now by the device.
    QList<QPair<QByteArray, QByteArray>> sign(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                                              qint64 createdSeconds = -1) const
    {
        agent::sync::RequestSigner signer(id, key);
        return signer.sign(method, path, body, createdSeconds >= 0 ? createdSeconds : m_clock.nowMs() / 1000);
    }

    Reply signedCall(TestServer& server, const QByteArray& method, const QByteArray& pathAndQuery,
                     const QByteArray& body = {}, QList<QPair<QByteArray, QByteArray>> extra = {})
    {
        const qsizetype q = pathAndQuery.indexOf('?');
        auto headers = sign(method, q < 0 ? pathAndQuery : pathAndQuery.first(q), body);
        headers += extra;
        return server.call(method, pathAndQuery, body, headers);
    }

    std::shared_ptr<crypto::Ed25519KeyPair> key;
    QString origin;
    QString dbPath;
    QString id;
    std::unique_ptr<audit::AuditLog> log;

private:
    const Clock& m_clock;
};

// A TestServer on its wall clock, served over HTTP on a free loopback port.
struct ListeningServer
{
    TestServer server;
    HttpServer http{*server.api};
    quint16 port = 0;
    ListeningServer()
    {
        server.clock.set(QDateTime::currentMSecsSinceEpoch());
        Result<quint16> p = http.start(ListenOptions{});
        if (!p)
            qFatal("%s", qPrintable(p.error().toString()));
        port = *p;
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)); }
};

} // namespace corral::server::test

#include "bundle/BundleArchive.h"
#include "bundle/BundleSignature.h"
#include "crypto/Minisign.h"

#include <QFile>

namespace corral::server::test {

// A minimal valid bundle with this serial.
inline QByteArray bundleArchive(qint64 serial)
{
    const QByteArray manifest =
        QStringLiteral(R"({"revision":"r%1","roots":["corral"],"metadata":{"serial":%1,"decision":["corral"]}})")
            .arg(serial)
            .toUtf8();
    const QByteArray policy = "package corral\n\nimport rego.v1\n\ndeny contains \"no\" if input.deny_me == true\n";
    return bundle::writeArchive({bundle::ArchiveFile{QStringLiteral(".manifest"), manifest},
                                 bundle::ArchiveFile{QStringLiteral("corral/policy.rego"), policy}});
}

// The organisation key init generated.
inline crypto::minisign::SecretKey organisationKey(const TestServer& server)
{
    QFile f(server.bundleSecretKeyPath);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read the organisation key");
    Result<crypto::minisign::SecretKeyFile> file = crypto::minisign::SecretKeyFile::parse(f.readAll(), f.fileName());
    if (!file)
        qFatal("%s", qPrintable(file.error().toString()));
    Result<crypto::minisign::SecretKey> key = file->open();
    if (!key)
        qFatal("%s", qPrintable(key.error().toString()));
    return std::move(key.value());
}

// The POST /v1/bundles body.
inline QByteArray publishBody(const QByteArray& archive, const QByteArray& signature)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("archive"), QString::fromLatin1(archive.toBase64())},
                                     {QStringLiteral("signature"), QString::fromUtf8(signature)}})
        .toJson(QJsonDocument::Compact);
}

inline QByteArray signedPublishBody(const TestServer& server, qint64 serial)
{
    const QByteArray archive = bundleArchive(serial);
    Result<QByteArray> sig = bundle::signBundle(organisationKey(server), archive, serial, QStringLiteral("r"));
    if (!sig)
        qFatal("%s", qPrintable(sig.error().toString()));
    return publishBody(archive, *sig);
}

} // namespace corral::server::test
