// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "surveylibrary.h"
#include "surveyresponses.h"

#include <QObject>
#include <QQmlEngine>
#include <QVariant>

#include <functional>

namespace relais {

class SessionController;

// The survey flow of a session: the offer at the end of the session or after a video call,
// one question per screen, "Passer" and "Terminer", and at most one response per session. The
// screen is the session's "survey" activity, so the idle countdown applies as anywhere else;
// a wipe in the middle keeps what was answered as a partial response.
class SurveyController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk owns the survey flow: use Kiosk.survey")

    Q_PROPERTY(Phase phase READ phase NOTIFY changed)
    Q_PROPERTY(bool endsSession READ endsSession NOTIFY changed)
    Q_PROPERTY(bool afterCall READ afterCall NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(int index READ index NOTIFY changed)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(QString questionId READ questionId NOTIFY changed)
    Q_PROPERTY(QString kind READ kind NOTIFY changed)
    Q_PROPERTY(QString questionText READ questionText NOTIFY changed)
    Q_PROPERTY(QVariantList options READ options NOTIFY changed)
    Q_PROPERTY(QStringList chosen READ chosen NOTIFY chosenChanged)

public:
    enum Phase { Idle, Offer, Question, Thanks };
    Q_ENUM(Phase)

    struct Settings
    {
        QString afterSession; // survey id offered when a session ends
        QString afterCall;    // survey id offered after a video call
        bool freeText = false;
    };

    SurveyController(SessionController *session, SurveyLibrary library, SurveyResponses *responses,
                     Settings settings, std::function<QString()> language,
                     QObject *parent = nullptr);

    Phase phase() const { return m_phase; }
    bool endsSession() const { return m_endsSession; }
    bool afterCall() const { return m_channel.kind == QLatin1String("visio") && !m_endsSession; }
    QString title() const;
    int index() const { return m_index; }
    int count() const { return static_cast<int>(m_questions.size()); }
    QString questionId() const;
    QString kind() const;
    QString questionText() const;
    // The current question's answers to pick from: {id, label, value} where `value` is what
    // answer() takes (the satisfaction levels, yes and no, or the options).
    QVariantList options() const;
    QStringList chosen() const { return m_chosen; }
    const SurveyLibrary &library() const { return m_library; }
    const Settings &settings() const { return m_settings; }
    // The response being answered, empty before the first answer.
    const QString &responseId() const { return m_responseId; }

    // "Terminer et effacer": offers the survey first when this session has not had it.
    Q_INVOKABLE void endSession();
    Q_INVOKABLE void start();
    Q_INVOKABLE void decline();
    // One tap answers: a level, true/false, 0–10, or an option id.
    Q_INVOKABLE void answer(const QVariant &value);
    // Multiple choice and free text: change the draft, then confirm.
    Q_INVOKABLE void toggle(const QString &optionId);
    Q_INVOKABLE void confirm(const QString &text = QString());
    Q_INVOKABLE void skip();
    // "Terminer": what was answered is kept (partial unless every question was reached).
    Q_INVOKABLE void finish();
    Q_INVOKABLE void leaveThanks();

    // Shows the offer for `surveyId` (the flow's hooks and the screenshot tour use it).
    bool offer(const QString &surveyId, const SurveyChannel &channel, bool endsSession);

signals:
    void changed();
    void chosenChanged();

private:
    void onEvent(const QString &type, const QJsonObject &payload);
    void store(const QJsonValue &value);
    void advance();
    void close(bool complete);
    void reset();
    void showActivity();

    SessionController *m_session;
    SurveyLibrary m_library;
    SurveyResponses *m_responses;
    Settings m_settings;
    std::function<QString()> m_language;

    Phase m_phase = Idle;
    const SurveyDefinition *m_definition = nullptr;
    QList<const SurveyQuestion *> m_questions;
    int m_index = 0;
    QStringList m_chosen;
    QString m_responseId;
    bool m_endsSession = false;
    bool m_offered = false; // one offer, hence one response at most, per session
    bool m_servedSomething = false;
    SurveyChannel m_channel;
    SurveyChannel m_sessionChannel;
};

} // namespace relais
