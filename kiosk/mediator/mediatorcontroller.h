// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "countgridmodel.h"
#include "counts/weeklygrid.h"
#include "pinlock.h"
#include "survey/surveyresponses.h"
#include "surveydefinition.h"
#include "sync/siteweekclient.h"

#include <QObject>
#include <QQmlEngine>
#include <QTimer>
#include <QVariant>

#include <QHash>
#include <QSet>

#include <functional>

namespace relais {

// Mediator mode: the PIN pad, then the weekly count grid, the past weeks and the survey
// results. It closes itself after a few minutes without a touch, so the kiosk is never left
// unlocked for the next resident.
class MediatorController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The kiosk owns the mediator mode: use Kiosk.mediator")

    Q_PROPERTY(bool padOpen READ padOpen NOTIFY padChanged)
    Q_PROPERTY(bool unlocked READ unlocked NOTIFY unlockedChanged)
    Q_PROPERTY(int digits READ digits NOTIFY padChanged)
    Q_PROPERTY(QString padProblem READ padProblem NOTIFY padChanged)
    Q_PROPERTY(int triesLeft READ triesLeft NOTIFY padChanged)
    Q_PROPERTY(int minutesLocked READ minutesLocked NOTIFY padChanged)
    Q_PROPERTY(QString page READ page WRITE setPage NOTIFY pageChanged)
    Q_PROPERTY(relais::CountGridModel *grid READ grid CONSTANT)
    Q_PROPERTY(QString week READ week NOTIFY weekChanged)
    Q_PROPERTY(int weekNumber READ weekNumber NOTIFY weekChanged)
    Q_PROPERTY(QString weekFrom READ weekFrom NOTIFY weekChanged)
    Q_PROPERTY(QString weekTo READ weekTo NOTIFY weekChanged)
    Q_PROPERTY(QStringList dayNames READ dayNames NOTIFY weekChanged)
    Q_PROPERTY(QString weekState READ weekState NOTIFY weekChanged)
    Q_PROPERTY(int weekVersion READ weekVersion NOTIFY weekChanged)
    Q_PROPERTY(bool editable READ editable NOTIFY weekChanged)
    Q_PROPERTY(bool closeEnabled READ closeEnabled NOTIFY weekChanged)
    Q_PROPERTY(QString siteCheck READ siteCheck NOTIFY weekChanged)
    Q_PROPERTY(bool closedElsewhere READ closedElsewhere NOTIFY weekChanged)
    Q_PROPERTY(QString closedBy READ closedBy NOTIFY weekChanged)
    Q_PROPERTY(QString closedWhen READ closedWhen NOTIFY weekChanged)
    Q_PROPERTY(int closedVersion READ closedVersion NOTIFY weekChanged)
    Q_PROPERTY(bool correctableHere READ correctableHere NOTIFY weekChanged)
    Q_PROPERTY(bool isCurrentWeek READ isCurrentWeek NOTIFY weekChanged)
    Q_PROPERTY(int selectedRow READ selectedRow NOTIFY selectionChanged)
    Q_PROPERTY(int selectedDay READ selectedDay NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedKind READ selectedKind NOTIFY selectionChanged)
    Q_PROPERTY(QString selectedAgency READ selectedAgency NOTIFY selectionChanged)
    Q_PROPERTY(int selectedDesk READ selectedDesk NOTIFY selectionChanged)
    Q_PROPERTY(int selectedAutomatic READ selectedAutomatic NOTIFY selectionChanged)
    Q_PROPERTY(QVariantList pastWeeks READ pastWeeks NOTIFY weekChanged)
    Q_PROPERTY(QVariantList results READ results NOTIFY resultsChanged)

public:
    struct Sources
    {
        WeeklyGrid *grid;
        PinLock *pin;
        SurveyResponses *responses;
        const SurveyDefinition *resultsSurvey; // whose results the mode shows; may be null
        std::function<QString()> language;
        std::function<QDate()> today; // the site's local date
        // Asks the observatory whether the site closed a week (the answer comes to
        // siteChecked()); empty when there is no observatory to ask.
        std::function<void(IsoWeek)> checkSite = {};
    };

    explicit MediatorController(Sources sources, QObject *parent = nullptr);

