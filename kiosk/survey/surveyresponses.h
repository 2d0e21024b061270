// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "counts/isoweek.h"
#include "database.h"
#include "surveydefinition.h"

#include <QJsonObject>
#include <QMap>

namespace relais {

// Where the resident was served: at the site, in a video call with an agency, or helped with
// an agency's online procedure.
struct SurveyChannel
{
    QString kind = QStringLiteral("visit"); // visit, visio, procedure
    QString agency;                         // for visio and procedure
};

// Per question, how many responses gave each answer (option id, level, "true", "7"…).
using SurveyTally = QMap<QString, QMap<QString, int>>;

// Anonymous survey responses in the store. A response is 'open' while the resident answers,
// each answer stored durably as it is given; finishing marks it complete or partial and queues
// it in the outbox in the same transaction. Responses left open by a crash are finished as
// partial at the next start, so no partial response is ever without its mark.
class SurveyResponses
{
public:
    SurveyResponses(Database &database, QString siteId, QTimeZone zone);

    QString begin(const SurveyDefinition &definition, const SurveyChannel &channel);
    // `value` null: the question was shown and skipped.
    void answer(const QString &responseId, const QString &questionId, const QJsonValue &value);
    void finish(const QString &responseId, bool complete);
    int finishAbandoned();

    QJsonObject body(const QString &responseId) const;
    // Finished responses to `surveyId` from ISO week `from` on.
    SurveyTally tally(const QString &surveyId, IsoWeek from) const;

private:
    Database &m_database;
    QString m_siteId;
    QTimeZone m_zone;
};

} // namespace relais
