// SPDX-License-Identifier: Apache-2.0
#include "LocalExtractiveModel.h"

#include "TextAnalysis.h"
#include "TokenEstimator.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace corral::models {

namespace {

// A sentence of one of the request's documents with its analysed words.
struct Unit
{
    QString source;
    int index = 0; // sentence index within its document
    Sentence sentence;
    QStringList words; // stemmed, stop words kept
    QStringList terms; // stemmed, stop words removed
};

using Vector = QHash<QString, double>;

double dot(const Vector& a, const Vector& b)
{
    const Vector& small = a.size() <= b.size() ? a : b;
    const Vector& large = a.size() <= b.size() ? b : a;
    double sum = 0;
    for (auto it = small.begin(); it != small.end(); ++it)
        sum += it.value() * large.value(it.key());
    return sum;
}

double norm(const Vector& v)
{
    return std::sqrt(dot(v, v));
}

double cosine(const Vector& a, const Vector& b)
{
    const double n = norm(a) * norm(b);
    return n > 0 ? dot(a, b) / n : 0;
}

Error cancelled()
{
    return makeError(QStringLiteral("model.cancelled"), QStringLiteral("generation was cancelled"));
}

Error invalid(const QString& what)
{
    return makeError(QStringLiteral("model.invalid-request"), what);
}

QList<Unit> analyse(const QList<Document>& documents)
{
    QList<Unit> units;
    for (const Document& doc : documents) {
        const QList<Sentence> sentences = splitSentences(doc.text);
        for (int i = 0; i < sentences.size(); ++i)
            units.append(Unit{doc.source, i, sentences[i], words(sentences[i].text), terms(sentences[i].text)});
    }
    return units;
}

Passage passageOf(const Unit& u, double score)
{
    return Passage{u.source, u.sentence.text, std::round(score * 1000) / 1000, u.index};
}

// Appends `piece` to the response text and streams it.
class Writer
{
public:
    Writer(ModelResponse& response, const GenerateOptions& options) : m_response(response), m_options(options) {}
    void write(const QString& piece)
    {
        m_response.text += piece;
        if (m_options.onChunk)
            m_options.onChunk(piece);
    }

private:
    ModelResponse& m_response;
    const GenerateOptions& m_options;
};

// The first words of `text` that fit in `budget` tokens.
QString truncateToTokens(const QString& text, int budget)
{
    const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QString out;
    for (const QString& p : parts) {
        const QString next = out.isEmpty() ? p : out + QLatin1Char(' ') + p;
        if (estimateTokens(next) > budget)
            break;
        out = next;
    }
    return out;
}

Result<void> summarize(const ModelRequest& request, const QList<Unit>& units, const GenerateOptions& options,
                       ModelResponse& response)
{
    QList<int> candidates;
    for (int i = 0; i < units.size(); ++i) {
        if (!units[i].sentence.heading && units[i].terms.size() >= 2)
            candidates.append(i);
    }
    if (candidates.isEmpty())
        return invalid(QStringLiteral("there is no text to summarise"));
    const int n = static_cast<int>(candidates.size());

    // TF-IDF vectors over the candidate sentences.
    QHash<QString, int> df;
    for (int c : candidates) {
        for (const QString& t : QSet<QString>(units[c].terms.begin(), units[c].terms.end()))
            ++df[t];
    }
    QList<Vector> vectors;
    Vector centroid;
    for (int c : candidates) {
        if (options.cancellation.isCancelled())
            return cancelled();
        QHash<QString, int> tf;
        for (const QString& t : units[c].terms)
            ++tf[t];
        Vector v;
        for (auto it = tf.begin(); it != tf.end(); ++it)
            v.insert(it.key(),
                     (1 + std::log(double(it.value()))) * (std::log(double(n + 1) / (df.value(it.key()) + 1)) + 1));
        const double len = norm(v);
        for (auto it = v.begin(); it != v.end(); ++it) {
            it.value() /= len;
            centroid[it.key()] += it.value() / n;
        }
        vectors.append(v);
    }

    // Centrality, weighted by position (earlier sentences and paragraph openings carry
    // the point in office writing), figures, and length.
    QList<double> scores;
    for (int k = 0; k < n; ++k) {
        const Unit& u = units[candidates[k]];
        double weight = 1 + 0.25 * (1 - double(k) / std::max(n - 1, 1));
        if (u.sentence.firstInParagraph)
            weight += 0.1;
        if (std::any_of(u.sentence.text.begin(), u.sentence.text.end(), [](QChar c) { return c.isDigit(); }))
            weight += 0.1;
        const qsizetype wordCount = u.words.size();
        if (wordCount < 6)
            weight *= 0.7;
        else if (wordCount > 40)
            weight *= 0.85;
        scores.append(cosine(vectors[k], centroid) * weight);
    }
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return scores[a] > scores[b]; });

    const int target =
        request.maxSentences > 0 ? request.maxSentences : std::clamp(int(std::ceil(std::sqrt(double(n)))), 1, 5);
    QList<int> selected;
    int tokens = 0;
    bool budgetHit = false;
    for (int k : order) {
        if (selected.size() >= target)
            break;
        const bool redundant =
            std::any_of(selected.begin(), selected.end(), [&](int s) { return cosine(vectors[k], vectors[s]) > 0.7; });
        if (redundant)
            continue;
        const int cost = estimateTokens(units[candidates[k]].sentence.text) + (selected.isEmpty() ? 0 : 1);
        if (tokens + cost > request.maxTokens) {
            budgetHit = true;
            continue;
        }
        tokens += cost;
        selected.append(k);
    }
    Writer out(response, options);
    if (selected.isEmpty()) {
        // Not even one sentence fits: the best one, cut to the budget.
        const Unit& best = units[candidates[order.first()]];
        out.write(truncateToTokens(best.sentence.text, request.maxTokens));
        response.evidence.append(passageOf(best, scores[order.first()]));
        response.finish = ModelResponse::Finish::Length;
        return {};
    }
    std::sort(selected.begin(), selected.end());
    for (int i = 0; i < selected.size(); ++i) {
        const Unit& u = units[candidates[selected[i]]];
        out.write(i == 0 ? u.sentence.text : QLatin1Char(' ') + u.sentence.text);
        response.evidence.append(passageOf(u, scores[selected[i]]));
    }
    response.finish = budgetHit ? ModelResponse::Finish::Length : ModelResponse::Finish::Stop;
    return {};
}

