// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "outbox.h"

#include <QJsonObject>
#include <QSet>
#include <QString>

namespace relais {

// The outbox keeps records in the kiosk's own vocabulary; the observatory's ingest API v1
// (observatory/API.md) has its own. This turns one into the other, always the same way for the
// same record, so that a resend is "already stored" and never a conflict.
//
// `freeTextQuestions` holds "survey-id/question-id" of free-text questions: their answers
// never leave the kiosk (a resident may have written personal data).
QJsonObject apiRecord(const OutboxRecord &record, const QSet<QString> &freeTextQuestions = {});

} // namespace relais
