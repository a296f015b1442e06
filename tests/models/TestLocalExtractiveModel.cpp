// SPDX-License-Identifier: Apache-2.0
// The offline model on realistic office documents (tests/models/data): which sentences a
// summary keeps, which passages answer a question, which label an incident gets, plus
// budgets, streaming, cancellation, usage and determinism.
#include "TestSupport.h"
#include "models/LocalExtractiveModel.h"
#include "models/TokenEstimator.h"

#include <QTest>

using namespace corral;
using namespace corral::models;

namespace {

Document load(const QString& name)
{
    return Document{
        name, QString::fromUtf8(test::readFile(test::sourceDir() + QStringLiteral("/tests/models/data/") + name))};
}

QList<Label> categories()
{
    QList<Label> labels;
    for (const char* n : {"security", "outage", "performance", "data-loss", "access", "hardware", "network"})
        labels.append(Label{QString::fromLatin1(n), {}});
    return labels;
}

QList<Label> severities()
{
    QList<Label> labels;
    for (const char* n : {"critical", "high", "medium", "low"})
        labels.append(Label{QString::fromLatin1(n), {}});
    return labels;
}

QStringList evidenceTexts(const ModelResponse& r)
{
    QStringList out;
    for (const Passage& p : r.evidence)
        out.append(p.text);
    return out;
}

} // namespace

class TestLocalExtractiveModel : public QObject
{
    Q_OBJECT

private:
    LocalExtractiveModel m_model;