Result<void> answer(const ModelRequest& request, const QList<Unit>& units, const GenerateOptions& options,
                    ModelResponse& response)
{
    QStringList query = terms(request.question);
    query.removeDuplicates();
    if (query.isEmpty())
        return invalid(QStringLiteral("the question has no meaningful words"));

    // Okapi BM25 with every sentence as a document.
    constexpr double k1 = 1.2;
    constexpr double b = 0.75;
    QList<int> pool;
    double totalLength = 0;
    QHash<QString, int> df;
    for (int i = 0; i < units.size(); ++i) {
        if (units[i].sentence.heading || units[i].terms.isEmpty())
            continue;
        pool.append(i);
        totalLength += units[i].terms.size();
        for (const QString& t : QSet<QString>(units[i].terms.begin(), units[i].terms.end()))
            ++df[t];
    }
    if (pool.isEmpty())
        return invalid(QStringLiteral("there is no text to search"));
    const double n = pool.size();
    const double avgdl = totalLength / n;
    QList<QPair<double, int>> ranked;
    for (int i : pool) {
        if (options.cancellation.isCancelled())
            return cancelled();
        const Unit& u = units[i];
        double score = 0;
        for (const QString& q : query) {
            const int tf = static_cast<int>(u.terms.count(q));
            if (tf == 0)
                continue;
            const double idf = std::log(1 + (n - df.value(q) + 0.5) / (df.value(q) + 0.5));
            score += idf * (tf * (k1 + 1)) / (tf + k1 * (1 - b + b * u.terms.size() / avgdl));
        }
        if (score > 0)
            ranked.append({score, i});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });

    Writer out(response, options);
    if (ranked.isEmpty()) {
        out.write(QStringLiteral("No passage in the given documents matches the question."));
        return {};
    }
    // Passages far weaker than the best one are noise.
    const double floor = ranked.first().first * 0.35;
    int tokens = 0;
    for (const auto& [score, i] : ranked) {
        if (response.evidence.size() >= request.maxPassages || score < floor)
            break;
        const Unit& u = units[i];
        const QString line =
            u.source.isEmpty() ? u.sentence.text : QStringLiteral("%1 [%2]").arg(u.sentence.text, u.source);
        const int cost = estimateTokens(line) + 1;
        if (tokens + cost > request.maxTokens) {
            if (response.evidence.isEmpty()) {
                out.write(truncateToTokens(line, request.maxTokens));
                response.evidence.append(passageOf(u, score));
            }
            response.finish = ModelResponse::Finish::Length;
            break;
        }
        out.write(response.evidence.isEmpty() ? line : QLatin1Char('\n') + line);
        tokens += cost;
        response.evidence.append(passageOf(u, score));
    }
    return {};
}

