// SPDX-License-Identifier: Apache-2.0
// The studio's and the command line's side of the agent protocol: connects to the
// agent's socket (starting the agent when none answers), calls methods with a timeout,
// and hands the agent's notifications and requests (run events, confirmations) to the
// caller.
#pragma once

#include "Result.h"
#include "ipc/Dispatcher.h"
#include "ipc/Peer.h"

#include <QJsonValue>
#include <QLocalSocket>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace corral::agent {

class AgentClient : public QObject
{
    Q_OBJECT

public:
    // Error codes of this class (besides the agent's own codes, which come from the
    // error's data.code): agent.unreachable, agent.start, agent.timeout, agent.disconnected,
    // and rpc.<code> for JSON-RPC errors without a Corral code (rpc.-32602, ...).
    explicit AgentClient(QObject* parent = nullptr);
    ~AgentClient() override;

    // Connects to `socketPath`, waiting at most `timeoutMs`. Errors: agent.unreachable.
    Result<void> connectTo(const QString& socketPath, int timeoutMs = 2000);
    // Connects; if no agent answers, starts `agentProgram` (detached, with this process's
    // environment) and retries until `timeoutMs` has passed. Blocks while it waits, so the
    // studio calls it before its windows show. Errors: agent.start (the program could not
    // be started), agent.unreachable (started but never answered).
    Result<void> connectOrStart(const QString& socketPath, const QString& agentProgram, int timeoutMs = 10000);

    bool isConnected() const;
    void disconnectFromAgent();

    // Calls `method` and waits for the answer, running a local event loop (for the
    // command line and tests; the studio uses callAsync()).
    Result<QJsonValue> call(const QString& method, const QJsonValue& params = QJsonObject(), int timeoutMs = 30000);
    // Calls `method`; `done` runs once with the result or the error, after at most
    // `timeoutMs`.
    void callAsync(const QString& method, const QJsonValue& params, int timeoutMs,
                   std::function<void(Result<QJsonValue>)> done);

    // Handles what the agent sends us: requests (confirm.request; the handler's result is
    // the answer) and notifications (run events; the result is ignored). An unhandled
    // request gets "method not found", which the agent treats as "deny"; an unhandled
    // notification is dropped.
    void setHandler(const QString& method, ipc::Dispatcher::Handler handler);
    // A request answered later through the responder (the studio's confirmations, which
    // wait for a person one at a time).
    void setDeferredHandler(const QString& method, ipc::Dispatcher::DeferredHandler handler);

    // The Corral error carried by a JSON-RPC error (data.code when present).
    static Error toError(const ipc::RpcError& error);

Q_SIGNALS:
    void disconnected();

private:
    void attach();

    ipc::Dispatcher m_dispatcher;
    std::unique_ptr<QLocalSocket> m_socket;
    std::unique_ptr<ipc::Peer> m_peer;
};

} // namespace corral::agent