    ModelResponse run(const ModelRequest& request)
    {
        Result<ModelResponse> r = m_model.generate(request);
        if (!r.ok())
            qFatal("generate failed: %s", qPrintable(r.error().toString()));
        return std::move(r).value();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!load(QStringLiteral("sales-report-q3.txt")).text.isEmpty());
        QCOMPARE(m_model.id(), QStringLiteral("local-extractive"));
    }

    void summarisesTheSalesReport()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("sales-report-q3.txt"))};
        const ModelResponse r = run(request);
        // 20 candidate sentences (headings excluded) -> ceil(sqrt(20)) = 5, in document order.
        QCOMPARE(
            evidenceTexts(r),
            (QStringList{
                "EMEA revenue reached EUR 4.82 million in Q3, up 12.4% on Q2 and 8.1% above the quarterly target.",
                "Nordics: EUR 1.35 million, up 27% quarter on quarter, driven by three new public-sector accounts.",
                "DACH: EUR 1.62 million, flat against Q2 after two large renewals slipped into October.",
                "Southern Europe: EUR 0.74 million, up 9% with the new partner in Milan.",
                "Two renewals in DACH worth EUR 0.41 million are expected to close in the first week of October.",
            }));
        QVERIFY(r.text.startsWith(QStringLiteral("EMEA revenue reached EUR 4.82 million in Q3")));
        QCOMPARE(r.text, evidenceTexts(r).join(QLatin1Char(' ')));
        QCOMPARE(r.finish, ModelResponse::Finish::Stop);
        QCOMPARE(r.evidence.first().source, QStringLiteral("sales-report-q3.txt"));
        QCOMPARE(r.evidence.first().sentence, 4); // after the title, two lines of preamble, a heading
        QCOMPARE(r.usage.outputTokens, estimateTokens(r.text));
        QVERIFY(r.usage.inputTokens >= estimateTokens(request.documents.first().text));
    }

    void summarisesEachAbstractInTwoSentences_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("sleep")
            << "abstract-sleep-memory.txt"
            << QStringList{"Shift work disrupts sleep, but its effect on working memory in real workplaces is poorly "
                           "quantified.",
                           "We followed 212 hospital nurses on rotating shifts for 16 weeks, measuring sleep with "
                           "wrist actigraphy and working memory with a daily 3-back task on a tablet."};
        QTest::newRow("solar")
            << "abstract-solar-forecasting.txt"
            << QStringList{"Grid operators need accurate forecasts of photovoltaic output for the next 15 minutes to "
                           "balance supply.",
                           "We combined images from ground-based sky cameras with satellite data in a convolutional "
                           "neural network trained on two years of measurements from 34 solar farms in Spain."};
        QTest::newRow("remote work") << "abstract-remote-work.txt"
                                     << QStringList{"We studied how a move to fully remote work changed collaboration "
                                                    "at a software company with 6,100 employees.",
                                                    "Collaboration across teams fell by 25%, while communication "
                                                    "within teams became more frequent but more asynchronous."};
    }
    void summarisesEachAbstractInTwoSentences()
    {
        QFETCH(QString, file);
        QFETCH(QStringList, expected);
        ModelRequest request;
        request.documents = {load(file)};
        request.maxSentences = 2;
        QCOMPARE(evidenceTexts(run(request)), expected);
    }

    void summaryRespectsTheTokenBudget()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("sales-report-q3.txt"))};
        request.maxTokens = 40;
        const ModelResponse r = run(request);
        QVERIFY(r.usage.outputTokens <= 40);
        QCOMPARE(r.finish, ModelResponse::Finish::Length);
        QVERIFY(!r.text.isEmpty());

        request.maxTokens = 5; // not even one sentence fits: the best-ranked one, cut
        const ModelResponse cut = run(request);
        QCOMPARE(cut.text, QStringLiteral("DACH: EUR 1.62"));
        QVERIFY(cut.usage.outputTokens <= 5);
        QCOMPARE(cut.finish, ModelResponse::Finish::Length);
    }

    void answersQuestionsWithTheirSource_data()
    {
        QTest::addColumn<QString>("question");
        QTest::addColumn<QString>("best");
        QTest::addColumn<QString>("source");
        QTest::newRow("forecast") << "What is the forecast for Q4 revenue?"
                                  << "We forecast Q4 revenue of EUR 5.1 million, assuming a win rate of 31%."
                                  << "sales-report-q3.txt";
        QTest::newRow("uk decline") << "Why did UK revenue fall?"
                                    << "UK & Ireland: EUR 1.11 million, down 4.3% because of longer procurement cycles."
                                    << "sales-report-q3.txt";
        QTest::newRow("churn") << "How high was customer churn?"
                               << "Customer churn stayed low at 1.9% of annual recurring revenue."
                               << "sales-report-q3.txt";
        QTest::newRow("naps") << "How much do naps help night shift workers?"
                              << "Naps of at least 20 minutes before a night shift removed about half of the deficit."
                              << "abstract-sleep-memory.txt";
        QTest::newRow("solar error")
            << "By how much did the model reduce forecast error?"
            << "The model reduced the root mean square error of 15-minute forecasts by 23% compared with a persistence "
               "baseline and by 11% compared with a satellite-only model."
            << "abstract-solar-forecasting.txt";
        QTest::newRow("chat") << "How did chat messages change?"
                              << "Synchronous meetings were partly replaced by chat messages, which grew by 41%."
                              << "abstract-remote-work.txt";
    }
    void answersQuestionsWithTheirSource()
    {
        QFETCH(QString, question);
        QFETCH(QString, best);
        QFETCH(QString, source);
        ModelRequest request;
        request.documents = {
            load(QStringLiteral("sales-report-q3.txt")), load(QStringLiteral("abstract-sleep-memory.txt")),
            load(QStringLiteral("abstract-solar-forecasting.txt")), load(QStringLiteral("abstract-remote-work.txt"))};
        request.question = question;
        const ModelResponse r = run(request);
        QVERIFY(!r.evidence.isEmpty());
        QCOMPARE(r.evidence.first().text, best);
        QCOMPARE(r.evidence.first().source, source);
        QVERIFY(r.text.startsWith(best + QStringLiteral(" [") + source + QStringLiteral("]")));
        QVERIFY(r.evidence.size() <= 3);
        for (int i = 1; i < r.evidence.size(); ++i)
            QVERIFY(r.evidence[i].score <= r.evidence[i - 1].score);
    }

    void unanswerableQuestion()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("abstract-sleep-memory.txt"))};
        request.question = QStringLiteral("Which football club won the league?");
        const ModelResponse r = run(request);
        QCOMPARE(r.text, QStringLiteral("No passage in the given documents matches the question."));
        QVERIFY(r.evidence.isEmpty());
    }

    void triagesIncidents_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("category");
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QString>("evidence");
        QTest::newRow("vpn") << "incident-vpn-outage.txt"
                             << "outage"
                             << "critical"
                             << "The VPN concentrator in Lyon stopped responding after a firmware update was applied "
                                "overnight, and the failover unit did not take over.";
        QTest::newRow("phishing")
            << "incident-phishing.txt"
            << "security"
            << "critical"
            << "Security saw a suspicious login to her mailbox from an unknown country 20 minutes later.";
        QTest::newRow("slow reports")
            << "incident-slow-reports.txt"
            << "performance"
            << "medium"
            << "Query logs show high CPU on the reporting database and several long-running scans on the orders table.";
        QTest::newRow("printer")
            << "incident-printer.txt"
            << "hardware"
            << "low"
            << "The colour printer at reception prints a faint grey stripe along the left edge of each page.";
    }
    void triagesIncidents()
    {
        QFETCH(QString, file);
        QFETCH(QString, category);
        QFETCH(QString, severity);
        QFETCH(QString, evidence);
        ModelRequest request;
        request.documents = {load(file)};
        request.labels = categories();
        const ModelResponse c = run(request);
        QCOMPARE(c.label, category);
        QVERIFY(c.confidence > 0.3 && c.confidence <= 1.0);
        QCOMPARE(c.evidence.first().text, evidence);
        QVERIFY(
            c.text.startsWith(QStringLiteral("Label: %1 (confidence %2)").arg(category).arg(c.confidence, 0, 'f', 2)));
        QCOMPARE(c.labelScores.size(), categories().size());

        request.labels = severities();
        QCOMPARE(run(request).label, severity);
    }

    void negatedKeywordsDoNotCount()
    {
        ModelRequest request;
        request.documents = {
            Document{QStringLiteral("note"), QStringLiteral("No data was lost and nothing was deleted. "
                                                            "The dashboard is slow for some users.")}};
        request.labels = {Label{QStringLiteral("data-loss"), {}}, Label{QStringLiteral("performance"), {}}};
        const ModelResponse r = run(request);
        QCOMPARE(r.label, QStringLiteral("performance"));
        QCOMPARE(r.labelScores.first().second, 0.0);
    }

    void customKeywordsAndFallback()
    {
        ModelRequest request;
        request.documents = {Document{
            QStringLiteral("mail"), QStringLiteral("Please send me the updated price list for the Nordic distributors. "
                                                   "We also need a quote for 40 licences.")}};
        request.labels = {Label{QStringLiteral("sales-enquiry"),
                                {QStringLiteral("price list"), QStringLiteral("quote"), QStringLiteral("licences")}},
                          Label{QStringLiteral("support"), {QStringLiteral("error"), QStringLiteral("not working")}}};
        const ModelResponse r = run(request);
        QCOMPARE(r.label, QStringLiteral("sales-enquiry"));
        QCOMPARE(r.evidence.size(), 2);
        QCOMPARE(r.evidence.first().text,
                 QStringLiteral("Please send me the updated price list for the Nordic distributors."));

        request.documents = {Document{QStringLiteral("mail"), QStringLiteral("Lunch is at noon on Friday.")}};
        request.fallbackLabel = QStringLiteral("other");
        const ModelResponse none = run(request);
        QCOMPARE(none.label, QStringLiteral("other"));
        QCOMPARE(none.confidence, 0.0);
        QCOMPARE(none.text, QStringLiteral("Label: other (confidence 0.00)"));
    }

    void taskIsInferredAndPromptIsTheFallbackInput()
    {
        ModelRequest request;
        request.prompt = QStringLiteral("Summarise: The office moves to Building C in May. Parking stays the same. "
                                        "Desks will be assigned by team. The canteen opens in June.");
        const ModelResponse r = run(request);
        QCOMPARE(r.evidence.first().source, QStringLiteral("prompt"));
        QVERIFY(r.labelScores.isEmpty());
        request.question = QStringLiteral("When does the canteen open?");
        QCOMPARE(run(request).evidence.first().text, QStringLiteral("The canteen opens in June."));
    }

    void streamsTheSameText()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("sales-report-q3.txt"))};
        GenerateOptions options;
        QStringList chunks;
        options.onChunk = [&](const QString& c) { chunks.append(c); };
        const Result<ModelResponse> r = m_model.generate(request, options);
        QVERIFY(r.ok());
        QCOMPARE(chunks.size(), 5);
        QCOMPARE(chunks.join(QString()), r->text);
    }

    void cancellation()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("sales-report-q3.txt"))};
        GenerateOptions before;
        before.cancellation.cancel();
        QCOMPARE(m_model.generate(request, before).error().code, QStringLiteral("model.cancelled"));

        // Cancelled from the streaming callback, as a person pressing Stop would.
        GenerateOptions during;
        int chunks = 0;
        during.onChunk = [&](const QString&) {
            if (++chunks == 2)
                during.cancellation.cancel();
        };
        QCOMPARE(m_model.generate(request, during).error().code, QStringLiteral("model.cancelled"));
    }

    void invalidRequests_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("question");
        QTest::addColumn<int>("maxTokens");
        QTest::addColumn<QString>("message");
        QTest::newRow("nothing to summarise") << int(Task::Summarize) << ""
                                              << "" << 100 << "there is no text to summarise";
        QTest::newRow("only headings") << int(Task::Summarize) << "# Title\n\nShort line"
                                       << "" << 100 << "there is no text to summarise";
        QTest::newRow("answer without question") << int(Task::Answer) << "Text here."
                                                 << "" << 100 << "answering needs a question";
        QTest::newRow("question of stop words") << int(Task::Answer) << "Text here."
                                                << "what is it?" << 100 << "the question has no meaningful words";
        QTest::newRow("classify without labels") << int(Task::Classify) << "Text."
                                                 << "" << 100 << "classification needs at least one label";
        QTest::newRow("zero budget") << int(Task::Auto) << "Text."
                                     << "" << 0 << "max_tokens must be positive";
    }
    void invalidRequests()
    {
        QFETCH(int, task);
        QFETCH(QString, text);
        QFETCH(QString, question);
        QFETCH(int, maxTokens);
        QFETCH(QString, message);
        ModelRequest request;
        request.task = static_cast<Task>(task);
        request.documents = {Document{QStringLiteral("d"), text}};
        request.question = question;
        request.maxTokens = maxTokens;
        const Result<ModelResponse> r = m_model.generate(request);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("model.invalid-request"));
        QCOMPARE(r.error().message, message);
    }

    void deterministic()
    {
        ModelRequest request;
        request.documents = {load(QStringLiteral("abstract-remote-work.txt")),
                             load(QStringLiteral("abstract-solar-forecasting.txt"))};
        const QString first = run(request).text;
        for (int i = 0; i < 5; ++i)
            QCOMPARE(run(request).text, first);
        request.labels = categories();
        const ModelResponse a = run(request);
        const ModelResponse b = run(request);
        QCOMPARE(a.labelScores, b.labelScores);
    }
};

QTEST_GUILESS_MAIN(TestLocalExtractiveModel)
#include "TestLocalExtractiveModel.moc"