// Positions where `phrase` occurs in `text` and no negation ("no", "without", ...)
// stands in the three words before it.
int countMatches(const QStringList& text, const QStringList& phrase)
{
    int count = 0;
    const qsizetype m = phrase.size();
    for (qsizetype i = 0; m > 0 && i + m <= text.size(); ++i) {
        bool match = true;
        for (qsizetype k = 0; k < m && match; ++k)
            match = text[i + k] == phrase[k];
        if (!match)
            continue;
        bool negated = false;
        for (qsizetype k = std::max<qsizetype>(0, i - 3); k < i; ++k)
            negated = negated || isNegation(text[k]);
        if (!negated)
            ++count;
    }
    return count;
}

Result<void> classify(const ModelRequest& request, const QList<Unit>& units, const GenerateOptions& options,
                      ModelResponse& response)
{
    struct LabelModel
    {
        QString name;
        QList<QStringList> phrases;
        Vector vector;
        double score = 0;
        QList<QPair<double, int>> contributions; // per sentence
    };
    QList<LabelModel> labels;
    for (const Label& label : request.labels) {
        if (label.name.trimmed().isEmpty())
            return invalid(QStringLiteral("a label has no name"));
        LabelModel m;
        m.name = label.name;
        QStringList keywords =
            label.keywords.isEmpty() ? LocalExtractiveModel::builtInKeywords(label.name) : label.keywords;
        keywords.append(QString(label.name).replace(QLatin1Char('-'), QLatin1Char(' ')));
        for (const QString& k : keywords) {
            const QStringList phrase = words(k);
            if (!phrase.isEmpty() && !m.phrases.contains(phrase))
                m.phrases.append(phrase);
            for (const QString& t : terms(k))
                m.vector[t] += 1;
        }
        labels.append(m);
    }

    Vector document;
    for (int i = 0; i < units.size(); ++i) {
        if (options.cancellation.isCancelled())
            return cancelled();
        for (const QString& t : units[i].terms)
            document[t] += 1;
        for (LabelModel& m : labels) {
            // A phrase of several words is more specific than one word: it counts more.
            double s = 0;
            for (const QStringList& phrase : m.phrases)
                s += countMatches(units[i].words, phrase) * double(phrase.size());
            if (s > 0) {
                m.score += s;
                m.contributions.append({s, i});
            }
        }
    }
    double total = 0;
    int best = -1;
    for (int l = 0; l < labels.size(); ++l) {
        LabelModel& m = labels[l];
        if (m.score > 0)
            m.score += 2 * cosine(document, m.vector);
        total += m.score;
        if (m.score > 0 && (best < 0 || m.score > labels[best].score))
            best = l;
        response.labelScores.append({m.name, std::round(m.score * 1000) / 1000});
    }

    Writer out(response, options);
    if (best < 0) {
        response.label = request.fallbackLabel;
        response.confidence = 0;
        out.write(QStringLiteral("Label: %1 (confidence 0.00)").arg(response.label));
        return {};
    }
    // Confidence: the winner's share of all label scores, damped when the evidence is
    // thin (one weak keyword is not certainty even when no other label matched).
    const LabelModel& winner = labels[best];
    const double share = winner.score / total;
    const double strength = 1 - std::exp(-winner.score / 2);
    response.label = winner.name;
    response.confidence = std::round(share * strength * 100) / 100;
    QList<QPair<double, int>> contributions = winner.contributions;
    std::stable_sort(contributions.begin(), contributions.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    QString text = QStringLiteral("Label: %1 (confidence %2)").arg(winner.name).arg(response.confidence, 0, 'f', 2);
    int tokens = estimateTokens(text);
    if (tokens > request.maxTokens) {
        out.write(truncateToTokens(text, request.maxTokens));
        response.finish = ModelResponse::Finish::Length;
        return {};
    }
    out.write(text);
    for (int k = 0; k < contributions.size() && k < 2; ++k) {
        const Unit& u = units[contributions[k].second];
        const QString line = QStringLiteral("\n- ") + u.sentence.text;
        if (tokens + estimateTokens(line) > request.maxTokens) {
            response.finish = ModelResponse::Finish::Length;
            break;
        }
        tokens += estimateTokens(line);
        out.write(line);
        response.evidence.append(passageOf(u, contributions[k].first));
    }
    return {};
}

} // namespace

