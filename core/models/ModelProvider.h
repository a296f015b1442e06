// SPDX-License-Identifier: Apache-2.0
// The interface every model provider implements (the offline local-extractive model,
// HTTP providers), with the request and response the agent's model.generate step uses:
// text, token usage, finish reason, cancellation and streaming.
#pragma once

#include "Result.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace corral::models {

// What the caller wants done. Auto picks Classify when labels are given, Answer when a
// question is, Summarize otherwise.
enum class Task { Auto, Summarize, Answer, Classify };

// One input text and where it came from (a file path, a step name), for citations.
struct Document
{
    QString source;
    QString text;
};

// A classification label; `keywords` (words or phrases) describe it. Without keywords a
// provider may use its own lexicon for well-known labels.
struct Label
{
    QString name;
    QStringList keywords;
};

struct ModelRequest
{
    QString model;
    Task task = Task::Auto;
    QString system;
    // The filled prompt. Providers that read documents directly use it only when no
    // documents are given.
    QString prompt;
    QList<Document> documents;
    QString question;
    QList<Label> labels;
    QString fallbackLabel = QStringLiteral("unclassified");
    int maxTokens = 512;  // output budget
    int maxSentences = 0; // summaries: 0 chooses from the input's length
    int maxPassages = 3;  // answers
};

struct Usage
{
    int inputTokens = 0;
    int outputTokens = 0;
};

// A piece of input that the response rests on.
struct Passage
{
    QString source;
    QString text;
    double score = 0;
    int sentence = 0; // index of the sentence in its document
};

struct ModelResponse
{
    enum class Finish { Stop, Length };

    QString model;
    QString text;
    Usage usage;
    Finish finish = Finish::Stop;
    QList<Passage> evidence;
    // Classification only.
    QString label;
    double confidence = 0;
    QList<QPair<QString, double>> labelScores; // in the request's label order
};

QString finishName(ModelResponse::Finish finish); // "stop" | "length"

// Shared between the caller and a running generate(); cancel() may be called from any
// thread.
class CancellationToken
{
public:
    CancellationToken() : m_flag(std::make_shared<std::atomic<bool>>(false)) {}
    void cancel() const { m_flag->store(true); }
    bool isCancelled() const { return m_flag->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

struct GenerateOptions
{
    CancellationToken cancellation;
    // Receives the response text piece by piece, in order, as it is produced; the
    // concatenated pieces equal ModelResponse::text.
    std::function<void(const QString& chunk)> onChunk;
};

class ModelProvider
{
public:
    virtual ~ModelProvider() = default;

    // The model id as manifests name it, e.g. "local-extractive".
    virtual QString id() const = 0;
    // Errors: model.cancelled, model.invalid-request, and provider-specific codes (the HTTP
    // providers' are listed in docs/models.md).
    virtual Result<ModelResponse> generate(const ModelRequest& request, const GenerateOptions& options = {}) = 0;
};

} // namespace corral::models
