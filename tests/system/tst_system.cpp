// SPDX-License-Identifier: EUPL-1.2
// The system test (README.md here): every Relais program at once with nothing fake between
// them, the kiosks driven through their real screens as a resident and a mediator would, and
// every figure the observatory publishes checked against what was done.
#include "backend.h"
#include "browseragent.h"
#include "enrolledkiosk.h"
#include "httpsclient.h"
#include "hubprocess.h"
#include "ingest/records.h"
#include "kioskprocess.h"
#include "observatoryprocess.h"
#include "privatecups.h"
#include "sitesserver.h"
#include "turnserver.h"

#include "testpdf.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPdfDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/prctl.h>

using namespace relais;
using relais::e2e::BrowserAgent;
using relais::test::KioskProcess;

namespace {

const QString kSite = QStringLiteral("19-allday"); // its CAF counter is always open at the hub
const QString kAgent = QStringLiteral("m.durand");
// The hub's token at the observatory (its "hubs"), for the advisers' wrap-ups.
const QByteArray kHubToken("token-of-the-xaintrie-hub-0123456789abcdef");

QJsonObject cmd(const char *name, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("cmd"), QLatin1String(name));
    return fields;
}

bool ok(const QJsonObject &reply)
{
    return reply.value(QStringLiteral("ok")).toBool();
}

} // namespace

class TestSystem : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void oneWeekAtOneSite();

private:
    // A kiosk's configuration: the demo site's, as site kSite with the hub of this test.
    QString writeKioskConfig(const QString &kiosk, const QString &afterSessionSurvey);
    QProcessEnvironment kioskEnvironment(const QString &home) const;
    // Opens mediator mode on the count grid (the demo's PIN).
    void openMediator(KioskProcess &kiosk);
    // The dashboard's tables for this week and site, as a partner reads them: id → rows, each
    // row a map of column id → value.
    QMap<QString, QList<QVariantMap>> dashboard();
    // Rows of a table of a kiosk's store (outbox, outbox_aside).
    int kioskRows(const QString &kiosk, const QString &table) const;
    // The documents (PDF files, or named after the adviser's form) under a folder.
    static QStringList documentsUnder(const QString &folder);

    QTemporaryDir m_dir;
    observatory::test::Backend m_backend;
    std::unique_ptr<observatory::test::ObservatoryProcess> m_observatory;
    media::test::TurnServer m_turn;
    std::unique_ptr<hub::test::HubProcess> m_hub;
    PrivateCups m_cups;
    SitesServer m_sites; // the agencies' websites, for the guide's browser
    BrowserAgent m_console;
    KioskProcess m_kiosk1{QStringLiteral("borne-1")};
    KioskProcess m_kiosk2{QStringLiteral("borne-2")};
    QString m_shots = QStringLiteral(SCREENSHOT_DIR);
};

void TestSystem::initTestCase()
{
    QDir().mkpath(m_shots);
    m_observatory = std::make_unique<observatory::test::ObservatoryProcess>(m_backend.database());
    {
        // The observatory knows the site the hub keeps always open.
        QFile file(m_observatory->configPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QJsonArray sites = config.value(QStringLiteral("sites")).toArray();
        sites.append(
            QJsonObject{{QStringLiteral("id"), kSite},
                        {QStringLiteral("name"), QStringLiteral("France Services d'Argentat")},
                        {QStringLiteral("territory"), QStringLiteral("Xaintrie")},
                        {QStringLiteral("departement"), QStringLiteral("19")},
                        {QStringLiteral("opened"), QStringLiteral("2025-01-06")}});
        config.insert(QStringLiteral("sites"), sites);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(config).toJson());
    }
    m_observatory->acceptHub(QStringLiteral("xaintrie"), kHubToken);
    QVERIFY(m_observatory->start());

    QVERIFY(m_turn.start());
    hub::test::ConfigOptions options;
    options.consolePort = 0;
    options.turnSecret = media::test::TurnServer::secret();
    options.stunUrls = {QStringLiteral("stun:127.0.0.1:%1").arg(m_turn.port())};
    options.turnUrls = {QStringLiteral("turn:127.0.0.1:%1?transport=udp").arg(m_turn.port())};
    options.observatory = {{QStringLiteral("url"), m_observatory->url()},
                           {QStringLiteral("ca"), m_observatory->caPath()},
                           {QStringLiteral("token"), QString::fromLatin1(kHubToken)}};
    m_hub = std::make_unique<hub::test::HubProcess>(options);
    m_hub->addAgents({{QStringLiteral("caf"), kAgent}});
    m_hub->process().setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QVERIFY(m_hub->start());

    QString error;
    QVERIFY2(m_cups.start(&error), qPrintable(error));
    m_sites.m_diskRoot = m_dir.path();
    QVERIFY2(m_sites.start(&error), qPrintable(error));

    QVERIFY2(m_console.start(m_hub->consoleUrl()), "Chromium did not start");
    QVERIFY(ok(m_console.run(
        cmd("login", {{"agency", "caf"}, {"login", kAgent}, {"password", "agent-password"}}))));

    // Kiosk 2 runs the accessibility grid's campaign: it is offered after each visit.
    for (auto [kiosk, process, survey] :
         {std::tuple{QStringLiteral("borne-1"), &m_kiosk1, QStringLiteral("satisfaction-visite")},
          std::tuple{QStringLiteral("borne-2"), &m_kiosk2,
                     QStringLiteral("grille-accessibilite")}}) {
        const QString data = m_dir.filePath(kiosk);
        QVERIFY(QDir().mkpath(data));
        const ClientIdentity identity = test::enrollKiosk(*m_observatory, data, kSite, kiosk);
        QVERIFY(identity.isComplete());
        QVERIFY2(process->start(writeKioskConfig(kiosk, survey), data,
                                kioskEnvironment(m_dir.filePath(kiosk + QStringLiteral("-home")))),
                 qPrintable(process->lastError()));
    }
}