QStringList LocalExtractiveModel::builtInKeywords(const QString& label)
{
    static const QHash<QString, QStringList> lexicon = [] {
        auto list = [](std::initializer_list<const char*> ws) {
            QStringList out;
            for (const char* w : ws)
                out.append(QString::fromUtf8(w));
            return out;
        };
        QHash<QString, QStringList> l;
        l.insert(
            QStringLiteral("security"),
            list({"breach",   "phishing",      "malware",  "ransomware",  "unauthorized", "unauthorised", "credentials",
                  "password", "vulnerability", "exploit",  "attack",      "suspicious",   "intrusion",    "compromised",
                  "leaked",   "virus",         "firewall", "brute force", "stolen",       "exfiltration"}));
        l.insert(QStringLiteral("outage"),
                 list({"outage", "down", "unavailable", "offline", "not responding", "crash", "unreachable",
                       "service disruption", "503", "500 errors", "stopped working", "stopped responding", "went down",
                       "failover", "lost access", "service unavailable"}));
        l.insert(QStringLiteral("performance"),
                 list({"slow", "latency", "timeout", "timeouts", "response time", "degraded", "lag", "high cpu",
                       "memory", "load", "throughput", "bottleneck", "sluggish", "p95", "p99"}));
        l.insert(QStringLiteral("data-loss"),
                 list({"data loss", "deleted", "lost", "corrupted", "corruption", "missing records", "backup",
                       "restore", "overwritten", "unrecoverable", "wiped"}));
        l.insert(QStringLiteral("access"),
                 list({"login", "log in", "sign in", "permission", "access denied", "locked out", "account",
                       "password reset", "mfa", "two-factor", "single sign-on", "sso", "forbidden", "403"}));
        l.insert(QStringLiteral("hardware"),
                 list({"laptop", "printer", "monitor", "keyboard", "disk", "battery", "hardware", "screen", "docking",
                       "overheating", "fan", "power supply"}));
        l.insert(QStringLiteral("network"),
                 list({"network", "wifi", "wi-fi", "vpn", "dns", "connectivity", "router", "packet loss", "bandwidth",
                       "connection dropped", "switch", "ethernet"}));
        l.insert(QStringLiteral("billing"), list({"invoice", "charge", "charged", "refund", "payment", "billing",
                                                  "overcharged", "subscription", "credit card", "receipt"}));
        l.insert(QStringLiteral("critical"),
                 list({"critical", "all users", "all customers", "entire", "production down", "breach", "data loss",
                       "emergency", "sev1", "p1", "revenue impact", "every customer", "complete outage"}));
        l.insert(QStringLiteral("high"), list({"major", "urgent", "severe", "significant", "many users", "most users",
                                               "sev2", "p2", "customer-facing", "escalated"}));
        l.insert(QStringLiteral("medium"), list({"some users", "intermittent", "degraded", "workaround", "partial",
                                                 "sev3", "p3", "occasionally"}));
        l.insert(QStringLiteral("low"), list({"minor", "cosmetic", "single user", "one user", "typo", "low impact",
                                              "no impact", "sev4", "p4", "question", "feature request"}));
        l.insert(QStringLiteral("positive"), list({"great", "excellent", "happy", "pleased", "love", "thank", "thanks",
                                                   "good", "helpful", "recommend", "satisfied"}));
        l.insert(QStringLiteral("negative"), list({"bad", "terrible", "unhappy", "disappointed", "angry", "poor",
                                                   "worst", "complaint", "frustrated", "cancel", "refund"}));
        l.insert(QStringLiteral("neutral"), list({"okay", "fine", "average", "information", "inquiry"}));
        l.insert(QStringLiteral("bug"), list({"bug", "error", "exception", "crash", "broken", "regression",
                                              "stack trace", "fails", "incorrect"}));
        l.insert(QStringLiteral("feature-request"), list({"feature request", "would like", "could you add",
                                                          "suggestion", "enhancement", "wish", "it would be nice"}));
        return l;
    }();
    QString key = label.trimmed().toLower();
    key.replace(QLatin1Char(' '), QLatin1Char('-'));
    key.replace(QLatin1Char('_'), QLatin1Char('-'));
    return lexicon.value(key);
}

