// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "agencymodel.h"
#include "bundles/bundlecontent.h"
#include "bundles/bundleupdater.h"
#include "counts/countsnapshots.h"
#include "counts/weeklygrid.h"
#include "headsetswitch.h"
#include "identity/enrollmentcontroller.h"
#include "mediator/cornergesture.h"
#include "mediator/mediatorcontroller.h"
#include "mediator/pinlock.h"
#include "procedures/procedurecatalog.h"
#include "sessioncontroller.h"
#include "siteconfig.h"
#include "survey/surveycontroller.h"
#include "survey/surveyresponses.h"
#include "sync/siteweekclient.h"
#include "sync/syncservice.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QTimer>
#include <QTranslator>

#include <memory>

namespace relais {

class Journal;

// What the screens see of the kiosk: the site, its agencies, the session, the survey flow,
// mediator mode, and the two per-resident display choices (language and text size), which
// every wipe resets.
class Kiosk : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(relais::SessionController *session READ session CONSTANT)
    Q_PROPERTY(relais::AgencyModel *agencies READ agencies CONSTANT)
    Q_PROPERTY(QString siteName READ siteName CONSTANT)
    Q_PROPERTY(QString commune READ commune CONSTANT)
    Q_PROPERTY(QString todayHours READ todayHours NOTIFY todayChanged)
    Q_PROPERTY(bool openNow READ openNow NOTIFY todayChanged)
    Q_PROPERTY(QString nextOpening READ nextOpening NOTIFY todayChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QStringList languages READ languages CONSTANT)
    Q_PROPERTY(qreal textScale READ textScale WRITE setTextScale NOTIFY textScaleChanged)
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool visioAvailable READ visioAvailable CONSTANT)
    Q_PROPERTY(relais::SurveyController *survey READ survey CONSTANT)
    Q_PROPERTY(relais::MediatorController *mediator READ mediator CONSTANT)
    Q_PROPERTY(relais::SyncService *sync READ sync CONSTANT)
    Q_PROPERTY(relais::EnrollmentController *enrollment READ enrollment CONSTANT)

public:
    Kiosk(SiteConfig config, AgencyCatalog catalog, Journal *journal,
          SessionController::Timing timing, const BundledDefinitions &bundled = {},
          QObject *parent = nullptr);
    ~Kiosk() override;

    // The QML engine asks for the singleton; the program (or a test) made it beforehand.
    static Kiosk *create(QQmlEngine *engine, QJSEngine *);
    static Kiosk *instance();

    // A touch at (x, y) in a window of width × height is the mediator's gesture, not a
    // resident's: the attract screen does not open a session for it.
    Q_INVOKABLE bool isMediatorCorner(qreal x, qreal y, qreal width, qreal height) const;
    SessionController *session() { return &m_session; }
    AgencyModel *agencies() { return &m_agencies; }
    const SiteConfig &config() const { return m_config; }
    QString siteName() const { return m_config.name; }
    QString commune() const { return m_config.commune; }
    QString todayHours() const;
    bool openNow() const;
    // "lundi à 9 h" / "Monday at 9:00": when the site next opens, for the attract screen.
    QString nextOpening() const;
    QString language() const { return m_language; }
    void setLanguage(const QString &language);
    QStringList languages() const { return m_config.languages; }
    qreal textScale() const { return m_textScale; }
    void setTextScale(qreal scale);
    QString version() const;
    bool visioAvailable() const { return m_config.visio.has_value(); }
    SurveyController *survey() { return m_survey.get(); }
    MediatorController *mediator() { return m_mediator.get(); }
    SyncService *sync() { return &m_sync; }
    // Starts the sync with the observatory, when the configuration names one; the store at
    // `storePath` is opened again on the sync's thread.
    void startSync(const QString &storePath, const QString &dataDirectory);
    WeeklyGrid *weeklyGrid() { return m_grid.get(); }
    // Queues this kiosk's counts of the weeks that changed since the last time (the timer
    // does it every minute); returns how many snapshots it queued.
    int queueCountSnapshots();
    const ProcedureCatalog &procedures() const { return m_procedures; }
    // Every name a resident may type for each agency: its id and its names in each language.
    QHash<QString, QStringList> agencySearchNames() const;
    EnrollmentController *enrollment() { return m_enrollment.get(); }
    // The signed configuration: the last good bundle and the last refusal (for the heartbeat).
    BundleUpdater *bundles() { return m_bundles.get(); }
    // Where the kiosk's sound goes (the call's and the speech's): a headset when one is plugged
    // in and the site allows it (visio.headset_switch). Watching starts with
    // startHeadsetSwitch(), which the program calls and most tests do not.
    media::HeadsetSwitch *headsetSwitch() { return &m_headsetSwitch; }
    void startHeadsetSwitch() { m_headsetSwitch.start(); }

    Q_INVOKABLE QString agencyName(const QString &id) const;
    Q_INVOKABLE QString agencyPictogram(const QString &id) const;
    // Native name of a language, shown as is whatever the current language.
    Q_INVOKABLE QString languageName(const QString &code) const;
    Q_INVOKABLE bool offersLanguage(const QString &code) const
    {
        return languages().contains(code);
    }

signals:
    void todayChanged();
    void languageChanged();
    void textScaleChanged();
    // A newer signed bundle was taken and nobody is using the kiosk: the program starts again
    // with it (main.cpp), since the site, catalogs and surveys are read once at start.
    void restartRequested();

private:
    // Loads the catalog of `language` (in place of the one installed), when one is shipped.
    void installCatalog(const QString &language);
    void resetResidentChoices();
    void restartIfIdle();

    SiteConfig m_config;
    AgencyCatalog m_catalog;
    ProcedureCatalog m_procedures;
    SessionController m_session;
    SyncService m_sync;
    media::HeadsetSwitch m_headsetSwitch;
    bool m_syncFollowsEnrollment = false;
    bool m_newBundleWaiting = false;
    AgencyModel m_agencies;
    QString m_language;
    qreal m_textScale = 1.0;
    QTranslator m_translator;
    bool m_translatorInstalled = false;
    QPointer<QQmlEngine> m_engine;
    QTimer m_dayTimer;
    QDate m_today;
    // Surveys, counts and mediator mode share the journal's store.
    std::unique_ptr<SurveyResponses> m_responses;
    std::unique_ptr<SurveyController> m_survey;
    std::unique_ptr<WeeklyGrid> m_grid;
    std::unique_ptr<CountSnapshots> m_snapshots;
    QTimer m_snapshotTimer;
    std::unique_ptr<SiteWeekClient> m_siteWeeks;
    std::unique_ptr<PinLock> m_pin;
    std::unique_ptr<MediatorController> m_mediator;
    CornerGesture m_cornerGesture;
    std::unique_ptr<EnrollmentController> m_enrollment;
    std::unique_ptr<BundleUpdater> m_bundles;
};

} // namespace relais