void TestSystem::cleanupTestCase()
{
    m_kiosk1.stop();
    m_kiosk2.stop();
    m_console.run(cmd("quit"));
}

QString TestSystem::writeKioskConfig(const QString &kiosk, const QString &afterSessionSurvey)
{
    QFile demo(QStringLiteral(RELAIS_SOURCE_DIR "/kiosk/data/demo-site.json"));
    demo.open(QIODevice::ReadOnly);
    QJsonObject config = QJsonDocument::fromJson(demo.readAll()).object();
    QJsonObject site = config.value(QStringLiteral("site")).toObject();
    site.insert(QStringLiteral("id"), kSite);
    site.insert(QStringLiteral("name"), QStringLiteral("France Services d'Argentat"));
    config.insert(QStringLiteral("site"), site);
    // The shortest idle the configuration allows: a session is left to it.
    config.insert(QStringLiteral("idle"), QJsonObject{{QStringLiteral("timeout_s"), 20},
                                                      {QStringLiteral("countdown_s"), 10},
                                                      {QStringLiteral("goodbye_s"), 2}});
    config.insert(
        QStringLiteral("visio"),
        QJsonObject{
            {QStringLiteral("hub"), QStringLiteral("wss://localhost:%1/v1").arg(m_hub->port())},
            {QStringLiteral("kiosk"), kiosk},
            {QStringLiteral("token"), hub::test::kioskToken(kSite, kiosk)},
            {QStringLiteral("ca_file"), m_hub->path() + QStringLiteral("/hub-cert.pem")},
            {QStringLiteral("test_sources"), true},
            {QStringLiteral("local_addresses"), QJsonArray{QStringLiteral("127.0.0.1")}},
            {QStringLiteral("audio_sink"), QStringLiteral("fakesink")}});
    QJsonObject surveys = config.value(QStringLiteral("surveys")).toObject();
    surveys.insert(QStringLiteral("after_session"), afterSessionSurvey);
    config.insert(QStringLiteral("surveys"), surveys);
    config.insert(QStringLiteral("observatory"), QJsonObject{{QStringLiteral("heartbeat_s"), 30}});
    const QString path = m_dir.filePath(kiosk + QStringLiteral(".json"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(config).toJson());
    return path;
}

QProcessEnvironment TestSystem::kioskEnvironment(const QString &home) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QDir().mkpath(home);
    QFile::setPermissions(home,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.insert(QStringLiteral("HOME"), home);
    for (const char *name :
         {"XDG_RUNTIME_DIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "TMPDIR"})
        env.insert(QLatin1String(name), home);
    // Every agency's host name leads to the loopback sites server, with the run's certificate.
    env.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"),
               QStringLiteral("--host-resolver-rules=\"MAP * 127.0.0.1:%1\" "
                              "--ignore-certificate-errors")
                   .arg(m_sites.port()));
    env.insert(QStringLiteral("CUPS_SERVER"), m_cups.server());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Chromium's sandbox cannot run as root, which the CI is.
    env.insert(QStringLiteral("QTWEBENGINE_DISABLE_SANDBOX"), QStringLiteral("1"));
    return env;
}

// What a kiosk showed when a step failed: its picture and the names of what was visible.
void explain(KioskProcess &kiosk, const QString &shots)
{
    const QString error = kiosk.lastError();
    kiosk.shot(shots + QStringLiteral("/failed-%1.png").arg(kiosk.name()));
    qInfo().noquote() << kiosk.name() << "showed:" << kiosk.run(QStringLiteral("names"));
    qInfo().noquote() << kiosk.name()
                      << "picture:" << shots + QStringLiteral("/failed-%1.png").arg(kiosk.name());
    kiosk.setLastError(error);
}

// Asserts one step of a kiosk's screens, with the kiosk's own words when it fails.
#define DRIVE(kiosk, step)                                                                         \
    do {                                                                                           \
        if (!(step)) {                                                                             \
            explain(kiosk, m_shots);                                                               \
            QFAIL(qPrintable((kiosk).lastError()));                                                \
        }                                                                                          \
    } while (false)

void TestSystem::oneWeekAtOneSite()
{
    // Kiosk 2: a resident starts a session and walks away from it; the idle timeout (20 s,
    // then a 10 s countdown) ends it while kiosk 1 is used.
    DRIVE(m_kiosk2, m_kiosk2.tapText(QStringLiteral("Touchez l'écran pour commencer")));
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("agency-cpam")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("agency-cpam")));
    QElapsedTimer idleSince;
    idleSince.start();

    // Kiosk 1, first visit: the CAF's payment certificate with the guide, help asked at
    // step 2, then "Terminer et effacer" (no survey).
    DRIVE(m_kiosk1, m_kiosk1.tapText(QStringLiteral("Touchez l'écran pour commencer")));
    for (const char *name : {"agency-caf", "option-online", "procedure-caf-attestation-paiement",
                             "startGuideButton", "nextStepButton"}) {
        DRIVE(m_kiosk1, m_kiosk1.wait(QLatin1String(name), 15000));
        DRIVE(m_kiosk1, m_kiosk1.tap(QLatin1String(name)));
    }
    DRIVE(m_kiosk1, m_kiosk1.waitText(QStringLiteral("Étape 2 sur 4")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("helpButton")));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("helpComing")));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/1-guide-help-at-step-2.png")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("endSessionButton")));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("surveyDeclineButton")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("surveyDeclineButton")));
    DRIVE(m_kiosk1, m_kiosk1.waitState(QStringLiteral("Attract"), 15000));

    // Kiosk 1, second visit: a video call with the CAF. The adviser, in Chromium, takes it and
    // sends a two-page form; the resident keeps it and hangs up.
    DRIVE(m_kiosk1, m_kiosk1.tapText(QStringLiteral("Touchez l'écran pour commencer")));
    for (const char *name : {"agency-caf", "option-visio"}) {
        DRIVE(m_kiosk1, m_kiosk1.wait(QLatin1String(name)));
        DRIVE(m_kiosk1, m_kiosk1.tap(QLatin1String(name)));
    }
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("callButton"), 15000));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("callButton")));
    // Why she calls, chosen on the kiosk before queuing, is in the adviser's queue row, in
    // the catalog's French title.
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("reasonQuestion")));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/2-kiosk-reason.png")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("reason-caf-attestation-paiement")));
    const QJsonObject queued = m_console.run(cmd("waitQueue", {{"count", 1}}), 30000);
    QVERIFY(ok(queued));
    QCOMPARE(queued.value("reasons").toArray().first().toString(),
             QStringLiteral("Avoir une attestation de paiement"));
    // A ready word from the console reaches her queue screen, and the row says it was said.
    const QJsonObject said = m_console.run(cmd("sayWord", {{"word", "wait_5"}}));
    QVERIFY(ok(said));
    QCOMPARE(said.value("said").toString(),
             QStringLiteral("Dit : « Je suis à vous dans 5 minutes. »"));
    DRIVE(m_kiosk1, m_kiosk1.waitText(
                        QStringLiteral("Message du conseiller : Je suis à vous dans 5 minutes.")));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/2-kiosk-word-while-waiting.png")));
    QVERIFY(
        ok(m_console.run(cmd("screenshot", {{"path", m_shots + "/2-console-queue-reason.png"}}))));
    const QJsonObject taken = m_console.run(cmd("take"));
    QVERIFY(ok(taken));
    QCOMPARE(taken.value("reason").toString(),
             QStringLiteral("Motif : Avoir une attestation de paiement"));
    QVERIFY(ok(m_console.run(cmd("waitCall", {{"frames", 10}}), 40000)));
    const QString form = m_dir.filePath(QStringLiteral("Attestation de paiement.pdf"));
    QVERIFY(writeTestPdf(form, 2));
    QVERIFY(ok(m_console.run(cmd("sendPdf", {{"path", form}}))));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("keepDocumentButton"), 20000));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("keepDocumentButton")));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("keptDocuments")));
    QVERIFY(ok(m_console.run(cmd("screenshot", {{"path", m_shots + "/2-console-call.png"}}))));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/2-kiosk-call.png")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("hangUpButton")));
    QVERIFY(ok(m_console.run(cmd("waitEnded"), 20000)));
    // The adviser says how it ended: the hub keeps it and sends it to the observatory.
    QVERIFY(ok(m_console.run(cmd("screenshot", {{"path", m_shots + "/2-console-wrap-up.png"}}))));
    const QJsonObject wrapped = m_console.run(cmd("wrapUp", {{"outcome", "appointment"}}));
    QVERIFY(ok(wrapped));
    QCOMPARE(wrapped.value("offered").toVariant().toStringList(),
             QStringList({"Réglé", "À recontacter", "Orienté vers l'accueil physique",
                          "Rendez-vous pris", "Autre"}));
    QCOMPARE(wrapped.value("notice").toString(),
             QStringLiteral("Issue de l'appel enregistrée : Rendez-vous pris."));

    // The survey after the call, every question answered with a known answer.
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("surveyStartButton"), 10000));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("surveyStartButton")));
    // What she taps, question after question (satisfaction-visite's order).
    const QList<QStringList> answers = {
        {QStringLiteral("answer-tres-satisfait")}, // accueil
        {QStringLiteral("answer-satisfait")},      // service
        {QStringLiteral("answer-en-partie")},      // reponse
        {QStringLiteral("answer-true")},           // recommande
        {QStringLiteral("answer-false")},          // connaissait
        {QStringLiteral("answer-organisme"), QStringLiteral("answer-affiche"),
         QStringLiteral("surveyConfirmButton")}, // connu-par
        {QStringLiteral("answer-proximite")},    // motif
        {QStringLiteral("answer-femme")},        // genre
        {QStringLiteral("answer-75-plus")},      // age
    };
    for (qsizetype question = 0; question < answers.size(); ++question) {
        DRIVE(m_kiosk1,
              m_kiosk1.waitText(
                  QStringLiteral("Question %1 sur %2").arg(question + 1).arg(answers.size())));
        for (const QString &tap : answers[question]) {
            DRIVE(m_kiosk1, m_kiosk1.wait(tap));
            DRIVE(m_kiosk1, m_kiosk1.tap(tap));
        }
    }
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("surveyHomeButton")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("surveyHomeButton")));

    // The kept form, printed from "Imprimer ou scanner": both pages on the CUPS-PDF printer.
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("tile-print")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("tile-print")));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("tile-document-0")));
    QCOMPARE(m_kiosk1.text(QStringLiteral("tile-document-0")),
             QStringLiteral("Imprimer « Attestation de paiement.pdf »"));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("tile-document-0")));
    DRIVE(m_kiosk1, m_kiosk1.wait(QStringLiteral("printButton")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("printButton")));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(m_cups.outputPath()), 30000);
    QPdfDocument printed;
    QTRY_COMPARE_WITH_TIMEOUT(printed.load(m_cups.outputPath()), QPdfDocument::Error::None, 10000);
    QCOMPARE(printed.pageCount(), m_cups.landedPages(2, 1));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/3-printed.png")));
    // Until she ends her visit, the form is in her session's folder on this disk.
    QCOMPARE(documentsUnder(m_dir.filePath(QStringLiteral("borne-1"))).size() +
                 documentsUnder(m_dir.filePath(QStringLiteral("borne-1-home"))).size(),
             1);
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("endSessionButton")));
    DRIVE(m_kiosk1, m_kiosk1.waitState(QStringLiteral("Attract"), 15000));

    // Kiosk 2: the idle session is over by now.
    DRIVE(m_kiosk2,
          m_kiosk2.waitState(QStringLiteral("Attract"), 45000 - int(idleSince.elapsed())));
    // Kiosk 2, a visit that answers the accessibility grid about the CAF.
    DRIVE(m_kiosk2, m_kiosk2.tapText(QStringLiteral("Touchez l'écran pour commencer")));
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("tile-print")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("tile-print")));
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("tile-scan")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("endSessionButton")));
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("surveyStartButton")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("surveyStartButton")));
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("answer-caf")));
    DRIVE(m_kiosk2, m_kiosk2.shot(m_shots + QStringLiteral("/4-grid-service.png")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("answer-caf")));
    // The eleven criteria: "satisfait" for the first, "peu satisfait" for the others.
    for (int criterion = 0; criterion < 11; ++criterion) {
        const QString answer = criterion == 0 ? QStringLiteral("answer-satisfait")
                                              : QStringLiteral("answer-peu-satisfait");
        DRIVE(m_kiosk2, m_kiosk2.wait(answer));
        DRIVE(m_kiosk2, m_kiosk2.tap(answer));
        DRIVE(m_kiosk2, m_kiosk2.ok(QStringLiteral("pause 300")));
    }
    // And the 0-10 mark of the service.
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("answer-8")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("answer-8")));
    DRIVE(m_kiosk2, m_kiosk2.waitState(QStringLiteral("Attract"), 20000));

    // The mediator, at kiosk 1: today's desk counts entered once (3 people informed about the
    // CAF, 2 helped with a CPAM procedure online), and the site's week closed.
    const int today = QDate::currentDate().dayOfWeek();
    openMediator(m_kiosk1);
    if (QTest::currentTestFailed())
        return;
    for (const auto &[line, count] : {std::pair{QStringLiteral("information-caf"), 3},
                                      std::pair{QStringLiteral("online-cpam"), 2}}) {
        const QString cell = QStringLiteral("cell-%1-%2").arg(line).arg(today);
        DRIVE(m_kiosk1, m_kiosk1.wait(cell));
        DRIVE(m_kiosk1, m_kiosk1.tap(cell));
        for (int i = 0; i < count; ++i)
            DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("stepUp")));
        QCOMPARE(m_kiosk1.text(QStringLiteral("stepValue")), QString::number(count));
    }
    DRIVE(m_kiosk1, m_kiosk1.waitEnabled(QStringLiteral("closeWeekButton"), 15000));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("closeWeekButton")));
    DRIVE(m_kiosk1, m_kiosk1.waitText(QStringLiteral("Envoyée"), 30000));
    DRIVE(m_kiosk1, m_kiosk1.shot(m_shots + QStringLiteral("/6-week-closed-on-kiosk-1.png")));
    DRIVE(m_kiosk1, m_kiosk1.tap(QStringLiteral("mediatorLeave")));
    QCOMPARE(m_kiosk1.state(), QStringLiteral("Attract"));

    // At kiosk 2 the mediator finds the week closed on kiosk 1: no second closing.
    openMediator(m_kiosk2);
    if (QTest::currentTestFailed())
        return;
    DRIVE(m_kiosk2, m_kiosk2.wait(QStringLiteral("siteWeekNotice"), 15000));
    const QString closedBy = m_kiosk2.text(QStringLiteral("siteWeekTitle"));
    QVERIFY2(closedBy.startsWith(QStringLiteral("Semaine close")) &&
                 closedBy.contains(QStringLiteral("borne-1")),
             qPrintable(closedBy));
    QVERIFY(m_kiosk2.run(QStringLiteral("names"))
                .split(u' ')
                .contains(QStringLiteral("closeWeekButton")) == false);
    // All of its words are shown, none cut under the grid (once the layout has settled).
    QTRY_COMPARE_WITH_TIMEOUT(
        m_kiosk2.run(QStringLiteral("property siteWeekNotice height")),
        m_kiosk2.run(QStringLiteral("property siteWeekNotice implicitHeight")), 5000);
    DRIVE(m_kiosk2, m_kiosk2.shot(m_shots + QStringLiteral("/7-week-closed-elsewhere.png")));
    DRIVE(m_kiosk2, m_kiosk2.tap(QStringLiteral("mediatorLeave")));

    // Both kiosks have sent everything, and the observatory refused nothing.
    for (const QString &kiosk : {QStringLiteral("borne-1"), QStringLiteral("borne-2")}) {
        QTRY_COMPARE_WITH_TIMEOUT(kioskRows(kiosk, QStringLiteral("outbox")), 0, 30000);
        QCOMPARE(kioskRows(kiosk, QStringLiteral("outbox_aside")), 0);
    }

    // What the partners read.
    const auto tables = dashboard();
    QVERIFY(!tables.isEmpty());
    for (auto it = tables.cbegin(); it != tables.cend(); ++it)
        qInfo().noquote() << it.key()
                          << QJsonDocument(QJsonArray::fromVariantList(QVariantList(
                                               it.value().cbegin(), it.value().cend())))
                                 .toJson(QJsonDocument::Compact);

    // The site's week: kiosk 1 (CAF page and guide: information and online procedure; the call:
    // information, video call, print) + kiosk 2 (CPAM page: information; print) + the desk
    // (3 information, 2 online procedures), each counted once.
    const auto visits = tables.value(QStringLiteral("visits"));
    QCOMPARE(visits.size(), 1);
    const QList<std::pair<QString, int>> helps = {
        {QStringLiteral("information"), 2 + 1 + 3}, {QStringLiteral("online_procedure"), 1 + 2},
        {QStringLiteral("video_call"), 1},          {QStringLiteral("internet_access"), 0},
        {QStringLiteral("print_scan"), 1 + 1},      {QStringLiteral("referral"), 0},
    };
    for (const auto &[help, count] : helps)
        QVERIFY2(visits[0].value(help).toInt() == count,
                 qPrintable(QStringLiteral("%1: %2, not %3")
                                .arg(help)
                                .arg(visits[0].value(help).toInt())
                                .arg(count)));
    // The desk's closing is the week's report: received, once.
    const auto completeness = tables.value(QStringLiteral("completeness"));
    QCOMPARE(completeness.size(), 1);
    QCOMPARE(completeness[0].value(QStringLiteral("received")).toInt(), 1);

    // Persons are sessions: four visits, whatever help each had.
    const auto persons = tables.value(QStringLiteral("persons"));
    QCOMPARE(persons.size(), 1);
    QCOMPARE(persons[0].value(QStringLiteral("persons")).toInt(), 4);
    QCOMPARE(persons[0].value(QStringLiteral("video_call")).toInt(), 1);
    QCOMPARE(persons[0].value(QStringLiteral("mediator")).toInt(), 1); // help in the guide
    QCOMPARE(persons[0].value(QStringLiteral("guide_alone")).toInt(), 0);
    QCOMPARE(persons[0].value(QStringLiteral("none")).toInt(), 2);
    const auto ends = tables.value(QStringLiteral("session_ends"));
    QCOMPARE(ends.size(), 2);
    QCOMPARE(ends[0].value(QStringLiteral("ending")).toString(),
             QStringLiteral("Terminée par « Terminer et effacer »"));
    QCOMPARE(ends[0].value(QStringLiteral("persons")).toInt(), 3);
    QCOMPARE(ends[1].value(QStringLiteral("ending")).toString(),
             QStringLiteral("Abandonnée sur la page d'un organisme (fin par inactivité)"));
    QCOMPARE(ends[1].value(QStringLiteral("persons")).toInt(), 1);
    // The procedure, and where help was asked in it.
    const auto procedures = tables.value(QStringLiteral("procedures"));
    QCOMPARE(procedures.size(), 1);
    QCOMPARE(procedures[0].value(QStringLiteral("procedure")).toString(),
             QStringLiteral("caf-attestation-paiement"));
    QCOMPARE(procedures[0].value(QStringLiteral("opened")).toInt(), 1);
    QCOMPARE(procedures[0].value(QStringLiteral("help_requests")).toInt(), 1);
    const auto steps = tables.value(QStringLiteral("help_steps"));
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps[0].value(QStringLiteral("step")).toInt(), 2);
    QCOMPARE(steps[0].value(QStringLiteral("step_text")).toString(),
             QStringLiteral("Touchez « Mes attestations »."));
    // The call, answered.
    const auto calls = tables.value(QStringLiteral("calls"));
    QCOMPARE(calls.size(), 1);
    QCOMPARE(calls[0].value(QStringLiteral("agency")).toString(), QStringLiteral("caf"));
    QCOMPARE(calls[0].value(QStringLiteral("answered")).toInt(), 1);
    QCOMPARE(calls[0].value(QStringLiteral("total")).toInt(), 1);
    // Its wrap-up, from the adviser's console through the hub.
    const auto wrapUps = tables.value(QStringLiteral("call_wrapups"));
    QCOMPARE(wrapUps.size(), 1);
    QCOMPARE(wrapUps[0].value(QStringLiteral("agency")).toString(), QStringLiteral("caf"));
    QCOMPARE(wrapUps[0].value(QStringLiteral("appointment")).toInt(), 1);
    QCOMPARE(wrapUps[0].value(QStringLiteral("resolved")).toInt(), 0);
    QCOMPARE(wrapUps[0].value(QStringLiteral("total")).toInt(), 1);
    // Kiosk 1's answers, read with the survey definitions: (respondents, top, positive) for
    // each satisfaction, need and yes/no figure of satisfaction-visite.
    const auto satisfaction = tables.value(QStringLiteral("satisfaction"));
    const QList<std::tuple<QString, int, int, int>> figures = {
        {QStringLiteral("Satisfaction sur l'accueil"), 1, 1, 1},        // très satisfait
        {QStringLiteral("Satisfaction sur le service rendu"), 1, 0, 1}, // satisfait
        {QStringLiteral("Besoin satisfait"), 1, 0, 0},                  // en partie
        {QStringLiteral("Recommanderait le service"), 1, 1, 1},         // oui
        {QStringLiteral("Connaissait le lieu avant"), 1, 0, 0},         // non
    };
    QCOMPARE(satisfaction.size(), figures.size());
    for (qsizetype i = 0; i < figures.size(); ++i) {
        const auto &[label, respondents, top, positive] = figures[i];
        QCOMPARE(satisfaction[i].value(QStringLiteral("question")).toString(), label);
        QCOMPARE(satisfaction[i].value(QStringLiteral("respondents")).toInt(), respondents);
        QCOMPARE(satisfaction[i].value(QStringLiteral("top")).toInt(), top);
        QCOMPARE(satisfaction[i].value(QStringLiteral("positive")).toInt(), positive);
    }
    // The answers counted by what they say: "connu par" (two ticks of one person), the
    // reason, and the profile.
    const auto venue = tables.value(QStringLiteral("venue"));
    const QList<QStringList> heard = {
        {QStringLiteral("Recommanderait le service"), QStringLiteral("Oui")},
        {QStringLiteral("Connaissait le lieu avant"), QStringLiteral("Non")},
        {QStringLiteral("Comment le lieu a été connu"),
         QStringLiteral("Par un organisme (CAF, CPAM…)")},
        {QStringLiteral("Comment le lieu a été connu"), QStringLiteral("Par une affiche")},
        {QStringLiteral("Motif principal de venue"), QStringLiteral("C'est près de chez moi")},
    };
    QCOMPARE(venue.size(), heard.size());
    for (qsizetype i = 0; i < heard.size(); ++i) {
        QCOMPARE(venue[i].value(QStringLiteral("question")).toString(), heard[i][0]);
        QCOMPARE(venue[i].value(QStringLiteral("answer")).toString(), heard[i][1]);
        QCOMPARE(venue[i].value(QStringLiteral("count")).toInt(), 1);
    }
    const auto profile = tables.value(QStringLiteral("profile"));
    QCOMPARE(profile.size(), 2);
    QCOMPARE(profile[0].value(QStringLiteral("answer")).toString(), QStringLiteral("Une femme"));
    QCOMPARE(profile[1].value(QStringLiteral("question")).toString(),
             QStringLiteral("Tranche d'âge"));
    QCOMPARE(profile[1].value(QStringLiteral("answer")).toString(),
             QStringLiteral("75 ans ou plus"));
    QCOMPARE(profile[1].value(QStringLiteral("count")).toInt(), 1);
    // Kiosk 2's mark of 8 out of 10: one respondent, a passive.
    const auto nps = tables.value(QStringLiteral("nps"));
    QCOMPARE(nps.size(), 1);
    QCOMPARE(nps[0].value(QStringLiteral("respondents")).toInt(), 1);
    QCOMPARE(nps[0].value(QStringLiteral("passives_pct")).toDouble(), 100.0);
    QCOMPARE(nps[0].value(QStringLiteral("nps")).toDouble(), 0.0);
    // Kiosk 2's grid: the CAF's column, satisfied with the first criterion only.
    const auto matrix = tables.value(QStringLiteral("matrix"));
    QCOMPARE(matrix.size(), 11);
    for (qsizetype i = 0; i < matrix.size(); ++i) {
        QCOMPARE(matrix[i].value(QStringLiteral("service")).toString(), QStringLiteral("La CAF"));
        QCOMPARE(matrix[i].value(QStringLiteral("respondents")).toInt(), 1);
        QCOMPARE(matrix[i].value(QStringLiteral("satisfied_pct")).toDouble(), i == 0 ? 100.0 : 0.0);
    }
    QCOMPARE(matrix[0].value(QStringLiteral("criterion")).toString(),
             QStringLiteral("Proximité, temps de trajet"));
    // Both kiosks report in the fleet view (their heartbeats were taken), nothing set aside.
    const auto fleet = tables.value(QStringLiteral("fleet"));
    QCOMPARE(fleet.size(), 2);
    for (const QVariantMap &kiosk : fleet)
        QCOMPARE(kiosk.value(QStringLiteral("set_aside")).toInt(), 0);

    // The same figures on the dashboard's page, in the partner's browser.
    const QJsonObject page = m_console.run(
        cmd("dashboard",
            {{"url", QStringLiteral("https://127.0.0.1:%1/dashboard/").arg(m_observatory->port())},
             {"login", "correze"},
             {"password", "correze-2026"},
             {"path", m_shots + QStringLiteral("/5-dashboard.png")}}),
        60000);
    QVERIFY2(ok(page), QJsonDocument(page).toJson().constData());
    QVERIFY(page.value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("Avoir une attestation de paiement")));
    QVERIFY(page.value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("Satisfaction sur l'accueil")));

    // Nothing of either visit is left on the kiosks' disks: no document, no scan.
    for (const QString &kiosk : {QStringLiteral("borne-1"), QStringLiteral("borne-2")})
        for (const QString &folder : {kiosk, kiosk + QStringLiteral("-home")})
            QCOMPARE(documentsUnder(m_dir.filePath(folder)), QStringList());
}