Result<ModelResponse> LocalExtractiveModel::generate(const ModelRequest& request, const GenerateOptions& options)
{
    if (options.cancellation.isCancelled())
        return cancelled();
    if (request.maxTokens <= 0)
        return invalid(QStringLiteral("max_tokens must be positive"));
    if (request.maxPassages <= 0)
        return invalid(QStringLiteral("the number of passages must be positive"));
    QList<Document> documents = request.documents;
    if (documents.isEmpty() && !request.prompt.trimmed().isEmpty())
        documents.append(Document{QStringLiteral("prompt"), request.prompt});

    Task task = request.task;
    if (task == Task::Auto)
        task = !request.labels.isEmpty()               ? Task::Classify
               : !request.question.trimmed().isEmpty() ? Task::Answer
                                                       : Task::Summarize;
    if (task == Task::Classify && request.labels.isEmpty())
        return invalid(QStringLiteral("classification needs at least one label"));
    if (task == Task::Answer && request.question.trimmed().isEmpty())
        return invalid(QStringLiteral("answering needs a question"));

    ModelResponse response;
    response.model = modelId();
    QString input = request.system + QLatin1Char('\n') + request.question;
    for (const Document& d : request.documents)
        input += QLatin1Char('\n') + d.text;
    input += QLatin1Char('\n') + request.prompt;
    for (const Label& l : request.labels)
        input += QLatin1Char(' ') + l.name;
    response.usage.inputTokens = estimateTokens(input);

    const QList<Unit> units = analyse(documents);
    Result<void> done = task == Task::Summarize ? summarize(request, units, options, response)
                        : task == Task::Answer  ? answer(request, units, options, response)
                                                : classify(request, units, options, response);
    if (!done.ok())
        return done.error();
    if (options.cancellation.isCancelled())
        return cancelled();
    response.usage.outputTokens = estimateTokens(response.text);
    return response;
}

} // namespace corral::models
