// SPDX-License-Identifier: Apache-2.0
#include "ServerApi.h"

#include "Approvals.h"
#include "Cosigner.h"
#include "bundle/Bundle.h"
#include "bundle/BundleErrors.h"
#include "bundle/BundleSignature.h"
#include "crypto/Hash.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace corral::server {

namespace {

constexpr QLatin1String kMalformed{"api.malformed"};

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ApiResponse ok(const QJsonObject& o, int status = 200)
{
    ApiResponse r;
    r.status = status;
    r.body = json(o);
    return r;
}

ApiResponse fail(const QString& code, const QString& message)
{
    return errorResponse(makeError(code, message));
}

Result<QJsonObject> bodyObject(const ApiRequest& request)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(kMalformed, QStringLiteral("the body must be a JSON object"));
    return doc.object();
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject approvalJson(const Approval& a)
{
    QJsonObject o{{QStringLiteral("id"), double(a.id)}, {QStringLiteral("device"), a.device},
                  {QStringLiteral("app"), a.app},       {QStringLiteral("user"), a.user},
                  {QStringLiteral("reason"), a.reason}, {QStringLiteral("requested"), isoTime(a.requestedMs)},
                  {QStringLiteral("state"), a.state}};
    if (a.state != QLatin1String("pending")) {
        o.insert(QStringLiteral("reviewer"), a.reviewer);
        o.insert(QStringLiteral("note"), a.note);
        o.insert(QStringLiteral("decided"), isoTime(a.decidedMs));
        o.insert(QStringLiteral("decision"), QString::fromUtf8(a.decision));
    }
    return o;
}

QByteArray escapeLabel(const QString& value)
{
    QByteArray v = value.toUtf8();
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return v;
}

} // namespace

int statusForError(const QString& code)
{
    static const QHash<QString, int> statuses{
        {QStringLiteral("api.malformed"), 400},
        {QStringLiteral("api.not-found"), 404},
        {QStringLiteral("api.method"), 405},
        {QStringLiteral("api.too-large"), 413},
        {QStringLiteral("auth.missing"), 401},
        {QStringLiteral("auth.invalid"), 401},
        {QStringLiteral("auth.role"), 403},
        {QStringLiteral("signature.missing"), 401},
        {QStringLiteral("signature.malformed"), 400},
        {QStringLiteral("signature.components"), 400},
        {QStringLiteral("digest.missing"), 400},
        {QStringLiteral("digest.mismatch"), 400},
        {QStringLiteral("signature.expired"), 401},
        {QStringLiteral("signature.invalid"), 401},
        {QStringLiteral("signature.replayed"), 401},
        {QStringLiteral("device.unknown"), 401},
        {QStringLiteral("enroll.token"), 403},
        {QStringLiteral("enroll.expired"), 403},
        {QLatin1String(witness::kMalformed), 400},
        {QLatin1String(witness::kIncomplete), 400},
        {QLatin1String(witness::kBadCheckpoint), 403},
        {QLatin1String(witness::kGap), 409},
        {QLatin1String(kAppendRaced), 409},
        {QLatin1String(witness::kSmaller), 412},
        {QLatin1String(witness::kFork), 422},
        {QLatin1String(witness::kRootMismatch), 422},
        {QString(bundle::errc::kSignatureMalformed), 422},
        {QString(bundle::errc::kSignatureUntrusted), 422},
        {QString(bundle::errc::kSignatureInvalid), 422},
        {QString(bundle::errc::kSerialMismatch), 422},
        {QString(bundle::errc::kSerialNotNewer), 409},
        {QStringLiteral("approval.decided"), 409},
        {QStringLiteral("server.not-found"), 404},
    };
    if (auto it = statuses.constFind(code); it != statuses.constEnd())
        return *it;
    if (code.startsWith(QLatin1String("bundle.")))
        return 400;
    return 500;
}

ApiResponse errorResponse(const Error& error)
{
    ApiResponse r;
    r.status = statusForError(error.code);
    r.body = json(QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.code},
                                                                    {QStringLiteral("message"), error.message}}}});
    return r;
}

