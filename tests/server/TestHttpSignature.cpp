// SPDX-License-Identifier: Apache-2.0
// Device request signatures: the agent's RequestSigner against the server's verifier, and
// every refusal with its exact error (and HTTP status through the API).
#include "HttpSignature.h"
#include "ServerTestSupport.h"

#include <QTest>

using namespace corral;
using namespace corral::server;
using namespace corral::server::test;

namespace {

const qint64 kNowMs = 1767225600000;

struct Fixture
{
    std::shared_ptr<crypto::Ed25519KeyPair> key =
        std::make_shared<crypto::Ed25519KeyPair>(crypto::Ed25519KeyPair::fromSeed(QByteArray(32, 3)));
    agent::sync::RequestSigner signer{QStringLiteral("dev-1"), key};

    RequestVerifier::KeyLookup lookup() const
    {
        return [pub = key->publicKey()](const QString& id) {
            return id == QLatin1String("dev-1") ? std::optional<QByteArray>(pub) : std::nullopt;
        };
    }

    SignedRequest request(const QByteArray& method, const QByteArray& path, const QByteArray& body,
                          qint64 createdSeconds = kNowMs / 1000) const
    {
        SignedRequest r{method, path, {}, {}, {}, body};
        for (const auto& [name, value] : signer.sign(method, path, body, createdSeconds)) {
            if (name == "Content-Digest")
                r.contentDigest = value;
            else if (name == "Signature-Input")
                r.signatureInput = value;
            else if (name == "Signature")
                r.signature = value;
        }
        return r;
    }
};

QString codeOf(const Result<QString>& r)
{
    return r.ok() ? QString() : r.error().code;
}

} // namespace

class TestHttpSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentDigestIsRfc9530()
    {
        // RFC 9530 appendix: sha-256 of {"hello": "world"}\n... here the empty body.
        QCOMPARE(contentDigestHeader(""), QByteArray("sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:"));
        QCOMPARE(contentDigestHeader("{\"hello\": \"world\"}"),
                 QByteArray("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:"));
    }

    void signedRequestVerifies()
    {
        Fixture f;
        RequestVerifier v;
        Result<QString> id = v.verify(f.request("POST", "/v1/audit/sync", "body"), kNowMs, f.lookup());
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.error().toString()));
        QCOMPARE(*id, QStringLiteral("dev-1"));
    }

    void signatureBaseFollowsRfc9421()
    {
        Fixture f;
        SignedRequest r{"GET", "/v1/updates", {}, {}, {}, {}};
        for (const auto& [name, value] : f.signer.sign("GET", "/v1/updates", "", 1618884473, "bm9uY2U=")) {
            if (name == "Content-Digest")
                r.contentDigest = value;
            else if (name == "Signature-Input")
                r.signatureInput = value;
            else if (name == "Signature")
                r.signature = value;
        }
        QCOMPARE(r.signatureInput, QByteArray("sig1=(\"@method\" \"@path\" \"content-digest\");created=1618884473;"
                                              "keyid=\"dev-1\";alg=\"ed25519\";nonce=\"bm9uY2U=\""));
        Result<SignatureParams> p = parseSignature(r.signatureInput, r.signature);
        QVERIFY(p.ok());
        QCOMPARE(signatureBase(*p, "GET", "/v1/updates", r.contentDigest),
                 QByteArray("\"@method\": GET\n\"@path\": /v1/updates\n\"content-digest\": "
                            "sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:\n\"@signature-params\": "
                            "(\"@method\" \"@path\" \"content-digest\");created=1618884473;keyid=\"dev-1\";"
                            "alg=\"ed25519\";nonce=\"bm9uY2U=\""));
        QCOMPARE(p->signature.size(), 64);
    }

    void refusals()
    {
        Fixture f;
        {
            RequestVerifier v;
            SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            r.signature.clear();
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.missing"));
        }
        {
            RequestVerifier v;
            SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            r.body = "tampered";
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("digest.mismatch"));
        }
        {
            RequestVerifier v;
            SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            r.contentDigest.clear();
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("digest.missing"));
        }
        {
            // Body and digest replaced together: the signature covers the digest.
            RequestVerifier v;
            SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            r.body = "other";
            r.contentDigest = contentDigestHeader("other");
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.invalid"));
        }
        {
            RequestVerifier v;
            SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            r.path = "/v1/reports";
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.invalid"));
        }
        {
            RequestVerifier v(60);
            const SignedRequest old = f.request("POST", "/v1/audit/sync", "body", kNowMs / 1000 - 61);
            QCOMPARE(codeOf(v.verify(old, kNowMs, f.lookup())), QStringLiteral("signature.expired"));
            const SignedRequest future = f.request("POST", "/v1/audit/sync", "body", kNowMs / 1000 + 61);
            QCOMPARE(codeOf(v.verify(future, kNowMs, f.lookup())), QStringLiteral("signature.expired"));
            const SignedRequest edge = f.request("POST", "/v1/audit/sync", "body", kNowMs / 1000 - 60);
            QCOMPARE(codeOf(v.verify(edge, kNowMs, f.lookup())), QString());
        }
        {
            RequestVerifier v;
            const SignedRequest r = f.request("POST", "/v1/audit/sync", "body");
            QVERIFY(v.verify(r, kNowMs, f.lookup()).ok());
            QCOMPARE(codeOf(v.verify(r, kNowMs + 1000, f.lookup())), QStringLiteral("signature.replayed"));
        }
        {
            RequestVerifier v;
            agent::sync::RequestSigner stranger(QStringLiteral("dev-2"), f.key);
            SignedRequest r = f.request("GET", "/v1/updates", "");
            for (const auto& [name, value] : stranger.sign("GET", "/v1/updates", "", kNowMs / 1000)) {
                if (name == "Signature-Input")
                    r.signatureInput = value;
                else if (name == "Signature")
                    r.signature = value;
            }
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("device.unknown"));
        }
        {
            RequestVerifier v;
            SignedRequest r = f.request("GET", "/v1/updates", "");
            r.signatureInput = "sig1=(\"@method\" \"content-digest\");created=1767225600;keyid=\"dev-1\"";
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.components"));
            r.signatureInput = "garbage";
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.malformed"));
            r = f.request("GET", "/v1/updates", "");
            r.signature = "sig1=:not base64!:";
            QCOMPARE(codeOf(v.verify(r, kNowMs, f.lookup())), QStringLiteral("signature.malformed"));
        }
    }

    void apiStatuses()
    {
        TestServer server;
        TestDevice device(server.dir(), QStringLiteral("corral.test/desk-1"), 1, server.clock);
        QCOMPARE(device.enroll(server, server.enrollToken()).status, 201);

        Reply unsigned_ = server.call("GET", "/v1/audit/state");
        QCOMPARE(unsigned_.status, 401);
        QCOMPARE(unsigned_.errorCode(), QStringLiteral("signature.missing"));

        auto headers = device.sign("POST", "/v1/reports", "{\"kind\":\"x\"}");
        Reply wrongDigest = server.call("POST", "/v1/reports", "{\"kind\":\"y\"}", headers);
        QCOMPARE(wrongDigest.status, 400);
        QCOMPARE(wrongDigest.errorCode(), QStringLiteral("digest.mismatch"));

        auto old = device.sign("GET", "/v1/audit/state", "", server.clock.nowMs() / 1000 - 120);
        Reply expired = server.call("GET", "/v1/audit/state", {}, old);
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.errorCode(), QStringLiteral("signature.expired"));

        auto once = device.sign("GET", "/v1/audit/state", "");
        QCOMPARE(server.call("GET", "/v1/audit/state", {}, once).status, 200);
        Reply replay = server.call("GET", "/v1/audit/state", {}, once);
        QCOMPARE(replay.status, 401);
        QCOMPARE(replay.errorCode(), QStringLiteral("signature.replayed"));

        // Nothing was recorded by the refused report.
        Result<QList<Report>> reports = server.data->store().reports();
        QVERIFY(reports.ok());
        QVERIFY(reports->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHttpSignature)
#include "TestHttpSignature.moc"
