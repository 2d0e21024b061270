// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <variant>

// The kiosk records of ingest API v1 (observatory/API.md), once validated field by field.
namespace relais::observatory {

struct JournalEvent
{
    QString type;
    QString agency;  // call events, agency_chosen, procedure_opened, guide_help_requested
    QString outcome; // call_ended: answered, abandoned, unanswered, callback, failed
    int durationS = 0;
    // The journey (common/journey.h): procedure_opened and guide_help_requested name the
    // procedure, the latter its 1-based step; session_ended says how it ended (and, abandoned,
    // where) and how the resident got through.
    QString procedure;
    int step = 0;
    QString end;
    QString screen;
    QString autonomy;
};

struct SurveyResponse
{
    QString survey;
    int version = 0;
    QString week;    // "2026-W47"
    QString channel; // visit, visio, procedure
    QString agency;  // empty for a visit
    bool partial = false;
    QList<QPair<QString, QString>> answers; // question id → answer code ("7" for 0–10 scales)
};

struct ReportRow
{
    QString
        help; // information, online_procedure, video_call, internet_access, print_scan, referral
    QString agency; // an agency id, or "none"
    QString day;    // mon … sun
    int count = 0;
};

// The desk's closing of a site's week (or its correction). `deskOnly` false: a kiosk from before
// `kiosk_counts`, whose rows also hold its own automatic counts.
struct WeeklyReport
{
    QString week;
    int version = 1;
    QString replaces; // empty for version 1
    QDateTime closedAt;
    bool deskOnly = false;
    QList<ReportRow> rows;
};

// What one kiosk counted by itself in a week, as of its `sequence`-th snapshot of that week.
struct KioskCounts
{
    QString week;
    int sequence = 1;
    QList<ReportRow> rows;
};

struct Heartbeat
{
    QString appVersion;
    int outboxDepth = 0;
    QByteArray peripheralsJson; // {"camera": "ok", …} as received, compact
};

struct IncomingRecord
{
    QString id;
    QString kind;
    QString site;
    QDateTime createdAt;
    QByteArray canonical; // the record as compact JSON with sorted keys: what is stored
    QString digest;       // SHA-256 of `canonical`: an identical resend has the same
    // Well formed, but refused for a reason resending cannot fix (API.md): "unknown_code", a
    // word of the journey this server does not know (a newer kiosk's).
    QString refused;
    std::variant<JournalEvent, SurveyResponse, WeeklyReport, KioskCounts, Heartbeat> payload;
};

inline const QStringList &helpKinds()
{
    static const QStringList kinds = {
        QStringLiteral("information"), QStringLiteral("online_procedure"),
        QStringLiteral("video_call"),  QStringLiteral("internet_access"),
        QStringLiteral("print_scan"),  QStringLiteral("referral")};
    return kinds;
}

inline const QStringList &weekDays()
{
    static const QStringList days = {
        QStringLiteral("mon"), QStringLiteral("tue"), QStringLiteral("wed"), QStringLiteral("thu"),
        QStringLiteral("fri"), QStringLiteral("sat"), QStringLiteral("sun")};
    return days;
}

// "2026-W07" for the ISO week holding `date`.
QString isoWeek(const QDate &date);
// The Monday of an ISO week written "2026-W07"; null when the text is not a real week.
QDate mondayOfIsoWeek(const QString &week);

} // namespace relais::observatory
