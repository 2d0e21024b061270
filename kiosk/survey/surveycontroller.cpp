// SPDX-License-Identifier: EUPL-1.2
#include "surveycontroller.h"

#include "sessioncontroller.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSurvey, "relais.survey")

namespace relais {

SurveyController::SurveyController(SessionController *session, SurveyLibrary library,
                                   SurveyResponses *responses, Settings settings,
                                   std::function<QString()> language, QObject *parent)
    : QObject(parent), m_session(session), m_library(std::move(library)), m_responses(responses),
      m_settings(std::move(settings)), m_language(std::move(language))
{
    connect(m_session, &SessionController::eventRecorded, this, &SurveyController::onEvent);
    m_session->addWipeStep(QStringLiteral("survey"), [this] {
        // Idle or "Terminer et effacer" in the middle: what was answered stays, as partial.
        close(false);
        reset();
        m_offered = false;
        m_servedSomething = false;
        m_sessionChannel = {};
    });
    try {
        if (const int abandoned = m_responses->finishAbandoned())
            qCInfo(lcSurvey) << abandoned << "survey responses left open were finished as partial";
    } catch (const DatabaseError &error) {
        qCCritical(lcSurvey) << "could not finish open survey responses:" << error.what();
    }
}

QString SurveyController::title() const
{
    return m_definition ? m_definition->title.in(m_language()) : QString();
}

QString SurveyController::questionId() const
{
    return m_phase == Question ? m_questions.at(m_index)->id : QString();
}

QString SurveyController::kind() const
{
    return m_phase == Question ? surveyKindName(m_questions.at(m_index)->kind) : QString();
}

QString SurveyController::questionText() const
{
    return m_phase == Question ? m_questions.at(m_index)->text.in(m_language()) : QString();
}

QVariantList SurveyController::options() const
{
    QVariantList list;
    if (m_phase != Question)
        return list;
    const SurveyQuestion &question = *m_questions.at(m_index);
    for (const SurveyOption &choice : question.choices()) {
        // What answer() takes: the kiosk stores yes and no as true and false.
        const QVariant value = question.kind == SurveyQuestion::Kind::YesNo
                                   ? QVariant(choice.id == yesAnswer().id)
                                   : QVariant(choice.id);
        list.append(QVariantMap{{QStringLiteral("id"), choice.id},
                                {QStringLiteral("label"), choice.label.in(m_language())},
                                {QStringLiteral("value"), value}});
    }
    return list;
}

void SurveyController::onEvent(const QString &type, const QJsonObject &payload)
{
    const QString agency = payload.value(QStringLiteral("agency")).toString();
    const QString activity = payload.value(QStringLiteral("activity")).toString();
    if (type == QLatin1String("agency_chosen")) {
        m_servedSomething = true;
    } else if (type == QLatin1String("activity_chosen") && activity != QLatin1String("survey")) {
        m_servedSomething = true;
        if (activity == QLatin1String("online") && !agency.isEmpty())
            m_sessionChannel = {QStringLiteral("procedure"), agency};
    } else if (type == QLatin1String("call_started")) {
        m_sessionChannel = {QStringLiteral("visio"), agency};
    } else if (type == QLatin1String("call_ended") &&
               payload.value(QStringLiteral("outcome")).toString() == QLatin1String("answered") &&
               // Passed on to another adviser, she is still waiting: the survey comes at the end.
               payload.value(QStringLiteral("reason")).toString() != QLatin1String("transferred")) {
        const bool inSession = m_session->state() == SessionController::Home ||
                               m_session->state() == SessionController::Activity;
        if (inSession && m_phase == Idle && !m_offered)
            offer(m_settings.afterCall, {QStringLiteral("visio"), agency}, false);
    }
}

bool SurveyController::offer(const QString &surveyId, const SurveyChannel &channel,
                             bool endsSession)
{
    const SurveyDefinition *definition = m_library.find(surveyId);
    if (!definition) {
        qCWarning(lcSurvey) << "no survey definition" << surveyId << "to offer";
        return false;
    }
    m_questions.clear();
    for (const SurveyQuestion &question : definition->questions) {
        // Free text only where the site allows it: residents may write personal data.
        if (question.kind != SurveyQuestion::Kind::FreeText || m_settings.freeText)
            m_questions.append(&question);
    }
    m_definition = definition;
    m_offered = true;
    m_endsSession = endsSession;
    m_channel = channel;
    m_index = 0;
    m_chosen.clear();
    m_phase = Offer;
    emit changed();
    emit chosenChanged();
    // Queued: a call ends inside the video screen's own code, which must finish first.
    QTimer::singleShot(0, this, &SurveyController::showActivity);
    return true;
}

void SurveyController::showActivity()
{
    if (m_phase == Idle)
        return;
    if (m_session->state() == SessionController::Activity &&
        m_session->activity() == QLatin1String("survey"))
        return;
    m_session->openActivity(QStringLiteral("survey"));
}

void SurveyController::endSession()
{
    if (m_phase == Idle && !m_offered && m_servedSomething &&
        offer(m_settings.afterSession, m_sessionChannel, true)) {
        m_session->noteEndAsked();
        return;
    }
    m_session->endSession();
}

void SurveyController::start()
{
    if (m_phase != Offer || m_questions.isEmpty())
        return;
    m_phase = Question;
    emit changed();
}

void SurveyController::decline()
{
    if (m_phase != Offer)
        return;
    const bool ends = m_endsSession;
    reset();
    if (ends)
        m_session->endSession();
    else
        m_session->home();
}

void SurveyController::answer(const QVariant &value)
{
    if (m_phase != Question)
        return;
    const auto checked = m_questions.at(m_index)->checkAnswer(QJsonValue::fromVariant(value));
    if (!checked) {
        qCWarning(lcSurvey) << "ignored an answer that does not fit question" << questionId();
        return;
    }
    store(*checked);
    advance();
}

void SurveyController::toggle(const QString &optionId)
{
    if (m_phase != Question)
        return;
    if (m_chosen.contains(optionId))
        m_chosen.removeAll(optionId);
    else
        m_chosen.append(optionId);
    emit chosenChanged();
}

void SurveyController::confirm(const QString &text)
{
    if (m_phase != Question)
        return;
    if (m_questions.at(m_index)->kind == SurveyQuestion::Kind::FreeText) {
        if (text.trimmed().isEmpty())
            skip();
        else
            answer(text);
        return;
    }
    if (m_chosen.isEmpty())
        skip();
    else
        answer(QVariant(m_chosen));
}

void SurveyController::skip()
{
    if (m_phase != Question)
        return;
    store(QJsonValue::Null);
    advance();
}

void SurveyController::store(const QJsonValue &value)
{
    try {
        if (m_responseId.isEmpty())
            m_responseId = m_responses->begin(*m_definition, m_channel);
        m_responses->answer(m_responseId, m_questions.at(m_index)->id, value);
    } catch (const DatabaseError &error) {
        // The resident goes on; the operator sees in the log why the answer is missing.
        qCCritical(lcSurvey) << "could not store a survey answer:" << error.what();
    }
}

void SurveyController::advance()
{
    ++m_index;
    m_chosen.clear();
    emit chosenChanged();
    if (m_index < m_questions.size()) {
        emit changed();
        return;
    }
    close(true);
    if (m_endsSession) {
        reset();
        m_session->endAfterSurvey();
        return;
    }
    m_phase = Thanks;
    emit changed();
}

void SurveyController::finish()
{
    if (m_phase == Idle)
        return;
    close(m_index >= m_questions.size());
    const bool ends = m_endsSession;
    reset();
    if (ends)
        m_session->endAfterSurvey();
    else
        m_session->home();
}

void SurveyController::leaveThanks()
{
    if (m_phase != Thanks)
        return;
    reset();
    m_session->home();
}

void SurveyController::close(bool complete)
{
    if (m_responseId.isEmpty())
        return;
    try {
        m_responses->finish(m_responseId, complete);
    } catch (const DatabaseError &error) {
        // Left open in the store: the next start finishes it as partial.
        qCCritical(lcSurvey) << "could not finish a survey response:" << error.what();
    }
    m_responseId.clear();
}

void SurveyController::reset()
{
    m_phase = Idle;
    m_definition = nullptr;
    m_questions.clear();
    m_index = 0;
    m_endsSession = false;
    m_chosen.clear();
    emit changed();
    emit chosenChanged();
}

} // namespace relais