    bool padOpen() const { return m_padOpen; }
    bool unlocked() const { return m_unlocked; }
    int digits() const { return static_cast<int>(m_pin.size()); }
    QString padProblem() const { return m_padProblem; }
    int triesLeft() const { return m_sources.pin->triesLeft(); }
    int minutesLocked() const { return (m_sources.pin->secondsLocked() + 59) / 60; }
    // What the unlocked mode shows: "grid", "weeks" or "results".
    QString page() const { return m_page; }
    void setPage(const QString &page);
    CountGridModel *grid() { return &m_model; }
    QString week() const { return m_week.label(); }
    int weekNumber() const { return m_week.week; }
    QString weekFrom() const;
    QString weekTo() const;
    QStringList dayNames() const;
    QString weekState() const;
    int weekVersion() const;
    bool editable() const;
    bool closeEnabled() const;
    // "none" (nobody to ask), "checking", "unreachable" or "answered": where the question
    // "has the site closed this week on another kiosk?" stands for the week shown.
    QString siteCheck() const;
    bool closedElsewhere() const;
    QString closedBy() const;   // the kiosk that closed it ("borne-1")
    QString closedWhen() const; // "le 16 novembre à 17 h 05"
    int closedVersion() const;
    // The site's version can be corrected here: this grid can take over its desk counts.
    bool correctableHere() const;
    bool isCurrentWeek() const;
    int selectedRow() const { return m_row; }
    int selectedDay() const { return m_day; }
    QString selectedKind() const;
    QString selectedAgency() const;
    int selectedDesk() const { return m_row < 0 ? 0 : m_model.desk(m_row, m_day); }
    int selectedAutomatic() const { return m_row < 0 ? 0 : m_model.automatic(m_row, m_day); }
    QVariantList pastWeeks() const;
    QVariantList results() const;

    Q_INVOKABLE void openPad();
    Q_INVOKABLE void cancelPad();
    Q_INVOKABLE void digit(int value);
    Q_INVOKABLE void eraseDigit();
    Q_INVOKABLE void submitPin();
    Q_INVOKABLE void leave();
    // Loads a past or the current week and shows it in the count grid.
    Q_INVOKABLE void showWeek(const QString &label);
    Q_INVOKABLE void previousWeek();
    Q_INVOKABLE void nextWeek();
    Q_INVOKABLE void select(int row, int day);
    Q_INVOKABLE void step(int delta);
    Q_INVOKABLE void closeWeek();
    Q_INVOKABLE void correctWeek();
    Q_INVOKABLE void recheckSite();

    // The observatory's answer about `week` (SiteWeekClient::checked).
    void siteChecked(const QString &week, const relais::SiteWeekCheck &result);

    // Any touch anywhere keeps the mode open.
    void userActivity();
    // The sync sent (or set aside) records: the shown week's "pas encore envoyée" may be over.
    void recordsMoved();
    // Opens the mode without the PIN, for the screenshot tour and the screens' tests only:
    // nothing on screen can call it.
    void unlockForReview();
    // The kiosk's language changed: the questions, answers and dates are said again in it.
    void languageChanged();

signals:
    void padChanged();
    void unlockedChanged();
    void weekChanged();
    void selectionChanged();
    void pageChanged();
    void resultsChanged();

private:
    void load(IsoWeek week);
    void askSite(IsoWeek week);
    // The site's week as last checked, or nothing.
    const SiteWeek *site(IsoWeek week) const;
    bool closedElsewhere(IsoWeek week) const;
    // The desk's counts shown: the site's when the week was closed on another kiosk.
    void showDesk();
    QString dateText(QDate date, const QString &format) const;

    Sources m_sources;
    CountGridModel m_model;
    bool m_padOpen = false;
    bool m_unlocked = false;
    QString m_pin;
    QString m_padProblem; // "", "wrong", "locked", "no-pin"
    IsoWeek m_week;
    int m_row = -1;
    int m_day = 1;
    QTimer m_idle;
    QString m_page = QStringLiteral("grid");
    QHash<QString, SiteWeekCheck> m_sites; // per week label, for this opening of the mode
    QSet<QString> m_asking;
};

} // namespace relais
