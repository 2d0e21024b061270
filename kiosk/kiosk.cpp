// SPDX-License-Identifier: EUPL-1.2
#include "kiosk.h"

#include "identity/curltransport.h"
#include "journal.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcKiosk, "relais.kiosk")

namespace relais {

namespace {
Kiosk *s_instance = nullptr;
}

Kiosk::Kiosk(SiteConfig config, AgencyCatalog catalog, Journal *journal,
             SessionController::Timing timing, const BundledDefinitions &bundled, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_catalog(std::move(catalog)),
      m_procedures(ProcedureCatalog::shipped(m_catalog)), m_session(journal, timing),
      m_headsetSwitch(m_config.visio && m_config.visio->headsetSwitch),
      m_agencies(m_config, m_catalog),
      m_language(m_config.languages.value(0, QStringLiteral("fr"))), m_today(QDate::currentDate())
{
    s_instance = this;
    for (const ProcedureFile &file : bundled.procedures) {
        if (const auto refused = m_procedures.install(file))
            qCWarning(lcKiosk).noquote() << "bundled procedures refused:" << refused->message();
    }
    m_agencies.setLanguage(m_language);
    installCatalog(m_language);
    m_session.addWipeStep(QStringLiteral("language and text size"),
                          [this] { resetResidentChoices(); });
    // The attract screen shows today's hours: notice midnight and the opening or closing time.
    m_dayTimer.setInterval(30 * 1000);
    connect(&m_dayTimer, &QTimer::timeout, this, [this] {
        m_today = QDate::currentDate();
        emit todayChanged();
    });
    m_dayTimer.start();

    Q_ASSERT(journal);
    Database &database = journal->database();
    const QTimeZone zone = QTimeZone::systemTimeZone();
    const auto language = [this] { return m_language; };
    m_responses = std::make_unique<SurveyResponses>(database, m_config.siteId, zone);
    SurveyLibrary library = SurveyLibrary::shipped();
    if (!m_config.surveys.directory.isEmpty()) {
        // A refused definition leaves the one in use (shipped or earlier) in place.
        for (const ConfigError &error : library.installDirectory(m_config.surveys.directory))
            qCWarning(lcKiosk).noquote() << "survey definition refused:" << error.message();
    }
    // The signed bundle comes last: what the observatory sent wins over the local folder.
    for (const SurveyDefinition &definition : bundled.surveys) {
        if (const auto refused = library.install(definition))
            qCWarning(lcKiosk).noquote() << "bundled survey refused:" << refused->message();
    }
    m_survey = std::make_unique<SurveyController>(
        &m_session, std::move(library), m_responses.get(),
        SurveyController::Settings{m_config.surveys.afterSession, m_config.surveys.afterCall,
                                   m_config.surveys.freeText},
        language);
    QStringList agencyIds;
    for (const AgencyOffer &offer : std::as_const(m_config.agencies))
        agencyIds << offer.id;
    m_grid = std::make_unique<WeeklyGrid>(database, m_config.siteId, agencyIds, zone);
    m_snapshots = std::make_unique<CountSnapshots>(database, m_config.siteId, zone);
    // The journal changes with every session; its weeks' counts are looked at again each
    // minute, which is one indexed read when nothing happened.
    m_snapshotTimer.setInterval(60 * 1000);
    connect(&m_snapshotTimer, &QTimer::timeout, this, &Kiosk::queueCountSnapshots);
    m_snapshotTimer.start();
    QTimer::singleShot(5 * 1000, this, &Kiosk::queueCountSnapshots);
    // A session's end is when its counts are final: they leave then, not up to a minute later.
    connect(&m_session, &SessionController::eventRecorded, this, [this](const QString &type) {
        if (type == QLatin1String("session_ended"))
            QTimer::singleShot(0, this, &Kiosk::queueCountSnapshots);
    });
    m_pin = std::make_unique<PinLock>(database, m_config.mediatorPinHash);
    m_mediator = std::make_unique<MediatorController>(MediatorController::Sources{
        m_grid.get(), m_pin.get(), m_responses.get(),
        m_survey->library().find(m_config.surveys.afterSession), language,
        [zone] { return QDateTime::currentDateTimeUtc().toTimeZone(zone).date(); },
        [this](IsoWeek week) { m_siteWeeks->check(week); }});
    QJSEngine::setObjectOwnership(m_survey.get(), QJSEngine::CppOwnership);
    QJSEngine::setObjectOwnership(m_mediator.get(), QJSEngine::CppOwnership);
    if (m_pin->hasPin())
        connect(&m_cornerGesture, &CornerGesture::triggered, m_mediator.get(),
                &MediatorController::openPad);
    connect(&m_cornerGesture, &CornerGesture::pressed, m_mediator.get(),
            &MediatorController::userActivity);
    if (QCoreApplication::instance())
        QCoreApplication::instance()->installEventFilter(&m_cornerGesture);

    // The identity and the signed configuration live beside the store.
    const QString dataDirectory = QFileInfo(database.path()).absolutePath();
    const auto transport = std::make_shared<CurlTransport>();
    const auto clock = [] { return QDateTime::currentDateTimeUtc(); };
    m_enrollment =
        std::make_unique<EnrollmentController>(KioskIdentity(dataDirectory), transport, clock);
    m_bundles = std::make_unique<BundleUpdater>(
        KioskIdentity(dataDirectory), &BundleStore::validateKioskContent, transport, clock);
    m_siteWeeks =
        std::make_unique<SiteWeekClient>(KioskIdentity(dataDirectory), transport, m_grid->rows());
    connect(m_siteWeeks.get(), &SiteWeekClient::checked, m_mediator.get(),
            &MediatorController::siteChecked);
    QJSEngine::setObjectOwnership(m_enrollment.get(), QJSEngine::CppOwnership);
    connect(m_enrollment.get(), &EnrollmentController::credentialsChanged, m_bundles.get(),
            &BundleUpdater::fetchNow);
    connect(m_bundles.get(), &BundleUpdater::checked, this, [this](const BundleStatus &status) {
        if (status.result == QLatin1String("accepted")) {
            m_newBundleWaiting = true;
            restartIfIdle();
        }
    });
    connect(&m_session, &SessionController::changed, this, &Kiosk::restartIfIdle);
    connect(m_mediator.get(), &MediatorController::padChanged, this, &Kiosk::restartIfIdle);
    connect(m_mediator.get(), &MediatorController::unlockedChanged, this, &Kiosk::restartIfIdle);
    connect(this, &Kiosk::languageChanged, m_mediator.get(), &MediatorController::languageChanged);
    connect(this, &Kiosk::languageChanged, &m_sync, &SyncService::retranslate);
    m_bundles->start();
    if (m_enrollment->enrolled())
        QTimer::singleShot(10 * 1000, m_bundles.get(), &BundleUpdater::fetchNow);
}

Kiosk::~Kiosk()
{
    if (s_instance == this)
        s_instance = nullptr;
}

Kiosk *Kiosk::create(QQmlEngine *engine, QJSEngine *)
{
    Q_ASSERT(s_instance);
    s_instance->m_engine = engine;
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

Kiosk *Kiosk::instance()
{
    return s_instance;
}

QString Kiosk::todayHours() const
{
    return m_config.openingHours.describe(m_today, m_language);
}

bool Kiosk::openNow() const
{
    return m_config.openingHours.isOpenAt(QDateTime::currentDateTime());
}

QString Kiosk::nextOpening() const
{
    const QDateTime next = m_config.openingHours.nextOpening(QDateTime::currentDateTime());
    if (!next.isValid())
        return {};
    const bool french = m_language == QLatin1String("fr");
    const QLocale locale = french ? QLocale(QLocale::French) : QLocale(QLocale::English);
    return QStringLiteral("%1 %2 %3")
        .arg(locale.dayName(next.date().dayOfWeek()),
             french ? QStringLiteral("à") : QStringLiteral("at"),
             formatTimeOfDay(next.time(), m_language));
}

void Kiosk::installCatalog(const QString &language)
{
    if (m_translatorInstalled) {
        QCoreApplication::removeTranslator(&m_translator);
        m_translatorInstalled = false;
    }
    // French is the source language, but its catalog still holds the singular of every count
    // ("1 personne attend"), which a source text can only give in one form.
    if (m_translator.load(QStringLiteral(":/i18n/relais_%1.qm").arg(language)))
        m_translatorInstalled = QCoreApplication::installTranslator(&m_translator);
    else
        qCWarning(lcKiosk) << "no translation shipped for" << language;
}

void Kiosk::setLanguage(const QString &language)
{
    if (language == m_language || !m_config.languages.contains(language))
        return;
    installCatalog(language);
    m_language = language;
    m_agencies.setLanguage(language);
    if (m_engine)
        m_engine->retranslate();
    emit languageChanged();
    emit todayChanged();
}

void Kiosk::setTextScale(qreal scale)
{
    const qreal bounded = std::clamp(scale, 1.0, 2.0);
    if (qFuzzyCompare(bounded, m_textScale))
        return;
    m_textScale = bounded;
    emit textScaleChanged();
}

void Kiosk::startSync(const QString &storePath, const QString &dataDirectory)
{
    if (storePath == QLatin1String(":memory:"))
        return;
    if (!m_syncFollowsEnrollment) {
        // A new certificate (enrollment, renewal): the sync starts again with it.
        m_syncFollowsEnrollment = true;
        connect(m_enrollment.get(), &EnrollmentController::credentialsChanged, this,
                [this, storePath, dataDirectory] {
                    m_sync.stop();
                    startSync(storePath, dataDirectory);
                });
        connect(m_bundles.get(), &BundleUpdater::checked, this,
                [this](const BundleStatus &status) { m_sync.setBundleStatus(status.toJson()); });
        m_sync.setBundleStatus(m_bundles->lastStatus().toJson());
    }
    SyncSettings settings;
    // Not enrolled: the sync runs anyway and says so.
    settings.identity = ClientIdentity::enrolled(KioskIdentity(dataDirectory));
    settings.site = m_config.siteId;
    settings.storePath = storePath;
    settings.dataDirectory = dataDirectory;
    settings.heartbeatS = m_config.observatory.heartbeatSeconds;
    settings.scanDevices = true;
    settings.freeTextQuestions = m_survey->library().freeTextQuestions();
    m_sync.start(std::move(settings));
    connect(&m_sync, &SyncService::changed, m_mediator.get(), &MediatorController::recordsMoved);
}

bool Kiosk::isMediatorCorner(qreal x, qreal y, qreal width, qreal height) const
{
    return m_pin->hasPin() && CornerGesture::inCorner({x, y}, {width, height});
}

int Kiosk::queueCountSnapshots()
{
    int queued = 0;
    try {
        queued = m_snapshots->update();
    } catch (const DatabaseError &error) {
        qCWarning(lcKiosk) << "could not queue this kiosk's counts:" << error.what();
    }
    if (queued > 0)
        m_sync.recordsAdded();
    return queued;
}

void Kiosk::restartIfIdle()
{
    // Never in front of a resident or the mediator: only on the attract screen.
    if (!m_newBundleWaiting || m_session.state() != SessionController::Attract ||
        m_mediator->padOpen() || m_mediator->unlocked())
        return;
    m_newBundleWaiting = false;
    qCInfo(lcKiosk) << "a new configuration bundle was taken; starting again with it";
    emit restartRequested();
}

QString Kiosk::version() const
{
    return QStringLiteral(RELAIS_VERSION);
}

QString Kiosk::agencyName(const QString &id) const
{
    const AgencyInfo *info = m_catalog.find(id);
    return info ? info->nameIn(m_language) : QString();
}

QString Kiosk::agencyPictogram(const QString &id) const
{
    const AgencyInfo *info = m_catalog.find(id);
    return info ? info->pictogram : QString();
}

QHash<QString, QStringList> Kiosk::agencySearchNames() const
{
    QHash<QString, QStringList> names;
    for (const QString &id : m_catalog.ids()) {
        const AgencyInfo *info = m_catalog.find(id);
        names.insert(id, QStringList{id} + info->name.values());
    }
    return names;
}

QString Kiosk::languageName(const QString &code) const
{
    if (code == QLatin1String("fr"))
        return QStringLiteral("Français");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

void Kiosk::resetResidentChoices()
{
    setLanguage(m_config.languages.value(0, QStringLiteral("fr")));
    setTextScale(1.0);
}

} // namespace relais
