// SPDX-License-Identifier: Apache-2.0
#include "FakeHttpServer.h"

#include "TestSupport.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace corral::test {

namespace {

QByteArray reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// Parses one complete request at the start of `buffer` and removes it; false while
// incomplete.
bool takeRequest(QByteArray& buffer, RecordedRequest& request)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    qsizetype length = 0;
    RecordedRequest parsed;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    parsed.method = requestLine.value(0);
    parsed.target = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon < 0)
            continue;
        parsed.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    length = parsed.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return false;
    parsed.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    request = parsed;
    return true;
}

} // namespace

// Lives on the server thread: accepts connections and plays the scripted responses.
class FakeHttpWorker : public QObject
{
public:
    explicit FakeHttpWorker(FakeHttpServer& owner) : m_owner(owner) {}

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        m_server->listen(QHostAddress::LocalHost, 0);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection())
                serve(socket);
        });
        return m_server->serverPort();
    }

private:
    void serve(QTcpSocket* socket)
    {
        auto buffer = std::make_shared<QByteArray>();
        auto answered = std::make_shared<bool>(false);
        auto closedByUs = std::make_shared<bool>(false);
        connect(socket, &QTcpSocket::disconnected, socket, [this, socket, answered, closedByUs] {
            if (*answered && !*closedByUs) {
                QMutexLocker lock(&m_owner.m_mutex);
                ++m_owner.m_clientDisconnects;
            }
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, answered, closedByUs] {
            buffer->append(socket->readAll());
            RecordedRequest request;
            if (*answered || !takeRequest(*buffer, request))
                return;
            *answered = true;
            FakeResponse response;
            {
                QMutexLocker lock(&m_owner.m_mutex);
                m_owner.m_requests.append(request);
                response = m_owner.m_queue.isEmpty()
                               ? FakeResponse::json(500, R"({"error":{"message":"no scripted response"}})")
                               : m_owner.m_queue.takeFirst();
            }
            play(socket, response, 0, closedByUs);
        });
    }

    void play(QTcpSocket* socket, const FakeResponse& response, qsizetype index, std::shared_ptr<bool> closedByUs)
    {
        if (index == response.parts.size()) {
            if (!response.hang) {
                *closedByUs = true;
                socket->disconnectFromHost();
            }
            return;
        }
        const QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(response.parts[index].delayMs, socket, [this, guard, response, index, closedByUs] {
            if (!guard || guard->state() != QAbstractSocket::ConnectedState)
                return;
            guard->write(response.parts[index].bytes);
            guard->flush();
            play(guard, response, index + 1, closedByUs);
        });
    }

    FakeHttpServer& m_owner;
    QTcpServer* m_server = nullptr;
};

FakeResponse FakeResponse::json(int status, const QByteArray& body, const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    head += "Content-Type: application/json\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers)
        head += name + ": " + value + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    return FakeResponse{{Part{head + body, 0}}, false};
}

FakeResponse FakeResponse::sse(const QList<QByteArray>& events, int delayMs)
{
    FakeResponse response;
    response.parts.append(Part{"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                               "Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n",
                               0});
    for (const QByteArray& event : events) {
        const QByteArray text = event + "\n\n";
        response.parts.append(Part{QByteArray::number(text.size(), 16) + "\r\n" + text + "\r\n", delayMs});
    }
    response.parts.append(Part{"0\r\n\r\n", delayMs});
    return response;
}

FakeResponse FakeResponse::sseFile(const QString& path, int delayMs)
{
    QList<QByteArray> events;
    for (const QByteArray& event : readFile(path).split('\n')) {
        if (events.isEmpty() || (event.isEmpty() && !events.last().isEmpty()))
            events.append(QByteArray());
        if (!event.isEmpty())
            events.last() += (events.last().isEmpty() ? QByteArray() : QByteArray("\n")) + event;
    }
    events.removeAll(QByteArray());
    return sse(events, delayMs);
}

FakeResponse FakeResponse::raw(const QByteArray& bytes)
{
    return FakeResponse{{Part{bytes, 0}}, false};
}

FakeHttpServer::FakeHttpServer()
{
    m_worker = new FakeHttpWorker(*this);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [this] { m_port = m_worker->listen(); }, Qt::BlockingQueuedConnection);
}

FakeHttpServer::~FakeHttpServer()
{
    m_thread.quit();
    m_thread.wait();
}

QString FakeHttpServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void FakeHttpServer::enqueue(const FakeResponse& response)
{
    QMutexLocker lock(&m_mutex);
    m_queue.append(response);
}

QList<RecordedRequest> FakeHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int FakeHttpServer::clientDisconnects() const
{
    QMutexLocker lock(&m_mutex);
    return m_clientDisconnects;
}

} // namespace corral::test
