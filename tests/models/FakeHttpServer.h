// SPDX-License-Identifier: Apache-2.0
// A scripted HTTP/1.1 server on loopback for the provider tests: it answers each request
// with the next queued response (recorded API answers, errors, streams cut short or left
// hanging) and records what it was sent. It runs on its own thread, so tests may block
// in generate() on theirs.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QPair>
#include <QString>
#include <QThread>

namespace corral::test {

struct FakeResponse
{
    struct Part
    {
        QByteArray bytes;
        int delayMs = 0; // wait before sending this part
    };
    QList<Part> parts;
    bool hang = false; // keep the connection open after the last part (a stalled server)

    // Status, headers, Content-Length and body in one part; the connection then closes.
    static FakeResponse json(int status, const QByteArray& body,
                             const QList<QPair<QByteArray, QByteArray>>& headers = {});
    // A 200 text/event-stream response in chunked encoding, one chunk per event (each
    // `delayMs` after the previous one), then the last chunk.
    static FakeResponse sse(const QList<QByteArray>& events, int delayMs = 0);
    // sse() with the events of a recorded stream file (events separated by blank lines).
    static FakeResponse sseFile(const QString& path, int delayMs = 0);
    // Exactly these bytes, then close.
    static FakeResponse raw(const QByteArray& bytes);
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray target;                     // path and query
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

class FakeHttpServer
{
public:
    FakeHttpServer();
    ~FakeHttpServer();
    FakeHttpServer(const FakeHttpServer&) = delete;
    FakeHttpServer& operator=(const FakeHttpServer&) = delete;

    // http://127.0.0.1:PORT
    QString baseUrl() const;
    void enqueue(const FakeResponse& response);
    QList<RecordedRequest> requests() const;
    // Connections the client closed before the server did (an aborted reply).
    int clientDisconnects() const;

private:
    friend class FakeHttpWorker;
    QThread m_thread;
    class FakeHttpWorker* m_worker = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QList<FakeResponse> m_queue;
    QList<RecordedRequest> m_requests;
    int m_clientDisconnects = 0;
};

} // namespace corral::test
