// SPDX-License-Identifier: Apache-2.0
// The connector catalog: the shipped file, and bad catalogs with the exact error.
#include "catalog/ConnectorCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace corral::catalog;

namespace {

QJsonObject folderConnector()
{
    return QJsonObject{{"id", "docs"},
                       {"title", "Docs"},
                       {"type", "files"},
                       {"classification", "business"},
                       {"files", QJsonObject{{"roots", QJsonArray{"~/Documents", "/srv/share"}},
                                             {"mode", "read-write"},
                                             {"include", QJsonArray{"**/*.md"}},
                                             {"exclude", QJsonArray{"**/.*"}},
                                             {"max_file_bytes", 1000},
                                             {"max_files", 7}}}};
}

QJsonObject webConnector()
{
    return QJsonObject{{"id", "crm"},
                       {"title", "CRM"},
                       {"type", "http"},
                       {"classification", "non-business"},
                       {"http", QJsonObject{{"base_url", "https://api.crm.example.com/v1"},
                                            {"hosts", QJsonArray{"*.crm.example.com"}},
                                            {"methods", QJsonArray{"GET", "POST"}},
                                            {"max_response_bytes", 2048},
                                            {"timeout_ms", 5000}}}};
}

QByteArray catalogText(const QJsonArray& connectors)
{
    return QJsonDocument(QJsonObject{{"connectors", connectors}}).toJson();
}

QByteArray withSetting(QJsonObject connector, const QString& group, const QString& key, const QJsonValue& value)
{
    QJsonObject settings = connector.value(group).toObject();
    if (value.isUndefined())
        settings.remove(key);
    else
        settings.insert(key, value);
    connector.insert(group, settings);
    return catalogText({connector});
}

} // namespace

class TestConnectorCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shippedCatalog()
    {
        auto catalog = ConnectorCatalog::loadDefault();
        QVERIFY2(catalog, qPrintable(catalog.ok() ? QString() : catalog.error().toString()));
        // The product brief's connectors are known.
        const ConnectorInfo* crm = catalog->find("sales-crm");
        QVERIFY(crm);
        QVERIFY(crm->type == ConnectorType::Http);
        QVERIFY(crm->classification == Classification::Business);
        QVERIFY(catalog->find("s3"));
        const ConnectorInfo* outbox = catalog->find("outbox");
        QVERIFY(outbox);
        QVERIFY(outbox->files.mode == FolderMode::ReadWrite);
        QVERIFY(catalog->find("documents")->files.mode == FolderMode::Read);
        QVERIFY(catalog->find("ssh-keys")->classification == Classification::Blocked);
    }

    void parsesAllFields()
    {
        auto catalog = ConnectorCatalog::parse(catalogText({folderConnector(), webConnector()}), "c.json");
        QVERIFY2(catalog, qPrintable(catalog.ok() ? QString() : catalog.error().toString()));
        const ConnectorInfo& docs = catalog->connectors().at(0);
        QCOMPARE(docs.files.roots, (QStringList{"~/Documents", "/srv/share"}));
        QVERIFY(docs.files.mode == FolderMode::ReadWrite);
        QCOMPARE(docs.files.include, QStringList{"**/*.md"});
        QCOMPARE(docs.files.exclude, QStringList{"**/.*"});
        QCOMPARE(docs.files.maxFileBytes, 1000);
        QCOMPARE(docs.files.maxFiles, 7);
        const ConnectorInfo& crm = catalog->connectors().at(1);
        QCOMPARE(toString(crm.classification), QStringLiteral("non-business"));
        QCOMPARE(crm.http.baseUrl, QStringLiteral("https://api.crm.example.com/v1"));
        QCOMPARE(crm.http.methods, (QStringList{"GET", "POST"}));
        QCOMPARE(crm.http.maxResponseBytes, 2048);
        QCOMPARE(crm.http.timeoutMs, 5000);
        QCOMPARE(catalog->ids(), (QStringList{"docs", "crm"}));
    }

    void hostPatterns()
    {
        QVERIFY(hostAllowed("a.example.com", {"*.example.com"}));
        QVERIFY(hostAllowed("A.Example.com", {"*.example.com"}));
        QVERIFY(!hostAllowed("example.com", {"*.example.com"}));
        QVERIFY(!hostAllowed("evilexample.com", {"*.example.com"}));
        QVERIFY(hostAllowed("example.com", {"other.org", "example.com"}));
        QVERIFY(!hostAllowed("example.com.evil.org", {"example.com"}));
    }

    void badCatalogs_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QJsonObject c = folderConnector();
        c.insert("type", "ftp");
        QTest::newRow("type") << catalogText({c}) << "catalog.connectors"
                              << "c.json: /connectors/0/type: 'ftp' is not one of files, http";
        c = folderConnector();
        c.insert("classification", "secret");
        QTest::newRow("classification") << catalogText({c}) << "catalog.connectors"
                                        << "c.json: /connectors/0/classification: 'secret' is not one of business, "
                                           "non-business, blocked";
        c = folderConnector();
        c.insert("http", webConnector().value("http"));
        QTest::newRow("both settings") << catalogText({c}) << "catalog.connectors"
                                       << "c.json: /connectors/0: a files connector has \"files\" settings only";
        c = webConnector();
        c.remove("http");
        QTest::newRow("no settings") << catalogText({c}) << "catalog.connectors"
                                     << "c.json: /connectors/0: an http connector has \"http\" settings only";
        QTest::newRow("mode") << withSetting(folderConnector(), "files", "mode", "write") << "catalog.connectors"
                              << "c.json: /connectors/0/files/mode: 'write' is not one of read, read-write";
        QTest::newRow("no roots") << withSetting(folderConnector(), "files", "roots", QJsonArray{})
                                  << "catalog.connectors"
                                  << "c.json: /connectors/0/files/roots: a folder connector needs at least one root";
        QTest::newRow("relative root") << withSetting(folderConnector(), "files", "roots", QJsonArray{"docs"})
                                       << "catalog.connectors"
                                       << "c.json: /connectors/0/files/roots: 'docs' is not an absolute path or ~/path";
        QTest::newRow("dotdot root") << withSetting(folderConnector(), "files", "roots", QJsonArray{"/srv/../etc"})
                                     << "catalog.connectors"
                                     << "c.json: /connectors/0/files/roots: '/srv/../etc' contains '..'";
        QTest::newRow("max_files huge") << withSetting(folderConnector(), "files", "max_files", 1e15)
                                        << "catalog.connectors"
                                        << "c.json: /connectors/0/files/max_files: 1e+15 is out of range [1, 100000]";
        QTest::newRow("globs type") << withSetting(folderConnector(), "files", "include", "*.md")
                                    << "catalog.connectors"
                                    << "c.json: /connectors/0/files/include: expected a list of strings";
        QTest::newRow("base_url") << withSetting(webConnector(), "http", "base_url", "ftp://x.example.com")
                                  << "catalog.connectors"
                                  << "c.json: /connectors/0/http/base_url: 'ftp://x.example.com' is not an http(s) URL";
        QTest::newRow("base_url host") << withSetting(webConnector(), "http", "base_url", "https://other.org/")
                                       << "catalog.connectors"
                                       << "c.json: /connectors/0/http/base_url: host 'other.org' is not among the "
                                          "allowed hosts";
        QTest::newRow("bad host") << withSetting(webConnector(), "http", "hosts", QJsonArray{"exa mple.com"})
                                  << "catalog.connectors"
                                  << "c.json: /connectors/0/http/hosts: 'exa mple.com' is not a host name";
        QTest::newRow("no methods")
            << withSetting(webConnector(), "http", "methods", QJsonArray{}) << "catalog.connectors"
            << "c.json: /connectors/0/http/methods: a web connector needs at least one allowed method";
        QTest::newRow("bad method") << withSetting(webConnector(), "http", "methods", QJsonArray{"get"})
                                    << "catalog.connectors"
                                    << "c.json: /connectors/0/http/methods: unknown method 'get'";
        QTest::newRow("unknown setting") << withSetting(webConnector(), "http", "proxy", "x") << "catalog.connectors"
                                         << "c.json: /connectors/0/http/proxy: unknown member";
        QTest::newRow("duplicate id") << catalogText({folderConnector(), folderConnector()}) << "catalog.connectors"
                                      << "c.json: /connectors/1/id: connector 'docs' appears twice";
        QTest::newRow("truncated") << QByteArray("{\"connectors\": [{\"id\": \"docs\"") << "catalog.json"
                                   << "c.json:1:30: unexpected end of file (truncated?), expected ',' or '}'";
        QTest::newRow("wrong root type") << QByteArray("{\"connectors\": {}}") << "catalog.connectors"
                                         << "c.json: /connectors: expected a list";
    }

    void badCatalogs()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        QFETCH(QString, message);
        auto catalog = ConnectorCatalog::parse(text, "c.json");
        QVERIFY(!catalog);
        QCOMPARE(catalog.error().code, code);
        QCOMPARE(catalog.error().message, message);
    }
};

QTEST_GUILESS_MAIN(TestConnectorCatalog)
#include "TestConnectorCatalog.moc"
