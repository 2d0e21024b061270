// SPDX-License-Identifier: EUPL-1.2
// The survey contract between the kiosk and the observatory, with no hand-made copy of either
// side's data. For every shipped definition, every answer a resident can give to a question that
// feeds an indicator goes the real way: the kiosk's survey flow (SurveyController, driven as the
// screen drives it) stores it and queues the response, the sync turns the outbox record into the
// API's (apiRecord), the observatory parses it and ingests it against its own copy of the
// definitions; then the figure the question names has counted exactly that answer. The
// accessibility grid fills every criterion × service cell of the matrix. And no figure of the
// dashboard is left without answers: one naming a question the kiosk never asks is caught.
// Runs on SQLite, and on PostgreSQL with RELAIS_TEST_BACKEND=postgresql.
#include "fixturestore.h"
#include "indicators/accessibilitymatrix.h"
#include "indicators/surveycatalog.h"
#include "indicators/surveyindicators.h"
#include "journal.h"
#include "kioskschema.h"
#include "sessioncontroller.h"
#include "survey/surveycontroller.h"
#include "sync/apirecord.h"
#include "sync/syncledger.h"

#include <QTemporaryDir>
#include <QTest>

using namespace relais;
namespace obs = relais::observatory;
using Scale = SurveyIndicator::Scale;

namespace {

const QString kSite = QStringLiteral("46-bretenoux");

// What a question's figure shows for one of its answers.
struct Seen
{
    qint64 respondents = 0;
    qint64 top = 0;
    qint64 positive = 0;
    qint64 answer = 0; // the answer's own line (choices, profile, yes/no)
};

bool isMatrix(const SurveyIndicator &indicator)
{
    return indicator.scale == Scale::MatrixService || indicator.scale == Scale::MatrixCriterion;
}

QVariantList rowWhere(const QList<QVariantList> &rows, const QVariantList &start)
{
    for (const QVariantList &row : rows)
        if (row.mid(0, start.size()) == start)
            return row;
    return {};
}

} // namespace

class TestSurveyContract : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<obs::test::Backend> m_backend;
    std::unique_ptr<obs::test::FixtureStore> m_observatory;
    std::unique_ptr<Database> m_kiosk;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<SessionController> m_session;
    std::unique_ptr<SurveyResponses> m_responses;
    std::unique_ptr<SurveyController> m_survey;
    SurveyLibrary m_library = SurveyLibrary::shipped(); // the kiosk's

    // The resident's tap for `code` on the current question, as the survey screen makes it.
    void give(const QString &code)
    {
        if (m_survey->kind() == QLatin1String("recommendation")) {
            m_survey->answer(code.toInt());
            return;
        }
        for (const QVariant &entry : m_survey->options()) {
            const QVariantMap option = entry.toMap();
            if (option.value(QStringLiteral("id")).toString() != code)
                continue;
            if (m_survey->kind() == QLatin1String("multiple_choice")) {
                m_survey->toggle(code);
                m_survey->confirm();
            } else {
                m_survey->answer(option.value(QStringLiteral("value")));
            }
            return;
        }
        QFAIL(qPrintable(QStringLiteral("no answer %1 on the screen").arg(code)));
    }

    // One response to `survey` on the kiosk, `answers` (question → code) given and every other
    // question skipped; then the sync's record of it ingested by the observatory, which must
    // store it.
    void respond(const QString &survey, const QMap<QString, QString> &answers)
    {
        QVERIFY(m_survey->offer(survey, {}, false));
        m_survey->start();
        while (m_survey->phase() == SurveyController::Question) {
            const QString question = m_survey->questionId();
            const int index = m_survey->index();
            if (answers.contains(question))
                give(answers.value(question));
            else
                m_survey->skip();
            QVERIFY2(m_survey->index() != index || m_survey->phase() != SurveyController::Question,
                     qPrintable(question));
        }
        m_survey->leaveThanks();
        SyncLedger ledger(*m_kiosk);
        const QList<OutboxRecord> outbox = ledger.nextBatch(10);
        QCOMPARE(outbox.size(), 1);
        const QJsonObject record = apiRecord(outbox.first(), m_library.freeTextQuestions());
        ledger.apply({{outbox.first().id, relais::RecordResult::Kind::Stored, {}}});
        obs::IngestWriter writer(m_observatory->store(), m_observatory->surveys());
        const QList<obs::RecordResult> results =
            writer.write(kSite + QStringLiteral("/borne-1"), kSite,
                         {obs::parseRecord(record, QStringLiteral("records[0]"))},
                         QDateTime::currentDateTimeUtc());
        QCOMPARE(results.size(), 1);
        QVERIFY2(results.first().outcome == obs::RecordResult::Stored,
                 qPrintable(results.first().reason + u' ' + results.first().detail));
    }

    // The observatory's figure for indicator `id`, and the line of its answer `code`.
    Seen seen(const QString &id, const QString &code)
    {
        const obs::SurveyIndicators figures(m_observatory->store(), m_observatory->surveys());
        const QList<obs::CatalogIndicator> all = m_observatory->surveys().indicators();
        const auto indicator =
            std::find_if(all.cbegin(), all.cend(), [&](const auto &i) { return i.id == id; });
        if (indicator == all.cend()) {
            qWarning("the observatory has no indicator %s", qPrintable(id));
            return {-1, -1, -1, -1};
        }
        Seen seen;
        const obs::IndicatorFilter everything;
        if (indicator->scale == Scale::Satisfaction || indicator->scale == Scale::Need ||
            indicator->scale == Scale::YesNo) {
            const QVariantList row =
                rowWhere(figures.satisfaction(everything).rows, {indicator->label});
            seen.respondents = row.value(1).toLongLong();
            seen.top = row.value(2).toLongLong();
            seen.positive = row.value(4).toLongLong();
        }
        if (indicator->scale == Scale::Nps)
            seen.respondents =
                rowWhere(figures.netPromoterScore(everything)->rows, {indicator->label})
                    .value(1)
                    .toLongLong();
        if (indicator->scale == Scale::Choice || indicator->scale == Scale::Profile ||
            indicator->scale == Scale::YesNo) {
            QString words;
            for (const SurveyOption &choice : indicator->sources.last().question->choices())
                if (choice.id == code)
                    words = choice.label.fr;
            seen.answer =
                rowWhere(
                    figures.answersOf(everything, QStringLiteral("t"), {indicator->scale}).rows,
                    {indicator->label, words})
                    .value(2)
                    .toLongLong();
        }
        return seen;
    }

    // The dashboard's survey figures that no answer reached.
    QStringList unfedFigures()
    {
        const obs::SurveyIndicators figures(m_observatory->store(), m_observatory->surveys());
        const obs::IndicatorFilter everything;
        QStringList unfed;
        for (const QVariantList &row : figures.satisfaction(everything).rows)
            if (row.value(1).toLongLong() == 0)
                unfed << row.value(0).toString();
        if (const auto nps = figures.netPromoterScore(everything))
            for (const QVariantList &row : nps->rows)
                if (row.value(1).toLongLong() == 0)
                    unfed << row.value(0).toString();
        for (const Scale scale : {Scale::Choice, Scale::Profile}) {
            const obs::Table table = figures.answersOf(everything, QStringLiteral("t"), {scale});
            for (const obs::CatalogIndicator &indicator :
                 m_observatory->surveys().indicators(scale))
                if (rowWhere(table.rows, {indicator.label}).isEmpty())
                    unfed << indicator.label;
        }
        return unfed;
    }