ServerApi::ServerApi(ServerData& data, const ApiOptions& options, const Clock& clock, QObject* parent)
    : QObject(parent), m_data(data), m_options(options), m_clock(clock),
      m_witness(data.store(), data.witnessKey(), clock), m_verifier(options.signatureWindowSeconds)
{
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(250);
    connect(m_pollTimer, &QTimer::timeout, this, &ServerApi::expirePolls);
    m_silenceTimer = new QTimer(this);
    m_silenceTimer->setInterval(int(std::clamp<qint64>(options.silenceMs / 4, 1000, 60000)));
    connect(m_silenceTimer, &QTimer::timeout, this, [this] { (void)m_witness.checkSilence(m_options.silenceMs); });
    m_silenceTimer->start();
    // Servers sharing a PostgreSQL database announce bundles, orders and decisions to each
    // other, so a long-poll here answers within the 2 s budget whichever server took them.
    if (Result<void> r = m_data.store().setChangeListener([this] { wakePolls(); }); !r)
        qWarning("corral-server: long-polls will not see changes made by other servers: %s",
                 qPrintable(r.error().toString()));
}

ServerApi::~ServerApi()
{
    (void)m_data.store().setChangeListener({});
}

quint64 ServerApi::handle(const ApiRequest& request, Responder respond)
{
    ++m_requests;
    quint64 deferred = 0;
    ApiResponse response = route(request, respond, deferred);
    if (deferred != 0)
        return deferred;
    if (response.status >= 400) {
        const QJsonObject err =
            QJsonDocument::fromJson(response.body).object().value(QLatin1String("error")).toObject();
        ++m_rejections[err.value(QLatin1String("code")).toString()];
    }
    respond(response);
    return 0;
}

void ServerApi::cancel(quint64 handle)
{
    m_polls.erase(handle);
}

Result<AdminToken> ServerApi::admin(const ApiRequest& request, std::initializer_list<Role> roles)
{
    const QByteArray auth = request.header("authorization");
    if (!auth.startsWith("Bearer "))
        return makeError(QStringLiteral("auth.missing"), QStringLiteral("an admin bearer token is required"));
    Result<std::optional<AdminToken>> token = m_data.store().findAdminToken(tokenHash(auth.sliced(7).trimmed()));
    if (!token)
        return token.error();
    if (!token->has_value())
        return makeError(QStringLiteral("auth.invalid"), QStringLiteral("unknown or revoked token"));
    for (Role r : roles) {
        if ((*token)->role == r)
            return **token;
    }
    QStringList names;
    for (Role r : roles)
        names << roleName(r);
    return makeError(QStringLiteral("auth.role"),
                     QStringLiteral("this needs the role %1, the token has %2")
                         .arg(names.join(QLatin1String(" or ")), roleName((*token)->role)));
}

Result<QString> ServerApi::device(const ApiRequest& request)
{
    SignedRequest s{request.method,
                    request.path,
                    request.header("content-digest"),
                    request.header("signature-input"),
                    request.header("signature"),
                    request.body};
    Result<QString> id = m_verifier.verify(s, m_clock.nowMs(), [this](const QString& deviceId) {
        Result<std::optional<Device>> d = m_data.store().device(deviceId);
        return d && d->has_value() ? std::optional<QByteArray>((*d)->publicKey) : std::nullopt;
    });
    if (id)
        (void)m_data.store().touchDevice(*id, m_clock.nowMs());
    return id;
}

