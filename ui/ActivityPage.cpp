// SPDX-License-Identifier: Apache-2.0
#include "ActivityPage.h"

#include "AgentConnection.h"
#include "ErrorBanner.h"
#include "PageSupport.h"
#include "Theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QVBoxLayout>

namespace corral::ui {

namespace {

// What a record is about, in one line: the fields people look for first.
QString summaryOf(const QJsonObject& record)
{
    QStringList parts;
    for (const char* key :
         {"action", "decision", "resource", "answer", "result", "model", "status", "text", "run_id"}) {
        const QJsonValue value = record.value(QLatin1String(key));
        if (value.isString() && !value.toString().isEmpty())
            parts.append(value.toString());
    }
    return parts.join(QStringLiteral(" · "));
}

QString isoUtc(const QDateTime& time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

ActivityPage::ActivityPage(AgentConnection* agent, QWidget* parent)
    : QWidget(parent), m_agent(agent), m_error(new ErrorBanner(this)), m_banner(new QLabel(this)),
      m_app(new QLineEdit(this)), m_type(new QComboBox(this)), m_useFrom(new QCheckBox(tr("&From"), this)),
      m_from(new QDateTimeEdit(QDateTime::currentDateTime().addDays(-7), this)),
      m_useTo(new QCheckBox(tr("&To"), this)), m_to(new QDateTimeEdit(QDateTime::currentDateTime(), this)),
      m_table(new QTableWidget(0, 5, this)), m_details(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("activityPage"));
    m_banner->setObjectName(QStringLiteral("verificationBanner"));
    m_banner->setWordWrap(true);
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(fontMetrics().height() / 2);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_app->setObjectName(QStringLiteral("activityAppFilter"));
    m_app->setPlaceholderText(tr("All apps"));
    m_app->setAccessibleName(tr("App"));
    m_app->setClearButtonEnabled(true);
    m_type->setObjectName(QStringLiteral("activityTypeFilter"));
    m_type->setAccessibleName(tr("Record type"));
    m_type->setEditable(true);
    m_type->addItem(QString());
    // The record types the agent writes (core/audit/AuditEvent.h).
    m_type->addItems({QStringLiteral("run.started"), QStringLiteral("run.finished"), QStringLiteral("action.decided"),
                      QStringLiteral("action.confirmed"), QStringLiteral("action.performed"),
                      QStringLiteral("model.called"), QStringLiteral("quota.exceeded"), QStringLiteral("app.paused"),
                      QStringLiteral("policy.activated"), QStringLiteral("policy.rejected"), QStringLiteral("note")});
    m_type->lineEdit()->setPlaceholderText(tr("All types"));
    m_from->setObjectName(QStringLiteral("activityFrom"));
    m_to->setObjectName(QStringLiteral("activityTo"));
    m_from->setCalendarPopup(true);
    m_to->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    connect(m_useFrom, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_useTo, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    auto* apply = new QPushButton(tr("&Show"), this);
    apply->setObjectName(QStringLiteral("activityRefresh"));
    apply->setDefault(true);
    connect(apply, &QPushButton::clicked, this, &ActivityPage::refresh);
    connect(m_app, &QLineEdit::returnPressed, this, &ActivityPage::refresh);

    auto* appLabel = new QLabel(tr("&App:"), this);
    appLabel->setBuddy(m_app);
    auto* typeLabel = new QLabel(tr("T&ype:"), this);
    typeLabel->setBuddy(m_type);
    auto* filters = new QHBoxLayout;
    filters->addWidget(appLabel);
    filters->addWidget(m_app, 1);
    filters->addWidget(typeLabel);
    filters->addWidget(m_type, 1);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    filters->addWidget(apply);

    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setAccessibleName(tr("Audit records"));
    m_table->setHorizontalHeaderLabels({tr("#"), tr("Time"), tr("Type"), tr("App"), tr("What")});
    m_table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTextElideMode(Qt::ElideRight);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ActivityPage::showDetails);
    m_details->setObjectName(QStringLiteral("activityDetails"));
    m_details->setAccessibleName(tr("Record details"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    m_export = new QPushButton(tr("&Export…"), this);
    m_export->setObjectName(QStringLiteral("activityExportButton"));
    m_export->setToolTip(tr("Save the records the filters select for a SIEM or an auditor (JSON Lines, OCSF, "
                            "CEF, syslog, or the records as hashed)."));
    connect(m_export, &QPushButton::clicked, this, &ActivityPage::chooseExport);
    m_exportBusy = new QProgressBar(this);
    m_exportBusy->setObjectName(QStringLiteral("activityExportBusy"));
    m_exportBusy->setAccessibleName(tr("Exporting"));
    m_exportBusy->setRange(0, 0);
    m_exportBusy->setMaximumWidth(fontMetrics().averageCharWidth() * 20);
    m_exportBusy->hide();
    m_exportResult = wrappingLabel(QStringLiteral("activityExportResult"), this);
    auto* exportRow = new QHBoxLayout;
    exportRow->addWidget(m_exportResult, 1);
    exportRow->addWidget(m_exportBusy);
    exportRow->addWidget(m_export);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(pageHeading(tr("Activity"), this));
    layout->addWidget(m_error);
    layout->addWidget(m_banner);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    layout->addLayout(exportRow);
}

void ActivityPage::setAppFilter(const QString& app)
{
    m_app->setText(app);
}

void ActivityPage::setTypeFilter(const QString& type)
{
    m_type->setCurrentText(type);
}

QJsonObject ActivityPage::filterParams() const
{
    QJsonObject params;
    if (!m_app->text().trimmed().isEmpty())
        params.insert(QStringLiteral("app"), m_app->text().trimmed());
    if (!m_type->currentText().trimmed().isEmpty())
        params.insert(QStringLiteral("type"), m_type->currentText().trimmed());
    if (m_useFrom->isChecked())
        params.insert(QStringLiteral("from"), isoUtc(m_from->dateTime()));
    if (m_useTo->isChecked())
        params.insert(QStringLiteral("to"), isoUtc(m_to->dateTime()));
    return params;
}

void ActivityPage::refresh()
{
    if (!m_agent)
        return;
    QJsonObject params = filterParams();
    params.insert(QStringLiteral("limit"), 1000);
    m_agent->call(QStringLiteral("audit.query"), params, this, [this](const Result<QJsonValue>& result) {
        if (!result.ok()) {
            m_error->showError(result.error());
            return;
        }
        m_error->hide();
        showRecords(result->toObject().value(QStringLiteral("records")).toArray());
    });
    verify();
}

void ActivityPage::showRecords(const QJsonArray& records)
{
    m_records = records;
    m_table->setRowCount(int(records.size()));
    // Newest first: people look for what just happened.
    for (int row = 0; row < records.size(); ++row) {
        const QJsonObject record = records.at(records.size() - 1 - row).toObject();
        QString app = record.value(QStringLiteral("app")).toString();
        if (app.isEmpty())
            app = record.value(QStringLiteral("app_id")).toString();
        const QStringList cells{QString::number(record.value(QStringLiteral("seq")).toInteger()),
                                localTime(record.value(QStringLiteral("ts")).toString()),
                                record.value(QStringLiteral("type")).toString(), app, summaryOf(record)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(cells.at(column));
            item->setData(Qt::UserRole, int(records.size() - 1 - row));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    m_details->clear();
    Q_EMIT recordsLoaded(int(records.size()));
}

void ActivityPage::showDetails()
{
    const QList<QTableWidgetItem*> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return;
    const int index = selected.first()->data(Qt::UserRole).toInt();
    m_details->setPlainText(
        QString::fromUtf8(QJsonDocument(m_records.at(index).toObject()).toJson(QJsonDocument::Indented)));
}

void ActivityPage::verify()
{
    m_agent->call(QStringLiteral("audit.verify"), {}, this, [this](const Result<QJsonValue>& result) {
        QPalette pal = palette();
        const bool dark = theme::isDark(pal);
        if (!result.ok()) {
            m_banner->setText(tr("The log could not be verified: %1").arg(plainErrorText(result.error())));
            m_banner->setToolTip(result.error().toString());
            pal.setColor(QPalette::Window, dark ? QColor(0x5a, 0x4a, 0x10) : QColor(0xff, 0xf3, 0xc4));
            m_banner->setPalette(pal);
            Q_EMIT verified(false);
            return;
        }
        const QJsonObject answer = result->toObject();
        const bool ok = answer.value(QStringLiteral("ok")).toBool();
        const qint64 checkpoint =
            answer.value(QStringLiteral("checkpoint")).toObject().value(QStringLiteral("size")).toInteger();
        if (ok) {
            const int records = int(answer.value(QStringLiteral("records")).toInteger());
            m_banner->setText(
                answer.contains(QStringLiteral("checkpoint"))
                    ? tr("The activity log is intact: %n record(s), verified up to checkpoint %1.", nullptr, records)
                          .arg(checkpoint)
                    : tr("The activity log is intact: %n record(s); none is covered by a signed checkpoint yet.",
                         nullptr, records));
            pal.setColor(QPalette::Window, dark ? QColor(0x1e, 0x4d, 0x2b) : QColor(0xdd, 0xf4, 0xe0));
        } else {
            QStringList failures;
            for (const QJsonValue& value : answer.value(QStringLiteral("failures")).toArray()) {
                const QJsonObject failure = value.toObject();
                failures.append(tr("%1 at record %2: %3")
                                    .arg(failure.value(QStringLiteral("kind")).toString())
                                    .arg(failure.value(QStringLiteral("seq")).toInteger())
                                    .arg(failure.value(QStringLiteral("message")).toString()));
            }
            m_banner->setText(tr("The activity log FAILED verification. It may have been changed. Tell your "
                                 "administrator.\n%1")
                                  .arg(failures.join(QLatin1Char('\n'))));
            pal.setColor(QPalette::Window, dark ? QColor(0x66, 0x1f, 0x1f) : QColor(0xfd, 0xde, 0xde));
        }
        m_banner->setPalette(pal);
        Q_EMIT verified(ok);
    });
}

QStringList ActivityPage::exportFormats()
{
    return {QStringLiteral("jsonl"), QStringLiteral("ocsf"), QStringLiteral("cef"), QStringLiteral("syslog"),
            QStringLiteral("records")};
}

void ActivityPage::chooseExport()
{
    // One name filter per format, in exportFormats() order; the chosen filter is the format.
    const QStringList filters{tr("JSON Lines, verifiable with corral audit verify (*.jsonl)"),
                              tr("OCSF events (*.ocsf.jsonl)"), tr("ArcSight CEF (*.cef)"),
                              tr("Syslog, RFC 5424 (*.log)"), tr("The whole log as hashed (*.records)")};
    QString selected = filters.first();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the activity log"),
                                     QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                         .filePath(QStringLiteral("corral-activity.jsonl")),
                                     filters.join(QStringLiteral(";;")), &selected);
    if (path.isEmpty())
        return;
    exportTo(path, exportFormats().value(int(filters.indexOf(selected)), QStringLiteral("jsonl")));
}

bool ActivityPage::isExporting() const
{
    return !m_export->isEnabled();
}

void ActivityPage::exportTo(const QString& path, const QString& format)
{
    if (!m_agent || isExporting())
        return;
    QJsonObject params{{QStringLiteral("format"), format}, {QStringLiteral("path"), path}};
    // The records format is the whole log (its checkpoint's root can be recomputed only from
    // every record), so the filters do not apply to it.
    const bool whole = format == QLatin1String("records");
    if (!whole && !filterParams().isEmpty())
        params.insert(QStringLiteral("filter"), filterParams());
    m_export->setEnabled(false);
    m_exportBusy->show();
    m_exportResult->setText(tr("Exporting to %1…").arg(QFileInfo(path).fileName()));
    m_exportResult->setToolTip(path);
    m_error->hide();
    // Exporting and verifying a long log takes a while.
    constexpr int kExportTimeoutMs = 10 * 60 * 1000;
    m_agent->call(
        QStringLiteral("audit.export"), params, this,
        [this, path, whole](const Result<QJsonValue>& result) {
            m_export->setEnabled(true);
            m_exportBusy->hide();
            if (!result.ok()) {
                m_exportResult->setText(tr("The export failed."));
                m_error->showError(result.error());
                Q_EMIT exportFinished(false);
                return;
            }
            const QJsonObject answer = result->toObject();
            const int records = int(answer.value(QStringLiteral("records")).toInteger());
            QString text = tr("Saved %n record(s) to %1 (%2).", nullptr, records)
                               .arg(QFileInfo(path).fileName(),
                                    QLocale().formattedDataSize(answer.value(QStringLiteral("bytes")).toInteger()));
            if (whole)
                text += QLatin1Char(' ') + tr("This format always holds the whole log, so the filters were not "
                                              "applied.");
            if (answer.value(QStringLiteral("verified")).toBool()) {
                text += QLatin1Char(' ') + tr("The log was verified and is intact.");
            } else {
                text += QLatin1Char(' ') + tr("The log FAILED verification: the export may hold changed records. "
                                              "Tell your administrator.");
                m_error->showMessage(tr("The activity log failed verification while it was exported."),
                                     answer.value(QStringLiteral("verification")).toString());
            }
            m_exportResult->setText(text);
            m_exportResult->setToolTip(path);
            Q_EMIT exportFinished(true);
        },
        kExportTimeoutMs);
}

} // namespace corral::ui
