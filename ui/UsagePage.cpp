// SPDX-License-Identifier: Apache-2.0
#include "UsagePage.h"

#include "AgentConnection.h"
#include "ErrorBanner.h"
#include "PageSupport.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLegend>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>
#include <map>

namespace corral::ui {

namespace {

QString limitLabel(const QJsonObject& limit)
{
    const QString kind = limit.value(QStringLiteral("limit")).toString();
    QString what;
    if (kind == QLatin1String("tokens_per_day"))
        what = UsagePage::tr("Tokens today");
    else if (kind == QLatin1String("cost_per_month"))
        what = UsagePage::tr("Cost this month");
    else if (kind == QLatin1String("requests_per_minute"))
        what = UsagePage::tr("Requests this minute");
    else if (kind == QLatin1String("concurrent_runs"))
        what = UsagePage::tr("Runs at the same time");
    else
        what = kind;
    const QString dimension = limit.value(QStringLiteral("dimension")).toString();
    const QString key = limit.value(QStringLiteral("key")).toString();
    if (dimension == QLatin1String("user"))
        return UsagePage::tr("%1 (you)").arg(what);
    return UsagePage::tr("%1 (%2 %3)").arg(what, dimension, key);
}

QString amount(const QJsonObject& limit, const char* key)
{
    const double value = limit.value(QLatin1String(key)).toDouble();
    return limit.value(QStringLiteral("limit")).toString() == QLatin1String("cost_per_month")
               ? formatCost(value)
               : QLocale().toString(qint64(value));
}

void styleChart(QChart* chart, const QPalette& palette)
{
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    chart->legend()->setAlignment(Qt::AlignBottom);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(palette.color(QPalette::Text));
        axis->setGridLineColor(palette.color(QPalette::Mid));
    }
}

} // namespace