void TestSystem::openMediator(KioskProcess &kiosk)
{
    // Three taps in the top-right corner, as far apart as a finger makes them, then the PIN.
    // On the attract screen: the mediator opens no resident's session (no person counted).
    for (int tap = 0; tap < 3; ++tap) {
        DRIVE(kiosk, kiosk.ok(QStringLiteral("tapAt 1275 5")));
        DRIVE(kiosk, kiosk.ok(QStringLiteral("pause 150")));
    }
    DRIVE(kiosk, kiosk.wait(QStringLiteral("pin-4")));
    for (const char *digit : {"pin-4", "pin-8", "pin-2", "pin-6", "pinSubmit"})
        DRIVE(kiosk, kiosk.tap(QLatin1String(digit)));
    DRIVE(kiosk, kiosk.wait(QStringLiteral("gridWeekState")));
}

QMap<QString, QList<QVariantMap>> TestSystem::dashboard()
{
    QProcess add;
    add.start(QStringLiteral(RELAIS_OBSERVATORY_EXE),
              {QStringLiteral("add-partner"), QStringLiteral("--config"),
               m_observatory->configPath(), QStringLiteral("--login"), QStringLiteral("correze"),
               QStringLiteral("--name"), QStringLiteral("Observatoire de la Corrèze")});
    add.write("correze-2026\n");
    add.closeWriteChannel();
    if (!add.waitForFinished(20000) || add.exitCode() != 0)
        return {};
    observatory::test::HttpsClient client(m_observatory->port(), m_observatory->ca());
    if (!client.connect())
        return {};
    const auto login = client.post(QStringLiteral("/dashboard/api/login"),
                                   R"({"login": "correze", "password": "correze-2026"})");
    if (login.status != 200)
        return {};
    const QString week = observatory::isoWeek(QDate::currentDate());
    const auto reply =
        client.get(QStringLiteral("/dashboard/api/tables?from=%1&to=%1&site=%2").arg(week, kSite),
                   "Cookie: " + login.cookie + "\r\n");
    QMap<QString, QList<QVariantMap>> out;
    const QJsonObject tables = reply.json().value(QStringLiteral("tables")).toObject();
    for (auto it = tables.begin(); it != tables.end(); ++it) {
        const QJsonObject table = it.value().toObject();
        const QJsonArray columns = table.value(QStringLiteral("columns")).toArray();
        QList<QVariantMap> rows;
        for (const QJsonValue &row : table.value(QStringLiteral("rows")).toArray()) {
            QVariantMap named;
            for (qsizetype i = 0; i < columns.size(); ++i)
                named.insert(columns[i].toString(), row.toArray().at(i).toVariant());
            rows << named;
        }
        out.insert(it.key(), rows);
    }
    return out;
}

int TestSystem::kioskRows(const QString &kiosk, const QString &table) const
{
    // Read-only, beside the running kiosk (SQLite's WAL lets both be).
    const QString connection = kiosk + table;
    int rows = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(m_dir.filePath(kiosk + QStringLiteral("/kiosk.sqlite")));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (db.open()) {
            QSqlQuery q(QStringLiteral("SELECT count(*) FROM %1").arg(table), db);
            if (q.next())
                rows = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return rows;
}

QStringList TestSystem::documentsUnder(const QString &folder)
{
    QStringList found;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (path.contains(QLatin1String("Attestation")) ||
            (file.open(QIODevice::ReadOnly) && file.read(5) == "%PDF-"))
            found << path;
    }
    return found;
}

QTEST_MAIN(TestSystem)

#include "tst_system.moc"