private slots:
    void initTestCase()
    {
        m_backend = std::make_unique<obs::test::Backend>();
        m_observatory =
            std::make_unique<obs::test::FixtureStore>(*m_backend, QStringLiteral("contract"));
        m_observatory->sites({obs::test::site("46-bretenoux", "Cère et Dordogne", "46")});
        m_kiosk = Database::open(m_dir.filePath(QStringLiteral("kiosk.sqlite")), kioskMigrations());
        m_journal = std::make_unique<Journal>(*m_kiosk, kSite);
        m_session =
            std::make_unique<SessionController>(m_journal.get(), SessionController::Timing{});
        m_responses = std::make_unique<SurveyResponses>(
            *m_kiosk, kSite, QTimeZone(QByteArrayLiteral("Europe/Paris")));
        m_survey = std::make_unique<SurveyController>(m_session.get(), m_library, m_responses.get(),
                                                      SurveyController::Settings{},
                                                      [] { return QStringLiteral("fr"); });
    }

    // Whatever a resident answers (free text aside, which never leaves the kiosk) feeds a
    // figure: no question of a shipped definition is asked for nothing.
    void everyQuestionFeedsAFigure()
    {
        for (const QString &survey : m_library.ids())
            for (const SurveyQuestion &question : m_library.find(survey)->questions)
                QVERIFY2(
                    question.kind == SurveyQuestion::Kind::FreeText || question.indicator,
                    qPrintable(survey + u'/' + question.id + QStringLiteral(" feeds no figure")));
    }

    // Every answer of every question that feeds a figure counts in that figure, once.
    void everyAnswerCountsInItsFigure()
    {
        int answers = 0;
        for (const QString &survey : m_library.ids()) {
            for (const SurveyQuestion &question : m_library.find(survey)->questions) {
                if (!question.indicator || isMatrix(*question.indicator))
                    continue;
                const SurveyIndicator &indicator = *question.indicator;
                QStringList codes;
                for (const SurveyOption &choice : question.choices())
                    codes << choice.id;
                if (question.kind == SurveyQuestion::Kind::Recommendation)
                    for (int n = 0; n <= 10; ++n)
                        codes << QString::number(n);
                for (const QString &code : std::as_const(codes)) {
                    const QString what = survey + u'/' + question.id + u'=' + code;
                    const Seen before = seen(indicator.id, code);
                    respond(survey, {{question.id, code}});
                    if (QTest::currentTestFailed())
                        return;
                    const Seen after = seen(indicator.id, code);
                    switch (indicator.scale) {
                    case Scale::Satisfaction:
                    case Scale::Need:
                    case Scale::YesNo:
                        QVERIFY2(after.respondents == before.respondents + 1, qPrintable(what));
                        QVERIFY2(after.top == before.top + indicator.top.contains(code),
                                 qPrintable(what));
                        QVERIFY2(after.positive ==
                                     before.positive + indicator.positive.contains(code),
                                 qPrintable(what));
                        break;
                    case Scale::Nps:
                        QVERIFY2(after.respondents == before.respondents + 1, qPrintable(what));
                        break;
                    case Scale::Choice:
                    case Scale::Profile:
                    case Scale::MatrixService:
                    case Scale::MatrixCriterion:
                        break;
                    }
                    if (indicator.scale == Scale::Choice || indicator.scale == Scale::Profile ||
                        indicator.scale == Scale::YesNo)
                        QVERIFY2(after.answer == before.answer + 1, qPrintable(what));
                    ++answers;
                }
            }
        }
        QVERIFY2(answers >= 31, qPrintable(QString::number(answers)));

        // Every figure's questions are questions the kiosk asks, and every figure was fed.
        for (const obs::CatalogIndicator &indicator : m_observatory->surveys().indicators()) {
            for (const obs::IndicatorSource &source : indicator.sources) {
                const SurveyDefinition *asked = m_library.find(source.survey);
                QVERIFY2(asked && asked->version == source.version &&
                             asked->find(source.question->id) &&
                             asked->find(source.question->id)->kind == source.question->kind,
                         qPrintable(indicator.id));
            }
        }
        QCOMPARE(unfedFigures(), QStringList());

        // The check bites: a figure naming a question no definition of the kiosk has (here an
        // older questionnaire's, from a bundle) stays empty and is named.
        QCOMPARE(m_observatory->surveys().add(R"json({"format": "relais-survey/1",
            "id": "ancien-questionnaire", "version": 1,
            "title": {"fr": "Ancien", "en": "Former"},
            "questions": [{"id": "besoin", "kind": "single_choice",
                "text": {"fr": "Besoin ?", "en": "Need?"},
                "options": [{"id": "oui", "label": {"fr": "Oui", "en": "Yes"}},
                            {"id": "non", "label": {"fr": "Non", "en": "No"}}],
                "indicator": {"id": "besoin-ancien", "label": "Besoin (ancien questionnaire)",
                              "scale": "need", "positive": ["oui"]}}]})json",
                                              QStringLiteral("test")),
                 QString());
        QCOMPARE(unfedFigures(), QStringList{QStringLiteral("Besoin (ancien questionnaire)")});
    }

    // The grid's service is the matrix's column, each criterion a row: one response per
    // service rating every criterion fills each cell once, with its answer's level.
    void everyCriterionAndServiceFillsItsCell()
    {
        const SurveyDefinition *grid = nullptr;
        for (const QString &survey : m_library.ids())
            for (const SurveyQuestion &question : m_library.find(survey)->questions)
                if (question.indicator && question.indicator->scale == Scale::MatrixService)
                    grid = m_library.find(survey);
        QVERIFY(grid);
        const SurveyQuestion *service = nullptr;
        QList<const SurveyQuestion *> criteria;
        for (const SurveyQuestion &question : grid->questions) {
            if (question.indicator && question.indicator->scale == Scale::MatrixService)
                service = &question;
            if (question.indicator && question.indicator->scale == Scale::MatrixCriterion)
                criteria << &question;
        }
        QCOMPARE(criteria.size(), 11);
        // Service j rates criterion i with level (i + j) mod 4: each criterion gets every level.
        for (qsizetype j = 0; j < service->options.size(); ++j) {
            QMap<QString, QString> answers{{service->id, service->options[j].id}};
            for (qsizetype i = 0; i < criteria.size(); ++i) {
                const QList<SurveyOption> levels = criteria[i]->choices();
                answers.insert(criteria[i]->id, levels[(i + j) % levels.size()].id);
            }
            respond(grid->id, answers);
            if (QTest::currentTestFailed())
                return;
        }
        obs::IndicatorFilter territory;
        territory.territories = {QStringLiteral("Cère et Dordogne")};
        const obs::Table matrix = obs::accessibilityMatrix(
            m_observatory->store(), m_observatory->surveys(), territory, obs::MatrixThresholds());
        QCOMPARE(matrix.rows.size(), criteria.size() * service->options.size());
        for (qsizetype j = 0; j < service->options.size(); ++j) {
            for (qsizetype i = 0; i < criteria.size(); ++i) {
                const QList<SurveyOption> levels = criteria[i]->choices();
                const bool satisfied =
                    criteria[i]->indicator->positive.contains(levels[(i + j) % levels.size()].id);
                const QVariantList cell = rowWhere(
                    matrix.rows, {criteria[i]->indicator->label, service->options[j].label.fr});
                QVERIFY2(!cell.isEmpty(),
                         qPrintable(criteria[i]->id + u'×' + service->options[j].id));
                // respondents, satisfied in the territory (%), in the département (%)
                QCOMPARE(cell.mid(2, 3),
                         (QVariantList{1, satisfied ? 100.0 : 0.0, satisfied ? 100.0 : 0.0}));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSurveyContract)
#include "tst_surveycontract.moc"