UsagePage::UsagePage(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_error(new ErrorBanner(this)), m_days(new QComboBox(this)),
      m_tokensView(new QChartView(this)), m_costView(new QChartView(this)), m_quotas(new QWidget(this)),
      m_paused(new QWidget(this))
{
    setObjectName(QStringLiteral("usagePage"));
    m_days->setObjectName(QStringLiteral("usageDays"));
    m_days->setAccessibleName(tr("Period"));
    m_days->addItem(tr("Last 7 days"), 7);
    m_days->addItem(tr("Last 30 days"), 30);
    m_days->addItem(tr("Last 90 days"), 90);
    m_days->setCurrentIndex(1);
    connect(m_days, &QComboBox::currentIndexChanged, this, &UsagePage::refresh);
    for (QChartView* view : {m_tokensView, m_costView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(fontMetrics().height() * 14);
    }
    m_tokensView->setObjectName(QStringLiteral("tokensChart"));
    m_tokensView->setAccessibleName(tr("Tokens per app per day"));
    m_costView->setObjectName(QStringLiteral("costChart"));
    m_costView->setAccessibleName(tr("Cost per app per day"));
    m_quotaLayout = new QVBoxLayout(m_quotas);
    m_quotaLayout->setContentsMargins(0, 0, 0, 0);
    m_pausedLayout = new QVBoxLayout(m_paused);
    m_pausedLayout->setContentsMargins(0, 0, 0, 0);

    auto* top = new QHBoxLayout;
    top->addWidget(pageHeading(tr("Usage"), this), 1);
    auto* daysLabel = new QLabel(tr("&Period:"), this);
    daysLabel->setBuddy(m_days);
    top->addWidget(daysLabel);
    top->addWidget(m_days);
    auto* charts = new QHBoxLayout;
    charts->addWidget(m_tokensView);
    charts->addWidget(m_costView);
    auto* quotaTitle = new QLabel(tr("Limits"), this);
    quotaTitle->setFont(scaledFont(font(), 1.15, true));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_paused);
    layout->addLayout(charts, 1);
    layout->addWidget(quotaTitle);
    layout->addWidget(m_quotas);
}

void UsagePage::refresh()
{
    if (!m_agent)
        return;
    m_agent->call(QStringLiteral("usage.summary"), {{QStringLiteral("days"), m_days->currentData().toInt()}}, this,
                  [this](const Result<QJsonValue>& result) {
                      if (!result.ok()) {
                          m_error->showError(result.error());
                          return;
                      }
                      m_error->hide();
                      showSummary(result->toObject());
                  });
}

void UsagePage::showSummary(const QJsonObject& summary)
{
    // One stacked bar per day, one colour per app: the total and each app's share read at once.
    std::map<QString, std::map<QString, std::pair<double, double>>> byDay; // date -> app -> (tokens, cost)
    QStringList apps;
    for (const QJsonValue& value : summary.value(QStringLiteral("apps")).toArray()) {
        const QJsonObject app = value.toObject();
        const QString name = app.value(QStringLiteral("app")).toString();
        apps.append(name);
        for (const QJsonValue& dayValue : app.value(QStringLiteral("daily")).toArray()) {
            const QJsonObject day = dayValue.toObject();
            auto& cell = byDay[day.value(QStringLiteral("date")).toString()][name];
            cell.first += day.value(QStringLiteral("input_tokens")).toDouble() +
                          day.value(QStringLiteral("output_tokens")).toDouble();
            cell.second += day.value(QStringLiteral("cost_usd")).toDouble();
        }
    }
    QStringList dates;
    for (const auto& [date, perApp] : byDay)
        dates.append(date.mid(5)); // MM-DD is enough on an axis of days
    auto build = [&](bool cost) {
        auto* series = new QStackedBarSeries;
        double top = 0;
        std::map<QString, double> totals;
        for (const QString& app : apps) {
            auto* set = new QBarSet(app);
            for (const auto& [date, perApp] : byDay) {
                const auto it = perApp.find(app);
                const double value = it == perApp.end() ? 0 : (cost ? it->second.second : it->second.first);
                set->append(value);
                totals[date] += value;
            }
            series->append(set);
        }
        for (const auto& [date, total] : totals)
            top = qMax(top, total);
        auto* chart = new QChart;
        chart->setTitle(cost ? tr("Cost per day (USD)") : tr("Tokens per day"));
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(dates);
        auto* y = new QValueAxis;
        y->setRange(0, top > 0 ? top * 1.1 : 1);
        y->setLabelFormat(cost ? QStringLiteral("%.2f") : QStringLiteral("%d"));
        y->applyNiceNumbers();
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        styleChart(chart, palette());
        return chart;
    };
    QChart* oldTokens = m_tokensView->chart();
    QChart* oldCost = m_costView->chart();
    m_tokensView->setChart(build(false));
    m_costView->setChart(build(true));
    delete oldTokens;
    delete oldCost;

    qDeleteAll(m_quotas->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    // One width for every limit's name, so the bars line up.
    int labelWidth = 0;
    for (const QJsonValue& value : summary.value(QStringLiteral("limits")).toArray())
        labelWidth = qMax(labelWidth, fontMetrics().horizontalAdvance(limitLabel(value.toObject())));
    for (const QJsonValue& value : summary.value(QStringLiteral("limits")).toArray()) {
        const QJsonObject limit = value.toObject();
        const double used = limit.value(QStringLiteral("used")).toDouble();
        const double soft = limit.value(QStringLiteral("soft")).toDouble();
        const double hard = limit.value(QStringLiteral("hard")).toDouble();
        auto* row = new QWidget(m_quotas);
        row->setObjectName(QStringLiteral("quotaRow"));
        auto* label = new QLabel(limitLabel(limit), row);
        label->setMinimumWidth(labelWidth + fontMetrics().averageCharWidth() * 2);
        auto* bar = new QProgressBar(row);
        bar->setObjectName(QStringLiteral("quotaBar"));
        bar->setRange(0, 1000);
        bar->setValue(hard > 0 ? int(qMin(1.0, used / hard) * 1000) : 0);
        bar->setFormat(tr("%1 of %2").arg(amount(limit, "used"), amount(limit, "hard")));
        bar->setAccessibleName(label->text());
        const bool overSoft = soft > 0 && used >= soft;
        QPalette pal = bar->palette();
        if (overSoft)
            pal.setColor(QPalette::Highlight, used >= hard ? QColor(0xc6, 0x28, 0x28) : QColor(0xef, 0x8a, 0x00));
        bar->setPalette(pal);
        auto* limits =
            new QLabel(tr("warns at %1, stops at %2").arg(amount(limit, "soft"), amount(limit, "hard")), row);
        limits->setForegroundRole(QPalette::PlaceholderText);
        bar->setToolTip(overSoft ? tr("Over the soft limit: you are warned; at the hard limit runs stop.")
                                 : limits->text());
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(label);
        layout->addWidget(bar, 1);
        layout->addWidget(limits);
        m_quotaLayout->addWidget(row);
    }

    qDeleteAll(m_paused->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    for (const QJsonValue& value : summary.value(QStringLiteral("apps")).toArray()) {
        const QJsonObject app = value.toObject();
        if (!app.value(QStringLiteral("paused")).toBool())
            continue;
        const QString name = app.value(QStringLiteral("app")).toString();
        auto* row = new QWidget(m_paused);
        auto* label =
            new QLabel(tr("“%1” is paused: it went over a limit or an administrator paused it.").arg(name), row);
        label->setWordWrap(true);
        auto* resume = new QPushButton(tr("Resume"), row);
        resume->setObjectName(QStringLiteral("resume-") + name);
        resume->setAccessibleName(tr("Resume %1").arg(name));
        connect(resume, &QPushButton::clicked, this, [this, name] {
            m_agent->call(QStringLiteral("apps.resume"), {{QStringLiteral("name"), name}}, this,
                          [this](const Result<QJsonValue>& result) {
                              if (!result.ok())
                                  m_error->showError(result.error());
                              refresh();
                          });
        });
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(label, 1);
        layout->addWidget(resume);
        m_pausedLayout->addWidget(row);
    }
    Q_EMIT summaryLoaded();
}

int UsagePage::seriesCount() const
{
    if (!m_tokensView->chart() || m_tokensView->chart()->series().isEmpty())
        return 0;
    return int(static_cast<QStackedBarSeries*>(m_tokensView->chart()->series().first())->count());
}

int UsagePage::quotaRowCount() const
{
    return int(m_quotas->findChildren<QWidget*>(QStringLiteral("quotaRow"), Qt::FindDirectChildrenOnly).size());
}

} // namespace corral::ui
