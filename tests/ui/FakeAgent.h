// SPDX-License-Identifier: Apache-2.0
// A stand-in for corral-agent in studio tests and screenshots: a QLocalServer that speaks
// the agent protocol with core/ipc (as agent/AgentServer does), answers methods with canned
// results or test-supplied handlers, records every call, and sends notifications and
// requests (run events, confirm.request) to the connected studio.
#pragma once

#include "ipc/Dispatcher.h"
#include "ipc/Peer.h"

#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QObject>
#include <functional>
#include <memory>
#include <vector>

namespace corral::test {

class FakeAgent : public QObject
{
    Q_OBJECT
public:
    struct Call
    {
        QString method;
        QJsonObject params;
    };

    explicit FakeAgent(QObject* parent = nullptr);
    ~FakeAgent() override;

    bool listen(const QString& socketPath);
    QString socketPath() const { return m_server.fullServerName(); }

    // `method` answers `result` (replacing any earlier answer or handler).
    void setResult(const QString& method, const QJsonValue& result);
    // `method` answers an agent error (-32000 with data.code = `code`).
    void setError(const QString& method, const QString& code, const QString& message);
    void setHandler(const QString& method, ipc::Dispatcher::Handler handler);

    const std::vector<Call>& calls() const { return m_calls; }
    // The params of the last call of `method`, or an empty object.
    QJsonObject lastParams(const QString& method) const;
    int callCount(const QString& method) const;

    int connectionCount() const { return int(m_connections.size()); }
    // Sends a notification to every connected client.
    void notify(const QString& method, const QJsonObject& params);
    // Sends a request to the most recent client; `onReply` gets the response.
    void request(const QString& method, const QJsonObject& params, ipc::Peer::ReplyHandler onReply);

Q_SIGNALS:
    void called(const QString& method);

private:
    struct Connection
    {
        std::unique_ptr<QLocalSocket> socket;
        std::unique_ptr<ipc::Peer> peer;
    };
    void accept();

    QLocalServer m_server;
    ipc::Dispatcher m_dispatcher;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::vector<Call> m_calls;
};

} // namespace corral::test