ApiResponse ServerApi::route(const ApiRequest& request, const Responder& respond, quint64& deferred)
{
    if (request.body.size() > m_options.maxBodySize)
        return fail(QStringLiteral("api.too-large"),
                    QStringLiteral("the body exceeds %1 bytes").arg(m_options.maxBodySize));
    const QList<QByteArray> parts = request.path.split('/').mid(1);
    const QByteArray& m = request.method;
    auto is = [&](std::initializer_list<const char*> segments) {
        if (qsizetype(segments.size()) != parts.size())
            return false;
        qsizetype i = 0;
        for (const char* s : segments) {
            if (qstrcmp(s, "*") != 0 && parts[i] != s)
                return false;
            ++i;
        }
        return true;
    };
    auto methodIs = [&](const char* expected) { return m == expected; };
    auto wrongMethod = [&] { return fail(QStringLiteral("api.method"), QStringLiteral("method not allowed here")); };
#define CORRAL_ADMIN(var, ...)                                                                                         \
    Result<AdminToken> var = admin(request, {__VA_ARGS__});                                                            \
    if (!var)                                                                                                          \
        return errorResponse(var.error());
#define CORRAL_DEVICE(var)                                                                                             \
    Result<QString> var = device(request);                                                                             \
    if (!var)                                                                                                          \
        return errorResponse(var.error());

    if (is({"metrics"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
        return metrics();
    }
    if (parts.isEmpty() || parts[0] != "v1")
        return fail(QStringLiteral("api.not-found"), QStringLiteral("no such endpoint"));

    if (is({"v1", "enroll"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        return enroll(request);
    }
    if (is({"v1", "audit", "state"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_DEVICE(dev);
        return auditState(*dev);
    }
    if (is({"v1", "audit", "sync"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_DEVICE(dev);
        return auditSync(*dev, request);
    }
    if (is({"v1", "audit", "export"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
        return exportRecords(request);
    }
    if (is({"v1", "updates"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_DEVICE(dev);
        return updates(*dev, request, respond, deferred);
    }
    if (is({"v1", "bundle"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_DEVICE(dev);
        return bundle(request);
    }
    if (is({"v1", "bundles"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin);
        return publishBundle(*who, request);
    }
    if (is({"v1", "apps", "*", "pause"}) || is({"v1", "apps", "*", "resume"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin);
        return order(*who, QString::fromUtf8(QByteArray::fromPercentEncoding(parts[2])), QString::fromLatin1(parts[3]),
                     request);
    }
    if (is({"v1", "approvals"})) {
        if (methodIs("POST")) {
            CORRAL_DEVICE(dev);
            return requestApproval(*dev, request);
        }
        if (methodIs("GET")) {
            CORRAL_ADMIN(who, Role::Admin, Role::Reviewer, Role::Auditor);
            return listApprovals(request);
        }
        return wrongMethod();
    }
    if (is({"v1", "approvals", "*", "decision"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Reviewer);
        bool okId = false;
        const std::int64_t id = parts[2].toLongLong(&okId);
        if (!okId)
            return fail(QStringLiteral("server.not-found"),
                        QStringLiteral("no approval %1").arg(QString::fromUtf8(parts[2])));
        return decide(*who, id, request);
    }
    if (is({"v1", "reports"})) {
        if (methodIs("GET")) {
            CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
            return listReports(request);
        }
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_DEVICE(dev);
        return report(*dev, request);
    }
    if (is({"v1", "devices"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
        return listDevices();
    }
    if (is({"v1", "alerts"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
        return listAlerts(request);
    }
    if (is({"v1", "alerts", "*", "silence"})) {
        if (!methodIs("POST"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin);
        bool okId = false;
        const std::int64_t id = parts[2].toLongLong(&okId);
        if (!okId)
            return fail(QStringLiteral("server.not-found"),
                        QStringLiteral("no alert %1").arg(QString::fromUtf8(parts[2])));
        return silence(id);
    }
    if (is({"v1", "usage"})) {
        if (!methodIs("GET"))
            return wrongMethod();
        CORRAL_ADMIN(who, Role::Admin, Role::Auditor);
        return usage();
    }
#undef CORRAL_ADMIN
#undef CORRAL_DEVICE
    return fail(QStringLiteral("api.not-found"), QStringLiteral("no such endpoint"));
}

ApiResponse ServerApi::enroll(const ApiRequest& request)
{
    Result<QJsonObject> body = bodyObject(request);
    if (!body)
        return errorResponse(body.error());
    const QString token = body->value(QLatin1String("token")).toString();
    const QByteArray publicKey = QByteArray::fromBase64(body->value(QLatin1String("public_key")).toString().toLatin1());
    const QString user = body->value(QLatin1String("user")).toString();
    const QString host = body->value(QLatin1String("host")).toString();
    QString origin = body->value(QLatin1String("origin")).toString();
    if (token.isEmpty() || publicKey.size() != crypto::kEd25519PublicKeySize || !validLabel(user) || !validLabel(host))
        return fail(kMalformed, QStringLiteral("enrollment needs token, public_key (base64, 32 bytes), user and host"));
    if (!origin.isEmpty() && (!crypto::isValidNoteKeyName(origin) || origin.size() > 256))
        return fail(kMalformed, QStringLiteral("origin must be a valid log name"));

    Device d;
    d.id = QStringLiteral("dev-") + QString::fromLatin1(crypto::randomBytes(8).toHex());
    d.publicKey = publicKey;
    d.user = user;
    d.host = host;
    d.origin = origin.isEmpty() ? QStringLiteral("corral.server/") + d.id : origin;
    if (Result<void> r = m_data.store().enroll(tokenHash(token.toUtf8()), d, m_clock.nowMs()); !r)
        return errorResponse(r.error());
    const crypto::NoteSigner& w = m_data.witnessKey();
    return ok(QJsonObject{{QStringLiteral("device_id"), d.id},
                          {QStringLiteral("origin"), d.origin},
                          {QStringLiteral("bundle_key"), QString::fromLatin1(m_data.bundleKey().toBase64())},
                          {QStringLiteral("witness_name"), w.name()},
                          {QStringLiteral("witness_key"), cosignatureVerifierKey(w.name(), w.publicKey())}},
              201);
}

ApiResponse ServerApi::auditState(const QString& device)
{
    Result<WitnessState> s = m_witness.state(device);
    if (!s)
        return errorResponse(s.error());
    return ok(QJsonObject{{QStringLiteral("size"), double(s->size)},
                          {QStringLiteral("cosigned"), QString::fromUtf8(s->cosigned)}});
}

ApiResponse ServerApi::auditSync(const QString& device, const ApiRequest& request)
{
    ++m_ingestRequests;
    Result<IngestResult> r = m_witness.ingest(device, request.body);
    if (!r) {
        ApiResponse e = errorResponse(r.error());
        if (r.error().code == QLatin1String(witness::kGap) || r.error().code == QLatin1String(kAppendRaced)) {
            // Tell the device where to resume, as tlog-witness's 409 does (a raced upload:
            // another server sharing the database stored one for the device first).
            Result<WitnessState> s = m_witness.state(device);
            if (s)
                e.headers.append({"X-Witness-Size", QByteArray::number(qulonglong(s->size))});
        }
        return e;
    }
    m_ingestedRecords += r->accepted;
    if (r->accepted > 0) {
        if (Result<bool> checked = m_usageWatch.check(device, m_clock.nowMs()); !checked)
            qWarning("usage check of %s failed: %s", qPrintable(device), qPrintable(checked.error().toString()));
    }
    return ok(QJsonObject{{QStringLiteral("size"), double(r->size)},
                          {QStringLiteral("accepted"), double(r->accepted)},
                          {QStringLiteral("duplicates"), double(r->duplicates)},
                          {QStringLiteral("cosigned"), QString::fromUtf8(r->cosigned)}});
}

Result<QPair<QByteArray, QByteArray>> ServerApi::updateDocument(const QString& device)
{
    ServerStore& store = m_data.store();
    Result<std::optional<StoredBundle>> latest = store.latestBundle();
    if (!latest)
        return latest.error();
    Result<QList<Order>> orders = store.orders(device, 0);
    if (!orders)
        return orders.error();
    Result<QList<Approval>> decisions = store.decisionsFor(device);
    if (!decisions)
        return decisions.error();

    QJsonObject doc;
    qint64 serial = 0;
    if (latest->has_value()) {
        serial = (*latest)->serial;
        doc.insert(QStringLiteral("bundle"),
                   QJsonObject{{QStringLiteral("serial"), double(serial)},
                               {QStringLiteral("sha256"),
                                QString::fromLatin1(crypto::sha256Bytes((*latest)->archive).toHex())}});
    }
    // The state each app is in for this device: the last order addressed to it wins.
    QMap<QString, QString> state;
    std::int64_t lastOrder = 0;
    for (const Order& o : *orders) {
        state[o.app] = o.action;
        lastOrder = o.id;
    }
    QJsonArray paused;
    for (auto it = state.cbegin(); it != state.cend(); ++it) {
        if (it.value() == QLatin1String("pause"))
            paused.append(it.key());
    }
    doc.insert(QStringLiteral("paused"), paused);
    doc.insert(QStringLiteral("order"), double(lastOrder));
    QJsonArray decided;
    std::int64_t lastDecision = 0;
    for (const Approval& a : *decisions) {
        decided.append(approvalJson(a));
        lastDecision = std::max(lastDecision, a.id);
    }
    doc.insert(QStringLiteral("decisions"), decided);
    const QByteArray etag = "\"b" + QByteArray::number(serial) + ".o" + QByteArray::number(lastOrder) + ".d" +
                            QByteArray::number(lastDecision) + '"';
    doc.insert(QStringLiteral("etag"), QString::fromLatin1(etag));
    return QPair<QByteArray, QByteArray>(json(doc), etag);
}

ApiResponse ServerApi::updates(const QString& device, const ApiRequest& request, const Responder& respond,
                               quint64& deferred)
{
    Result<QPair<QByteArray, QByteArray>> doc = updateDocument(device);
    if (!doc)
        return errorResponse(doc.error());
    const QByteArray ifNoneMatch = request.header("if-none-match");
    if (ifNoneMatch != doc->second) {
        ApiResponse r;
        r.body = doc->first;
        r.headers.append({"ETag", doc->second});
        return r;
    }
    const qint64 wait = std::clamp<qint64>(request.query.queryItemValue(QStringLiteral("wait")).toLongLong(), 0,
                                           m_options.maxPollSeconds);
    if (wait == 0) {
        ApiResponse r;
        r.status = 304;
        r.headers.append({"ETag", doc->second});
        return r;
    }
    deferred = m_nextPoll++;
    m_polls.emplace(deferred, Poll{device, doc->second, m_clock.nowMs() + wait * 1000, respond});
    if (!m_pollTimer->isActive())
        m_pollTimer->start();
    return {};
}

void ServerApi::wakePolls()
{
    for (auto it = m_polls.begin(); it != m_polls.end();) {
        Result<QPair<QByteArray, QByteArray>> doc = updateDocument(it->second.device);
        if (doc && doc->second != it->second.etag) {
            ApiResponse r;
            r.body = doc->first;
            r.headers.append({"ETag", doc->second});
            const Responder respond = std::move(it->second.respond);
            it = m_polls.erase(it);
            respond(r);
        } else {
            ++it;
        }
    }
}

void ServerApi::expirePolls()
{
    const qint64 now = m_clock.nowMs();
    for (auto it = m_polls.begin(); it != m_polls.end();) {
        if (it->second.deadlineMs <= now) {
            ApiResponse r;
            r.status = 304;
            r.headers.append({"ETag", it->second.etag});
            const Responder respond = std::move(it->second.respond);
            it = m_polls.erase(it);
            respond(r);
        } else {
            ++it;
        }
    }
    if (m_polls.empty())
        m_pollTimer->stop();
}

ApiResponse ServerApi::bundle(const ApiRequest& request)
{
    Result<std::optional<StoredBundle>> latest = m_data.store().latestBundle();
    if (!latest)
        return errorResponse(latest.error());
    if (!latest->has_value())
        return fail(QStringLiteral("server.not-found"), QStringLiteral("no bundle has been published"));
    const QByteArray etag = "\"" + QByteArray::number((*latest)->serial) + '"';
    ApiResponse r;
    r.headers.append({"ETag", etag});
    if (request.header("if-none-match") == etag) {
        r.status = 304;
        return r;
    }
    r.body = json(QJsonObject{{QStringLiteral("serial"), double((*latest)->serial)},
                              {QStringLiteral("archive"), QString::fromLatin1((*latest)->archive.toBase64())},
                              {QStringLiteral("signature"), QString::fromUtf8((*latest)->signature)}});
    return r;
}

ApiResponse ServerApi::publishBundle(const AdminToken& who, const ApiRequest& request)
{
    Result<QJsonObject> body = bodyObject(request);
    if (!body)
        return errorResponse(body.error());
    const auto decoded = QByteArray::fromBase64Encoding(body->value(QLatin1String("archive")).toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray* archive = &decoded.decoded;
    const QByteArray signature = body->value(QLatin1String("signature")).toString().toUtf8();
    if (!decoded || archive->isEmpty() || signature.isEmpty())
        return fail(kMalformed, QStringLiteral("publishing needs archive (base64) and signature (minisig text)"));
    Result<bundle::VerifiedSignature> verified =
        bundle::verifyBundleSignature(*archive, signature, {m_data.bundleKey()});
    if (!verified)
        return errorResponse(verified.error());
    Result<bundle::Bundle> parsed = bundle::Bundle::fromArchive(*archive);
    if (!parsed)
        return errorResponse(parsed.error());
    if (parsed->serial() != verified->serial)
        return fail(QString(bundle::errc::kSerialMismatch),
                    QStringLiteral("the signature names serial %1, the manifest %2")
                        .arg(verified->serial)
                        .arg(parsed->serial()));
    Result<std::optional<StoredBundle>> latest = m_data.store().latestBundle();
    if (!latest)
        return errorResponse(latest.error());
    if (latest->has_value() && (*latest)->serial >= parsed->serial())
        return fail(QString(bundle::errc::kSerialNotNewer),
                    QStringLiteral("serial %1 is not higher than the published %2")
                        .arg(parsed->serial())
                        .arg((*latest)->serial));
    if (Result<void> r =
            m_data.store().addBundle(StoredBundle{parsed->serial(), *archive, signature, m_clock.nowMs(), who.name});
        !r)
        return errorResponse(r.error());
    wakePolls();
    return ok(QJsonObject{{QStringLiteral("serial"), double(parsed->serial())},
                          {QStringLiteral("revision"), parsed->revision()}},
              201);
}

ApiResponse ServerApi::order(const AdminToken& who, const QString& app, const QString& action,
                             const ApiRequest& request)
{
    QString device;
    if (!request.body.trimmed().isEmpty()) {
        Result<QJsonObject> body = bodyObject(request);
        if (!body)
            return errorResponse(body.error());
        device = body->value(QLatin1String("device")).toString();
    }
    Result<std::int64_t> id = giveOrder(m_data.store(), Order{0, m_clock.nowMs(), app, device, action, who.name});
    if (!id)
        return errorResponse(id.error());
    wakePolls();
    return ok(QJsonObject{{QStringLiteral("id"), double(*id)},
                          {QStringLiteral("app"), app},
                          {QStringLiteral("action"), action},
                          {QStringLiteral("device"), device}},
              201);
}

ApiResponse ServerApi::requestApproval(const QString& device, const ApiRequest& request)
{
    Result<QJsonObject> body = bodyObject(request);
    if (!body)
        return errorResponse(body.error());
    Approval a;
    a.device = device;
    a.app = body->value(QLatin1String("app")).toString();
    a.user = body->value(QLatin1String("user")).toString();
    a.reason = body->value(QLatin1String("reason")).toString();
    a.requestedMs = m_clock.nowMs();
    if (!validLabel(a.app) || !validLabel(a.user) || a.reason.trimmed().isEmpty() || a.reason.size() > 4096)
        return fail(kMalformed, QStringLiteral("a request needs app, user and a reason (at most 4096 characters)"));
    // A device asking again (its answer was lost) gets the request already waiting.
    Result<std::optional<Approval>> waiting = pendingApproval(m_data.store(), device, a.app);
    if (!waiting)
        return errorResponse(waiting.error());
    if (waiting->has_value())
        return ok(approvalJson(**waiting), 200);
    Result<std::int64_t> id = m_data.store().addApproval(a);
    if (!id)
        return errorResponse(id.error());
    a.id = *id;
    a.state = QStringLiteral("pending");
    return ok(approvalJson(a), 201);
}

ApiResponse ServerApi::listApprovals(const ApiRequest& request)
{
    Result<QList<Approval>> list = m_data.store().approvals(request.query.queryItemValue(QStringLiteral("state")));
    if (!list)
        return errorResponse(list.error());
    QJsonArray out;
    for (const Approval& a : *list)
        out.append(approvalJson(a));
    return ok(QJsonObject{{QStringLiteral("approvals"), out}});
}

ApiResponse ServerApi::decide(const AdminToken& who, std::int64_t id, const ApiRequest& request)
{
    Result<QJsonObject> body = bodyObject(request);
    if (!body)
        return errorResponse(body.error());
    Result<Approval> decided =
        decideApproval(m_data.store(), m_data.witnessKey(), id, body->value(QLatin1String("decision")).toString(),
                       who.name, body->value(QLatin1String("note")).toString(), m_clock.nowMs());
    if (!decided)
        return errorResponse(decided.error());
    wakePolls();
    return ok(approvalJson(*decided));
}

ApiResponse ServerApi::report(const QString& device, const ApiRequest& request)
{
    Result<QJsonObject> body = bodyObject(request);
    if (!body)
        return errorResponse(body.error());
    const QString kind = body->value(QLatin1String("kind")).toString();
    if (!validLabel(kind, 64))
        return fail(kMalformed, QStringLiteral("a report needs a kind"));
    const QString detail = body->value(QLatin1String("detail")).toString().left(4096);
    Result<std::int64_t> id = m_data.store().addReport(Report{0, m_clock.nowMs(), device, kind, detail});
    if (!id)
        return errorResponse(id.error());
    return ok(QJsonObject{{QStringLiteral("id"), double(*id)}}, 201);
}

ApiResponse ServerApi::listDevices()
{
    Result<QList<Device>> devices = m_data.store().devices();
    if (!devices)
        return errorResponse(devices.error());
    QJsonArray out;
    for (const Device& d : *devices)
        out.append(QJsonObject{{QStringLiteral("id"), d.id},
                               {QStringLiteral("user"), d.user},
                               {QStringLiteral("host"), d.host},
                               {QStringLiteral("origin"), d.origin},
                               {QStringLiteral("size"), double(d.size)},
                               {QStringLiteral("enrolled"), isoTime(d.enrolledMs)},
                               {QStringLiteral("last_seen"), isoTime(d.lastSeenMs)},
                               {QStringLiteral("last_sync"),
                                d.lastSyncMs ? QJsonValue(isoTime(d.lastSyncMs)) : QJsonValue(QJsonValue::Null)}});
    return ok(QJsonObject{{QStringLiteral("devices"), out}});
}

ApiResponse ServerApi::listAlerts(const ApiRequest& request)
{
    Result<QList<Alert>> alerts =
        m_data.store().alerts(request.query.queryItemValue(QStringLiteral("all")) == QLatin1String("1"));
    if (!alerts)
        return errorResponse(alerts.error());
    QJsonArray out;
    for (const Alert& a : *alerts)
        out.append(QJsonObject{{QStringLiteral("id"), double(a.id)},
                               {QStringLiteral("time"), isoTime(a.tsMs)},
                               {QStringLiteral("device"), a.device},
                               {QStringLiteral("kind"), a.kind},
                               {QStringLiteral("detail"), a.detail},
                               {QStringLiteral("silenced"), a.silenced}});
    return ok(QJsonObject{{QStringLiteral("alerts"), out}});
}

ApiResponse ServerApi::listReports(const ApiRequest& request)
{
    Result<QList<Report>> reports = m_data.store().reports();
    if (!reports)
        return errorResponse(reports.error());
    const QString device = request.query.queryItemValue(QStringLiteral("device"));
    QJsonArray out;
    for (const Report& r : *reports)
        if (device.isEmpty() || r.device == device)
            out.append(QJsonObject{{QStringLiteral("id"), double(r.id)},
                                   {QStringLiteral("time"), isoTime(r.tsMs)},
                                   {QStringLiteral("device"), r.device},
                                   {QStringLiteral("kind"), r.kind},
                                   {QStringLiteral("detail"), r.detail}});
    return ok(QJsonObject{{QStringLiteral("reports"), out}});
}

ApiResponse ServerApi::silence(std::int64_t id)
{
    if (Result<void> r = m_data.store().silenceAlert(id, m_clock.nowMs()); !r)
        return errorResponse(r.error());
    return ok(QJsonObject{{QStringLiteral("id"), double(id)}, {QStringLiteral("silenced"), true}});
}

ApiResponse ServerApi::usage()
{
    Result<QList<Usage>> rows = m_data.store().usage();
    if (!rows)
        return errorResponse(rows.error());
    QJsonArray out;
    for (const Usage& u : *rows)
        out.append(QJsonObject{{QStringLiteral("device"), u.device},
                               {QStringLiteral("user"), u.user},
                               {QStringLiteral("app"), u.app},
                               {QStringLiteral("model"), u.model},
                               {QStringLiteral("calls"), double(u.calls)},
                               {QStringLiteral("tokens"), double(u.tokens)},
                               {QStringLiteral("cost"), u.cost}});
    return ok(QJsonObject{{QStringLiteral("usage"), out}});
}

ApiResponse ServerApi::exportRecords(const ApiRequest& request)
{
    const QString device = request.query.queryItemValue(QStringLiteral("device"));
    const QString formatName = request.query.queryItemValue(QStringLiteral("format"));
    const std::optional<audit::ExportFormat> format =
        audit::exportFormatFromName(formatName.isEmpty() ? QStringLiteral("records") : formatName);
    if (!format)
        return fail(kMalformed, QStringLiteral("format must be records, jsonl, ocsf, cef or syslog"));
    const auto item = [&](const char* name) { return request.query.queryItemValue(QLatin1String(name)); };
    const Result<audit::ExportFilter> filter = audit::parseExportFilter(
        {item("from"), item("to"), item("app"), item("user"), request.query.allQueryItemValues(QStringLiteral("type"))},
        *format);
    if (!filter)
        return fail(kMalformed, filter.error().message);
    ApiResponse r;
    if (*format != audit::ExportFormat::Records) {
        Result<QByteArray> out = exportDeviceLog(m_data.store(), device, *format, *filter);
        if (!out)
            return errorResponse(out.error());
        r.contentType = *format == audit::ExportFormat::Cef || *format == audit::ExportFormat::Syslog
                            ? "text/plain; charset=utf-8"
                            : "application/x-ndjson";
        r.body = *out;
        return r;
    }
    Result<RecordExport> exported = exportDeviceRecords(m_data.store(), device);
    if (!exported)
        return errorResponse(exported.error());
    r.contentType = "application/x-ndjson";
    r.body = exported->jsonl;
    r.headers.append({"X-Corral-Checkpoint", exported->cosigned.toBase64()});
    return r;
}

ApiResponse ServerApi::metrics()
{
    QByteArray out;
    auto metric = [&](const char* name, const char* type, const char* help) {
        out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
    };
    metric("corral_requests_total", "counter", "HTTP requests handled.");
    out += "corral_requests_total " + QByteArray::number(qulonglong(m_requests)) + '\n';
    metric("corral_ingest_records_total", "counter", "Audit records accepted by the witness.");
    out += "corral_ingest_records_total " + QByteArray::number(qulonglong(m_ingestedRecords)) + '\n';
    metric("corral_ingest_requests_total", "counter", "Audit sync uploads received.");
    out += "corral_ingest_requests_total " + QByteArray::number(qulonglong(m_ingestRequests)) + '\n';
    metric("corral_rejections_total", "counter", "Refused requests by error code.");
    for (auto it = m_rejections.cbegin(); it != m_rejections.cend(); ++it)
        out += "corral_rejections_total{code=\"" + escapeLabel(it.key()) + "\"} " +
               QByteArray::number(qulonglong(it.value())) + '\n';
    Result<QList<Device>> devices = m_data.store().devices();
    if (devices) {
        metric("corral_devices", "gauge", "Enrolled devices.");
        out += "corral_devices " + QByteArray::number(devices->size()) + '\n';
        metric("corral_device_last_sync_age_seconds", "gauge", "Seconds since each device's last accepted sync.");
        const qint64 now = m_clock.nowMs();
        for (const Device& d : *devices) {
            if (d.lastSyncMs > 0)
                out += "corral_device_last_sync_age_seconds{device=\"" + escapeLabel(d.id) + "\"} " +
                       QByteArray::number(double(now - d.lastSyncMs) / 1000.0) + '\n';
        }
        metric("corral_device_log_size", "gauge", "Witnessed audit log size per device.");
        for (const Device& d : *devices)
            out += "corral_device_log_size{device=\"" + escapeLabel(d.id) + "\"} " +
                   QByteArray::number(qulonglong(d.size)) + '\n';
    }
    Result<std::optional<StoredBundle>> latest = m_data.store().latestBundle();
    metric("corral_bundle_serial", "gauge", "Serial of the latest published bundle.");
    out += "corral_bundle_serial " + QByteArray::number(latest && latest->has_value() ? (*latest)->serial : 0) + '\n';
    Result<QList<Alert>> alerts = m_data.store().alerts(false);
    metric("corral_open_alerts", "gauge", "Alerts not silenced.");
    out += "corral_open_alerts " + QByteArray::number(alerts ? alerts->size() : 0) + '\n';
    metric("corral_long_polls", "gauge", "Agents waiting on a long-poll.");
    out += "corral_long_polls " + QByteArray::number(qulonglong(m_polls.size())) + '\n';
    ApiResponse r;
    r.contentType = "text/plain; version=0.0.4; charset=utf-8";
    r.body = out;
    return r;
}

} // namespace corral::server
