// SPDX-License-Identifier: EUPL-1.2
// The agents' console in a real browser (Debian's Chromium, headless, fake camera and
// microphone) against our GStreamer kiosk (relais-peer, test sources), through the real
// relais-hub and a private coturn: login, the live queue, taking the request, pictures and
// sound both ways, a document each way with matching SHA-256, text, hang-up from either side;
// the mediator's desk page receiving a kiosk's call for help; and both pages against a hub that
// asks kiosks for their client certificate (device_ca), which Chromium must never be asked for.

#include "browseragent.h"
#include "certificaterequest.h"
#include "deviceca.h"
#include "e2efixture.h"
#include "signallingclient.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;
using namespace relais::e2e;

namespace {

QJsonObject cmd(const char *name, QJsonObject fields = {})
{
    fields.insert(QStringLiteral("cmd"), QLatin1String(name));
    return fields;
}

bool ok(const QJsonObject &reply)
{
    return reply.value(QStringLiteral("ok")).toBool();
}

// The CAF adviser's console in Chromium, logged in: false when Chromium or the login fails.
bool consoleLoggedIn(HubAndTurn &servers, BrowserAgent &browser)
{
    return browser.start(servers.hub->consoleUrl()) &&
           ok(browser.run(
               cmd("login",
                   {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}})));
}

// A kiosk queues and the adviser takes it: true once the console decoded `frames` of its
// picture.
bool callTaken(HubAndTurn &servers, BrowserAgent &browser, PeerProcess &kiosk, int frames)
{
    return kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()) &&
           kiosk.waitFor(QStringLiteral("queued"), 30000) &&
           ok(browser.run(cmd("waitQueue", {{"count", 1}}))) && ok(browser.run(cmd("take"))) &&
           ok(browser.run(cmd("waitCall", {{"frames", frames}})));
}

// The adviser's first login in a Chromium with `cameras` fake cameras, the devices' panel left
// open as it comes.
bool firstLogin(HubAndTurn &servers, BrowserAgent &browser, int cameras)
{
    return browser.start(servers.hub->consoleUrl(), {},
                         {QStringLiteral("--fake-cameras"), QString::number(cameras)}) &&
           ok(browser.run(cmd("login", {{"agency", "caf"},
                                        {"login", kAgentLogin},
                                        {"password", "agent-password"},
                                        {"keepDevices", true}})));
}

// axe-core (tests/browser/package.json) on the page as it is now, or on `url` (relative to the
// page's) in a tab of its own: empty when it finds no serious or critical violation, else what
// to fix (rule, impact, elements). The minor ones are logged for review.
QString axeViolations(BrowserAgent &browser, const char *where, const QString &url = {})
{
    const QJsonObject reply = browser.run(url.isEmpty() ? cmd("axe") : cmd("axe", {{"url", url}}));
    if (ok(reply)) {
        if (!reply.value("minor").toString().isEmpty())
            qInfo("axe-core, minor on %s: %s", where, qPrintable(reply.value("minor").toString()));
        return {};
    }
    return QStringLiteral("on %1: %2").arg(QLatin1String(where), reply.value("error").toString());
}

#define VERIFY_ACCESSIBLE(...)                                                                     \
    do {                                                                                           \
        const QString violations = axeViolations(__VA_ARGS__);                                     \
        QVERIFY2(violations.isEmpty(), qPrintable(violations));                                    \
    } while (false)

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

// A small but real PDF, as an adviser would send a form to print.
QByteArray samplePdf()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                             "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                             "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                             "trailer<</Root 1 0 R>>\n%%EOF\n");
}

} // namespace

class TestAgentConsole : public QObject
{
    Q_OBJECT
private slots:
    void callWithChromium_data();
    void callWithChromium();
    void presenceAndReload();
    void weakLineIsTold();
    void guessingIsSlowedInPlainFrench();
    void accountClosedWhileLoggedIn();
    void keyboardOnlyOnASmallScreen();
    void keyboardShortcuts();
    void transferReachesAColleague();
    void supervisionWatchesTheCounter();
    void devicesChosenAndRemembered();
    void devicesTroubleInFrench();
    void mediatorDesk();
    void pagesWithKioskCertificates();
};

void TestAgentConsole::callWithChromium_data()
{
    QTest::addColumn<bool>("forceRelay");
    QTest::newRow("direct") << false;
    QTest::newRow("relay") << true;
}

void TestAgentConsole::callWithChromium()
{
    QFETCH(bool, forceRelay);
    HubAndTurn servers;
    QVERIFY(servers.start(forceRelay, 20, true));
    QVERIFY(!servers.hub->consoleUrl().isEmpty());

    BrowserAgent browser;
    QVERIFY2(browser.start(servers.hub->consoleUrl()), "Chromium did not start");
    const QJsonObject login = browser.run(
        cmd("login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}));
    QVERIFY(ok(login));
    QCOMPARE(login.value("name").toString(), QStringLiteral("Conseiller CAF"));

    QTemporaryDir dir;
    // A still of a letter held up to the camera, as the kiosk sends it.
    QImage still(640, 480, QImage::Format_RGB32);
    still.fill(QColor(0xf4, 0xf1, 0xe8));
    for (int y = 60; y < 420; y += 24)
        for (int x = 80; x < 560; ++x)
            still.setPixel(x, y, qRgb(40, 40, 40));
    QFile photoFile(dir.filePath(QStringLiteral("releve.jpg")));
    QVERIFY(photoFile.open(QIODevice::WriteOnly));
    QVERIFY(still.save(&photoFile, "JPEG", 85));
    photoFile.close();
    QVERIFY(photoFile.open(QIODevice::ReadOnly));
    const QByteArray photo = photoFile.readAll();
    photoFile.close();
    const QString pdfPath = dir.filePath(QStringLiteral("formulaire.pdf"));
    QFile pdf(pdfPath);
    QVERIFY(pdf.open(QIODevice::WriteOnly));
    pdf.write(samplePdf());
    pdf.close();

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QStringList kioskArgs =
        servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media() +
        QStringList{QStringLiteral("--send-file"), photoFile.fileName(), QStringLiteral("--text"),
                    QStringLiteral("Bonjour, je vous entends.")};
    // In the relay case the resident hangs up, 25 s into the call.
    if (forceRelay)
        kioskArgs << QStringLiteral("--duration") << QStringLiteral("25");
    QVERIFY(kiosk.start(kioskArgs));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));

    // The request appears in the queue, live; the adviser takes it.
    const QJsonObject queue = browser.run(cmd("waitQueue", {{"count", 1}}));
    QVERIFY(ok(queue));
    QCOMPARE(queue.value("rows").toArray().first().toString(),
             QStringLiteral("France Services d'Argentat"));
    // Working in another tab, she is told: the tab's title counts who waits, and a chime
    // sounds for the new arrival.
    const QJsonObject arrived = browser.run(cmd("attention"));
    QCOMPARE(arrived.value("title").toString(), QStringLiteral("(1) en attente — Relais"));
    QCOMPARE(arrived.value("chimes").toInt(), 1);
    QVERIFY(arrived.value("sound").toBool());
    QVERIFY(ok(browser.run(cmd("take"))));

    // Pictures and sound both ways.
    const QJsonObject call = browser.run(cmd("waitCall", {{"frames", 30}}));
    QVERIFY(ok(call));
    QCOMPARE(call.value("videoWidth").toInt(), 320);
    // Nobody waits any more: the title is the console's own again.
    QTRY_COMPARE_WITH_TIMEOUT(browser.run(cmd("attention")).value("title").toString(),
                              QStringLiteral("Relais — guichet visio"), 10000);
    QVERIFY(kiosk.waitFor(QStringLiteral("stats"), 30000, [](const QJsonObject &s) {
        return s.value(QStringLiteral("frames_decoded")).toDouble() > 30 &&
               s.value(QStringLiteral("audio_buffers")).toDouble() > 30;
    }));
    QTRY_VERIFY_WITH_TIMEOUT(browser.run(cmd("audioIn")).value("packets").toInt() > 50 &&
                                 browser.run(cmd("audioIn")).value("energy").toDouble() > 0,
                             20000);
    if (forceRelay) {
        QTRY_COMPARE_WITH_TIMEOUT(browser.run(cmd("audioIn")).value("pair").toString(),
                                  QStringLiteral("relay"), 10000);
        QVERIFY(kiosk.waitFor(QStringLiteral("stats"), 10000, [](const QJsonObject &s) {
            return s.value(QStringLiteral("local_candidate")).toString() == QLatin1String("relay");
        }));
    }

    // The kiosk's document and message reach the adviser, intact.
    const QJsonObject received = browser.run(cmd("waitDocument"));
    QVERIFY(ok(received));
    QCOMPARE(received.value("sha256").toString().toLatin1(), sha256Hex(photo));
    QCOMPARE(received.value("name").toString(), QStringLiteral("releve.jpg"));
    QCOMPARE(received.value("preview").toInt(), 1); // shown, not only offered for download
    QVERIFY(ok(browser.run(cmd("waitText", {{"text", "je vous entends"}}))));

    // The adviser's PDF reaches the kiosk, intact.
    QVERIFY(ok(browser.run(cmd("sendPdf", {{"path", pdfPath}}))));
    QVERIFY(kiosk.waitFor(QStringLiteral("document_received"), 20000, [&](const QJsonObject &e) {
        return e.value(QStringLiteral("sha256")).toString().toLatin1() == sha256Hex(samplePdf());
    }));
    QVERIFY(ok(browser.run(cmd("sendText", {{"text", "Je vous envoie le formulaire."}}))));
    QVERIFY(kiosk.waitFor(QStringLiteral("text"), 10000));

    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(browser.run(
        cmd("screenshot",
            {{"path", shots + QStringLiteral("/console-call-%1.png")
                                  .arg(QLatin1String(forceRelay ? "relay" : "direct"))}}))));

    if (forceRelay) {
        // The resident hangs up: the console hears it from the hub.
        const QJsonObject ended = browser.run(cmd("waitEnded"), 60000);
        QVERIFY(ok(ended));
        QCOMPARE(ended.value("notice").toString(), QStringLiteral("La personne a raccroché."));
        QVERIFY(kiosk.waitFinished(20000));
        QCOMPARE(kiosk.exitCode(), 0);
    } else {
        // The adviser hangs up: the kiosk hears it from the hub and ends cleanly.
        const QJsonObject ended = browser.run(cmd("hangUp"));
        QVERIFY(ok(ended));
        QVERIFY(kiosk.waitFor(QStringLiteral("ended"), 20000, [](const QJsonObject &e) {
            return e.value(QStringLiteral("by")).toString() == QLatin1String("agent");
        }));
        QVERIFY(kiosk.waitFinished(20000));
        QCOMPARE(kiosk.exitCode(), 0);
    }
    QVERIFY(ok(
        browser.run(cmd("screenshot", {{"path", shots + QStringLiteral("/console-idle.png")}}))));
    browser.run(cmd("quit"));
}

// An adviser at the keyboard all day: "?" lists the shortcuts, S takes the next person, T goes
// to the message field, M and C cut the microphone and the camera, R hangs up; a letter typed
// in a field stays in the field.
void TestAgentConsole::keyboardShortcuts()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    // The console checked by axe-core on the way: its login page, the queue, the shortcuts'
    // list, a call, and the accessibility statement.
    QVERIFY2(browser.start(servers.hub->consoleUrl()), "Chromium did not start");
    VERIFY_ACCESSIBLE(browser, "the console's login page");
    VERIFY_ACCESSIBLE(browser, "the console's accessibility statement",
                      QStringLiteral("accessibilite.html"));
    QVERIFY(ok(browser.run(cmd(
        "login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}))));
    VERIFY_ACCESSIBLE(browser, "the empty queue");
    const auto page = [&browser] { return browser.run(cmd("page")); };
    const auto keys = [&browser](const QStringList &pressed) {
        return ok(browser.run(cmd("keys", {{"keys", QJsonArray::fromStringList(pressed)}})));
    };

    QVERIFY(keys({QStringLiteral("?")}));
    const QJsonObject list = page();
    QVERIFY(list.value("shortcutsOpen").toBool());
    const QStringList words = [&list] {
        QStringList all;
        for (const QJsonValue &v : list.value("shortcuts").toArray())
            all << v.toString();
        return all;
    }();
    QCOMPARE(words.size(), 12);
    QVERIFY2(words.join(' ').contains(QStringLiteral("S Prendre la personne suivante")),
             qPrintable(words.join(" | ")));
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/console-shortcuts.png")}}))));
    VERIFY_ACCESSIBLE(browser, "the shortcuts' list");
    QVERIFY(keys({QStringLiteral("?")}));
    QVERIFY(!page().value("shortcutsOpen").toBool());

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    QVERIFY(ok(browser.run(cmd("waitQueue", {{"count", 1}}))));
    VERIFY_ACCESSIBLE(browser, "the queue, a person waiting");
    QVERIFY(keys({QStringLiteral("s")}));
    QVERIFY(ok(browser.run(cmd("waitCall", {{"frames", 5}}))));
    VERIFY_ACCESSIBLE(browser, "the console during a call");

    // T: to the message field; there, "m" is a letter of the message, not the microphone.
    QVERIFY(keys({QStringLiteral("t")}));
    QCOMPARE(page().value("focused").toString(), QStringLiteral("chatText"));
    QVERIFY(keys({QStringLiteral("m"), QStringLiteral("r")}));
    QCOMPARE(page().value("chatText").toString(), QStringLiteral("mr"));
    QVERIFY(!page().value("micMuted").toBool());
    QVERIFY(page().value("inCall").toBool());

    // Out of the field, M cuts the microphone and R hangs up.
    QVERIFY(ok(browser.run(cmd("blur"))));
    QVERIFY(keys({QStringLiteral("m")}));
    QVERIFY(page().value("micMuted").toBool());
    QVERIFY(keys({QStringLiteral("r")}));
    QVERIFY(ok(browser.run(cmd("waitEnded"))));
    QVERIFY(!page().value("inCall").toBool());
    browser.run(cmd("quit"));
}

// The CAF adviser passes the resident on to a colleague, each in a Chromium of their own: the
// kiosk (relais-peer) waits at the head of the queue, the colleague's row says who passed her
// on, and the colleague's call reaches the same kiosk, pictures both ways.
void TestAgentConsole::transferReachesAColleague()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    servers.hub->addAgents({{QStringLiteral("caf"), QStringLiteral("a.martin")}});
    BrowserAgent durand;
    QVERIFY2(consoleLoggedIn(servers, durand), "Chromium did not start or the login failed");
    BrowserAgent martin;
    QVERIFY2(martin.start(servers.hub->consoleUrl()), "the second Chromium did not start");
    QVERIFY(ok(martin.run(
        cmd("login", {{"agency", "caf"}, {"login", "a.martin"}, {"password", "agent-password"}}))));

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    QVERIFY(ok(durand.run(cmd("waitQueue", {{"count", 1}}))));
    QVERIFY(ok(durand.run(cmd("take"))));
    QVERIFY(ok(durand.run(cmd("waitCall", {{"frames", 5}}))));

    const QJsonObject passed = durand.run(cmd("transfer", {{"login", "a.martin"}}));
    QVERIFY2(ok(passed), qPrintable(passed.value("error").toString()));
    QVERIFY2(
        passed.value("label").toString().startsWith(QStringLiteral("Conseiller CAF (a.martin)")),
        qPrintable(passed.value("label").toString()));
    QCOMPARE(passed.value("notice").toString(),
             QStringLiteral("Appel transféré : la personne attend en tête de file."));
    QVERIFY(kiosk.waitFor(QStringLiteral("transferred"), 10000));
    const QJsonObject row = martin.run(cmd("waitQueue", {{"count", 1}}));
    QVERIFY(ok(row));
    QVERIFY2(row.value("reasons").toArray().first().toString().contains(
                 QStringLiteral("Transféré par Conseiller CAF pour a.martin")),
             qPrintable(row.value("reasons").toArray().first().toString()));
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(martin.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/console-transferred-row.png")}}))));
    QVERIFY(ok(martin.run(cmd("take"))));
    QVERIFY(ok(martin.run(cmd("waitCall", {{"frames", 5}}))));
    QVERIFY(ok(martin.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFor(QStringLiteral("ended"), 10000));
    durand.run(cmd("quit"));
    martin.run(cmd("quit"));
}

// An agency's supervisor, made as the operator does (add-agent --supervisor), watches the
// counter in Chromium: the adviser available, a resident waiting, then the call in progress with
// its length and the day's call answered with its wait; a plain adviser's account is refused in
// plain French; axe-core finds nothing serious on the login page or the board.
void TestAgentConsole::supervisionWatchesTheCounter()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    QProcess add;
    add.start(QStringLiteral(RELAIS_HUB_EXE),
              {QStringLiteral("add-agent"), QStringLiteral("--config"), servers.hub->configPath(),
               QStringLiteral("--agency"), QStringLiteral("caf"), QStringLiteral("--login"),
               QStringLiteral("s.garcia"), QStringLiteral("--display-name"),
               QStringLiteral("Mme Garcia"), QStringLiteral("--supervisor")});
    add.write("supervisor-password\n");
    add.closeWriteChannel();
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);
    QCOMPARE(add.readAllStandardOutput().trimmed(),
             QByteArray("relais-hub: supervisor caf/s.garcia created"));

    BrowserAgent supervision;
    QVERIFY2(supervision.start(servers.hub->consoleUrl() + QStringLiteral("supervision.html")),
             "Chromium did not start");
    VERIFY_ACCESSIBLE(supervision, "the supervision's login page");
    const QJsonObject refused = supervision.run(
        cmd("supervisionLogin",
            {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}));
    QVERIFY(!ok(refused));
    QCOMPARE(refused.value("error").toString(),
             QStringLiteral("Organisme, identifiant ou mot de passe incorrect (la supervision "
                            "demande un compte ouvert à la supervision par l'administrateur)."));
    const QJsonObject login = supervision.run(
        cmd("supervisionLogin",
            {{"agency", "caf"}, {"login", "s.garcia"}, {"password", "supervisor-password"}}));
    QVERIFY2(ok(login), qPrintable(login.value("error").toString()));
    QCOMPARE(login.value("name").toString(), QStringLiteral("Mme Garcia — CAF"));

    BrowserAgent console;
    QVERIFY2(consoleLoggedIn(servers, console), "Chromium did not start or the login failed");
    QJsonObject board = supervision.run(cmd("supervision", {{"advisers", 1}, {"queue", 0}}));
    QVERIFY(ok(board));
    QCOMPARE(board.value("advisers").toArray().first().toArray().at(1).toString(),
             QStringLiteral("Disponible"));

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    board = supervision.run(cmd("supervision", {{"queue", 1}}));
    QVERIFY(ok(board));
    QVERIFY2(board.value("queue").toArray().first().toArray().at(0).toString().startsWith(
                 QStringLiteral("France Services")),
             qPrintable(board.value("queue").toArray().first().toArray().at(0).toString()));
    QCOMPARE(board.value("figures").toObject().value("waitingCount").toString(),
             QStringLiteral("1"));

    QVERIFY(ok(console.run(cmd("waitQueue", {{"count", 1}}))));
    QVERIFY(ok(console.run(cmd("take"))));
    QVERIFY(ok(console.run(cmd("waitCall", {{"frames", 5}}))));
    board =
        supervision.run(cmd("supervision", {{"state", "En appel"}, {"answered", 1}, {"queue", 0}}));
    QVERIFY(ok(board));
    const QJsonArray adviser = board.value("advisers").toArray().first().toArray();
    QCOMPARE(adviser.at(0).toString(), QStringLiteral("Conseiller CAF (%1)").arg(kAgentLogin));
    QVERIFY2(adviser.at(2).toString().endsWith(QStringLiteral(" s")),
             qPrintable(adviser.at(2).toString())); // the call's length, ticking
    const QJsonObject figures = board.value("figures").toObject();
    QVERIFY2(figures.value("waitMedian").toString().endsWith(QStringLiteral(" s")),
             qPrintable(figures.value("waitMedian").toString()));
    QCOMPARE(figures.value("abandoned").toString(), QStringLiteral("0"));
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(supervision.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/supervision-call.png")}}))));
    VERIFY_ACCESSIBLE(supervision, "the supervision board during a call");

    QVERIFY(ok(console.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFor(QStringLiteral("ended"), 10000));
    board = supervision.run(cmd("supervision", {{"state", "Disponible"}}));
    QVERIFY(ok(board));
    QCOMPARE(board.value("figures").toObject().value("answered").toString(), QStringLiteral("1"));
    console.run(cmd("quit"));
    supervision.run(cmd("quit"));
}

// The adviser's camera, microphone and speaker, with Chromium's three fake cameras (the second
// gives depth pictures, Y16, that no call can send; the third, MJPEG, is a webcam's), three fake
// microphones (which beep once a second) and three fake speakers. Her first login in this
// browser opens "Réglages audio et vidéo" before the queue, in pause until "C'est bon"; the
// devices are listed by name; the level bar follows the beeps; the chosen camera and
// microphone are the stream's own and the chosen speaker plays the call and the test tone,
// all kept across a reload, which no longer stops her; a kept device that is gone gives way to
// the default, with a notice. In a real call with relais-peer, another camera goes on the same
// sender, without a new offer, and the kiosk keeps decoding her picture.
void TestAgentConsole::devicesChosenAndRemembered()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY2(firstLogin(servers, browser, 3), "Chromium did not start or the login failed");

    const auto devices = [&browser] {
        const QJsonObject shown = browser.run(cmd("devices"));
        if (!ok(shown))
            qWarning("devices: %s", QJsonDocument(shown).toJson().constData());
        return shown;
    };
    // Of each device the panel lists: its "id" or its "label".
    const auto each = [](const QJsonValue &list, const char *field) {
        QStringList found;
        for (const QJsonValue &d : list.toArray())
            found << d.toObject().value(QLatin1String(field)).toString();
        return found;
    };
    QJsonObject panel = devices();
    QVERIFY(panel.value("wasOpen").toBool());
    QVERIFY(panel.value("first").toBool());
    VERIFY_ACCESSIBLE(browser, "the audio and video panel");
    QCOMPARE(panel.value("presence").toString(), QStringLiteral("paused"));
    QVERIFY(panel.value("kept").isNull());
    QCOMPARE(each(panel.value("cameras"), "label"),
             (QStringList{QStringLiteral("fake_device_0"), QStringLiteral("fake_device_1"),
                          QStringLiteral("fake_device_2")}));
    QVERIFY2(
        each(panel.value("microphones"), "label").contains(QStringLiteral("Fake Audio Input 2")),
        qPrintable(each(panel.value("microphones"), "label").join(" | ")));
    QVERIFY(panel.value("speakerShown").toBool());
    QVERIFY2(each(panel.value("speakers"), "label").contains(QStringLiteral("Fake Audio Output 2")),
             qPrintable(each(panel.value("speakers"), "label").join(" | ")));
    QVERIFY(panel.value("sameStream").toBool());
    const QStringList cameras = each(panel.value("cameras"), "id");
    const QStringList microphones = each(panel.value("microphones"), "id");
    const QStringList speakers = each(panel.value("speakers"), "id");
    QCOMPARE(panel.value("inUse").toObject().value("camera").toString(), cameras.first());

    // The fake microphone beeps once a second: the bar rises with each beep and falls between.
    const QJsonObject levels = browser.run(cmd("deviceLevels", {{"ms", 3000}}));
    QVERIFY2(levels.value("max").toDouble() > 0.3 && levels.value("min").toDouble() < 0.1,
             QJsonDocument(levels).toJson().constData());

    QCOMPARE(
        browser.run(cmd("chooseDevice", {{"kind", "camera"}, {"index", 2}})).value("id").toString(),
        cameras.at(2));
    QCOMPARE(browser.run(cmd("chooseDevice", {{"kind", "microphone"}, {"index", 2}}))
                 .value("id")
                 .toString(),
             microphones.at(2));
    QCOMPARE(browser.run(cmd("chooseDevice", {{"kind", "speaker"}, {"index", 2}}))
                 .value("id")
                 .toString(),
             speakers.at(2));
    const QJsonObject tone = browser.run(cmd("testTone"));
    QVERIFY(ok(tone));
    QCOMPARE(tone.value("sink").toString(), speakers.at(2));
    // The new microphone's beeps move the bar too.
    QVERIFY(browser.run(cmd("deviceLevels", {{"ms", 2000}})).value("max").toDouble() > 0.3);
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/console-devices.png")}}))));
    QCOMPARE(browser.run(cmd("devicesDone")).value("presence").toString(),
             QStringLiteral("available"));

    // Kept in this browser: a reload no longer stops her, and uses her devices.
    QVERIFY(ok(browser.run(cmd("reload"))));
    panel = devices();
    QVERIFY(!panel.value("wasOpen").toBool());
    QCOMPARE(panel.value("presence").toString(), QStringLiteral("available"));
    QCOMPARE(panel.value("inUse").toObject().value("camera").toString(), cameras.at(2));
    QCOMPARE(panel.value("inUse").toObject().value("microphone").toString(), microphones.at(2));
    QCOMPARE(panel.value("callSink").toString(), speakers.at(2));
    QCOMPARE(panel.value("chosen").toObject().value("camera").toString(), cameras.at(2));
    QVERIFY(ok(browser.run(cmd("devicesDone"))));

    // The kept camera is gone (unplugged): the default one, and she is told.
    QJsonObject kept;
    kept.insert("camera", QStringLiteral("a-camera-unplugged-since"));
    kept.insert("microphone", microphones.at(2));
    QVERIFY(ok(browser.run(cmd("setLocal", {{"key", "relais.console.devices"},
                                            {"value", QString::fromUtf8(QJsonDocument(kept).toJson(
                                                          QJsonDocument::Compact))}}))));
    QVERIFY(ok(browser.run(cmd("reload"))));
    const QJsonObject gone = browser.run(
        cmd("waitNotice", {{"text", QStringLiteral("La caméra choisie n'est plus branchée : la "
                                                   "caméra par défaut est utilisée.")}}));
    QVERIFY2(ok(gone), QJsonDocument(gone).toJson().constData());
    panel = devices();
    QCOMPARE(panel.value("inUse").toObject().value("camera").toString(), cameras.first());
    QCOMPARE(panel.value("inUse").toObject().value("microphone").toString(), microphones.at(2));
    QVERIFY2(!panel.value("kept").toString().contains(QStringLiteral("unplugged")),
             qPrintable(panel.value("kept").toString()));

    // While she waits, another camera goes on the next call's connection, made again.
    QVERIFY(ok(browser.run(cmd("watchFirstFrames"))));
    QVERIFY(ok(browser.run(cmd("chooseDevice", {{"kind", "camera"}, {"index", 2}}))));
    QVERIFY(ok(browser.run(cmd("devicesDone"))));
    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(callTaken(servers, browser, kiosk, 10));
    QVERIFY2(kiosk.waitFor(QStringLiteral("stats"), 30000,
                           [](const QJsonObject &s) {
                               return s.value(QStringLiteral("frames_decoded")).toDouble() > 10;
                           }),
             qPrintable(kiosk.dump().right(3000)));
    const auto videoSender = [](const QJsonObject &senders) {
        for (const QJsonValue &s : senders.value("senders").toArray())
            if (s.toObject().value("kind").toString() == QLatin1String("video"))
                return s.toObject();
        return QJsonObject();
    };
    const QJsonObject before = browser.run(cmd("callSenders"));
    QVERIFY2(ok(before), QJsonDocument(before).toJson().constData());
    QCOMPARE(videoSender(before).value("deviceId").toString(), cameras.at(2));

    // During the call: the same sender carries the other camera, no new offer or answer, and
    // the kiosk decodes its picture (the first camera is stopped: nothing else could send).
    QVERIFY(devices().value("open").toBool());
    QVERIFY(ok(browser.run(cmd("chooseDevice", {{"kind", "camera"}, {"index", 0}}))));
    QVERIFY(ok(browser.run(cmd("devicesDone"))));
    const QJsonObject after = browser.run(cmd("callSenders"));
    QCOMPARE(videoSender(after).value("deviceId").toString(), cameras.first());
    QCOMPARE(videoSender(after).value("state").toString(), QStringLiteral("live"));
    QCOMPARE(after.value("sdp").toString(), before.value("sdp").toString());
    QCOMPARE(after.value("signalingState").toString(), QStringLiteral("stable"));
    const double decoded = kiosk.maxStat("frames_decoded");
    QVERIFY2(kiosk.waitFor(QStringLiteral("stats"), 20000,
                           [decoded](const QJsonObject &s) {
                               return s.value(QStringLiteral("frames_decoded")).toDouble() >
                                      decoded + 30;
                           }),
             qPrintable(kiosk.dump().right(2000)));
    QCOMPARE(browser.run(cmd("callSenders")).value("connectionState").toString(),
             QStringLiteral("connected"));
    QVERIFY(ok(browser.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFinished(20000));
    browser.run(cmd("quit"));
}

// What goes wrong with devices, said in French: no camera at all (Chromium with none: the
// microphone still works and the panel says there is no camera), the camera refused, and a
// camera held by another application (both as getUserMedia rejects them).
void TestAgentConsole::devicesTroubleInFrench()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY2(firstLogin(servers, browser, 0), "Chromium did not start or the login failed");
    const QString noCamera = QStringLiteral(
        "Aucune caméra n'est branchée sur ce poste : la personne vous entendra sans vous voir.");
    const QJsonObject panel = browser.run(cmd("devices"));
    QVERIFY2(ok(panel), QJsonDocument(panel).toJson().constData());
    QCOMPARE(panel.value("status").toString(), noCamera);
    QCOMPARE(panel.value("notice").toString(), noCamera);
    QCOMPARE(panel.value("cameras").toArray().size(), 1);
    QCOMPARE(panel.value("cameras").toArray().first().toObject().value("label").toString(),
             QStringLiteral("Caméra : aucun appareil trouvé"));
    QVERIFY(!panel.value("inUse").toObject().value("microphone").toString().isEmpty());
    QVERIFY(browser.run(cmd("deviceLevels", {{"ms", 2000}})).value("max").toDouble() > 0.3);
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", QStringLiteral(SCREENSHOT_DIR "/console-no-camera.png")}}))));
    QCOMPARE(browser.run(cmd("devicesDone")).value("presence").toString(),
             QStringLiteral("available"));

    QVERIFY(ok(browser.run(cmd("failMedia", {{"name", "NotAllowedError"}}))));
    QVERIFY(ok(browser.run(
        cmd("waitNotice",
            {{"text", QStringLiteral("Le navigateur refuse l'accès à la caméra : "
                                     "autorisez la caméra et le micro pour ce site")}}))));
    QVERIFY(ok(browser.run(cmd("failMedia", {{"name", "NotReadableError"}}))));
    QVERIFY(ok(browser.run(
        cmd("waitNotice", {{"text", QStringLiteral("La caméra est déjà utilisée par une autre "
                                                   "application (Teams, Zoom…) : fermez-la")}}))));
    browser.run(cmd("quit"));
}

// The kiosk's line loses a third of what it sends: its rate control lowers the picture, and the
// adviser reads it in the console in the resident's words, from the kiosk's own pipeline
// through the data channel.
void TestAgentConsole::weakLineIsTold()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY2(consoleLoggedIn(servers, browser), "Chromium did not start or the login failed");
    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media() +
                        QStringList{QStringLiteral("--send-loss"), QStringLiteral("0.35")}));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    QVERIFY(ok(browser.run(cmd("waitQueue", {{"count", 1}}))));
    QVERIFY(ok(browser.run(cmd("take"))));
    QVERIFY(ok(browser.run(cmd("waitCall", {{"frames", 5}}))));
    QVERIFY(kiosk.waitFor(QStringLiteral("line"), 60000, [](const QJsonObject &e) {
        return e.value(QStringLiteral("state")).toString() == QLatin1String("reduced");
    }));
    // The return path: the kiosk reports on the adviser's packets as transport-cc feedback
    // (the offer asks Chromium for it), which is what lets Chromium's estimator adapt the
    // adviser's picture to the kiosk's line.
    QVERIFY(kiosk.waitFor(QStringLiteral("stats"), 20000, [](const QJsonObject &s) {
        return s.value(QStringLiteral("transport_feedback_sent")).toDouble() > 20;
    }));
    const QJsonObject notice = browser.run(
        cmd("waitLineNotice", {{"text", QStringLiteral("Connexion faible\u00a0: image réduite")}}));
    QVERIFY2(ok(notice), qPrintable(QJsonDocument(notice).toJson()));
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", QStringLiteral(SCREENSHOT_DIR "/console-weak-line.png")}}))));
    QVERIFY(ok(browser.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFinished(20000));
}

void TestAgentConsole::presenceAndReload()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY(browser.start(servers.hub->consoleUrl()));
    // A wrong password is said in plain French and logs nobody in.
    const QJsonObject refused = browser.run(
        cmd("login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "wrong-password"}}),
        20000);
    QVERIFY(!ok(refused));
    QCOMPARE(browser.run(cmd("notice")).value("notice").toString(),
             QStringLiteral("Organisme, identifiant ou mot de passe incorrect."));
    QVERIFY(ok(browser.run(cmd(
        "login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}))));
    // The tab keeps the hub's session token, never the password.
    const QJsonObject stored = browser.run(cmd("storage")).value("storage").toObject();
    QVERIFY2(!QJsonDocument(stored).toJson().contains("agent-password"),
             QJsonDocument(stored).toJson().constData());
    const QJsonObject kept =
        QJsonDocument::fromJson(stored.value("relais.login").toString().toUtf8()).object();
    QCOMPARE(kept.value("session").toString().size(), 43);
    QVERIFY(!kept.contains("password"));

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    QVERIFY(ok(browser.run(cmd("waitQueue", {{"count", 1}}))));

    // En pause: the adviser cannot take anyone; back to Disponible, she can.
    QVERIFY(ok(browser.run(cmd("presence", {{"state", "paused"}}))));
    QCOMPARE(browser.run(cmd("canTake")).value("enabled").toBool(), false);
    QVERIFY(ok(browser.run(cmd("presence", {{"state", "available"}}))));
    QCOMPARE(browser.run(cmd("canTake")).value("enabled").toBool(), true);
    QVERIFY(ok(browser.run(cmd("take"))));
    QVERIFY(ok(browser.run(cmd("waitCall", {{"frames", 30}}))));

    // A reload of the page does not drop the call: the page logs in again, resumes it, and
    // the kiosk rebuilds the connection.
    QVERIFY(ok(browser.run(cmd("reload"))));
    QVERIFY(ok(browser.run(cmd("waitCall", {{"frames", 30}}), 60000)));
    QVERIFY(kiosk.has(QStringLiteral("restart")));
    QVERIFY(!kiosk.has(QStringLiteral("ended")));
    const double framesBefore = kiosk.maxStat("frames_decoded");
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.maxStat("frames_decoded") > framesBefore + 30, 30000);

    QVERIFY(!QJsonDocument(browser.run(cmd("storage")).value("storage").toObject())
                 .toJson()
                 .contains("agent-password"));

    QVERIFY(ok(browser.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFinished(20000));
    QCOMPARE(kiosk.exitCode(), 0);

    // "Se déconnecter" revokes the token: the tab forgets it, and the hub refuses it.
    QVERIFY(ok(browser.run(cmd("logout"))));
    QVERIFY(browser.run(cmd("storage")).value("storage").toObject().isEmpty());
    // (The page sent `logout` before it reloaded; the hub reads it on that connection, which
    // may come after this one's hello: asked again while welcomed.)
    const auto replay = [&] {
        relais::hub::test::Client client(servers.hub->certificate());
        client.open(servers.hub->port());
        client.send({{"type", "hello"},
                     {"protocol", 1},
                     {"role", "agent"},
                     {"agency", "caf"},
                     {"login", kAgentLogin},
                     {"session", kept.value("session").toString()}});
        (void)QTest::qWaitFor([&] { return !client.received.isEmpty(); }, 20000);
        return client.received.value(0).value("code").toString();
    };
    QString revoked = replay();
    for (int tries = 1; revoked.isEmpty() && tries < 10; ++tries) // welcomed: not read yet
        revoked = replay();
    QCOMPARE(revoked, QStringLiteral("unauthorized"));
    browser.run(cmd("quit"));
}

// An adviser on a small laptop screen who works with the keyboard: every step of a call is
// reached with Tab and done with Enter, with a visible focus, and nothing is cut off.
// Wrong passwords from one browser: after a few, the hub throttles them and the console says
// how long to wait, in French; once the wait is over the right password opens the desk.
void TestAgentConsole::guessingIsSlowedInPlainFrench()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY(browser.start(servers.hub->consoleUrl()));
    QString notice;
    for (int attempt = 0; attempt < 8 && !notice.startsWith(QStringLiteral("Trop")); ++attempt) {
        QVERIFY(!ok(browser.run(
            cmd("login",
                {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "wrong-password"}}),
            20000)));
        notice = browser.run(cmd("notice")).value("notice").toString();
    }
    static const QRegularExpression throttled(
        QStringLiteral("^Trop d'essais de connexion manqués depuis ce poste\\. Réessayez dans "
                       "(1 seconde|[0-9]+ secondes|[0-9]+ minutes)\\.$"));
    QVERIFY2(throttled.match(notice).hasMatch(), qPrintable(notice));
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/console-throttled.png")}}))));
    // The real adviser, after the wait the page gave: the throttle slows, it does not lock out.
    bool in = false;
    for (int attempt = 0; attempt < 70 && !in; ++attempt) {
        QTest::qWait(1000);
        in = ok(browser.run(
            cmd("login",
                {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}),
            20000));
    }
    QVERIFY(in);
    browser.run(cmd("quit"));
}

// The hub's administrator disables an adviser's account while she is logged in (the command
// writes the store; the running hub notices): the console says so in French and shows the
// login form, and her password no longer opens it.
void TestAgentConsole::accountClosedWhileLoggedIn()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY2(consoleLoggedIn(servers, browser), "Chromium did not start or the login failed");
    QProcess disable;
    disable.start(QStringLiteral(RELAIS_HUB_EXE),
                  {QStringLiteral("disable-account"), QStringLiteral("--config"),
                   servers.hub->configPath(), QStringLiteral("--agency"), QStringLiteral("caf"),
                   QStringLiteral("--login"), kAgentLogin});
    QVERIFY(disable.waitForFinished(30000));
    QCOMPARE(disable.exitCode(), 0);
    const QJsonObject told =
        browser.run(cmd("waitNotice", {{"text", "Votre compte a été désactivé"}}), 20000);
    QVERIFY2(ok(told), QJsonDocument(told).toJson().constData());
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", shots + QStringLiteral("/console-account-closed.png")}}))));
    QVERIFY(!ok(browser.run(
        cmd("login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}),
        20000)));
    QCOMPARE(browser.run(cmd("notice")).value("notice").toString(),
             QStringLiteral("Organisme, identifiant ou mot de passe incorrect."));
    browser.run(cmd("quit"));
}

void TestAgentConsole::keyboardOnlyOnASmallScreen()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    BrowserAgent browser;
    QVERIFY(browser.start(servers.hub->consoleUrl()));
    const QJsonObject narrow = browser.run(cmd("viewport", {{"width", 1024}, {"height", 640}}));
    QVERIFY(ok(narrow));
    QVERIFY(!narrow.value("overflow").toBool());

    const QJsonObject login = browser.run(
        cmd("keyboardLogin",
            {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}));
    QVERIFY2(ok(login), qPrintable(login.value("error").toString()));
    QCOMPARE(login.value("order").toArray(),
             (QJsonArray{QStringLiteral("agency"), QStringLiteral("loginName"),
                         QStringLiteral("password")}));
    // Her first login in this browser: the devices' panel, left with the keyboard too.
    QVERIFY(login.value("devicesAsked").toBool());

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(kiosk.start(servers.kioskArgs(QStringLiteral("borne-1")) + HubAndTurn::media()));
    QVERIFY(kiosk.waitFor(QStringLiteral("queued"), 30000));
    QVERIFY(ok(browser.run(cmd("waitQueue", {{"count", 1}}))));
    QVERIFY(!browser.run(cmd("viewport", {{"width", 1024}, {"height", 640}}))
                 .value("overflow")
                 .toBool());

    // "Prendre" on the waiting row, from the keyboard, with the focus ring showing.
    const QJsonObject take =
        browser.run(cmd("keyboardReach", {{"selector", "#waiting tr button"}, {"key", "Enter"}}));
    QVERIFY2(ok(take), qPrintable(take.value("error").toString()));
    QCOMPARE(take.value("outline").toString(), QStringLiteral("solid"));
    QVERIFY(ok(browser.run(cmd("waitCall", {{"frames", 30}}))));
    QVERIFY(kiosk.waitFor(QStringLiteral("first_remote_frame"), 30000));
    QVERIFY(!browser.run(cmd("viewport", {{"width", 1024}, {"height", 640}}))
                 .value("overflow")
                 .toBool());
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    QVERIFY(ok(browser.run(
        cmd("screenshot", {{"path", QStringLiteral(SCREENSHOT_DIR "/call-1024px.png")}}))));

    // Micro off and back on, then hang up, each from the keyboard.
    QVERIFY(ok(browser.run(cmd("keyboardReach", {{"selector", "#mute"}, {"key", "Enter"}}))));
    QTRY_VERIFY_WITH_TIMEOUT(
        browser.run(cmd("pressed", {{"selector", "#mute"}})).value("pressed").toString() ==
            QLatin1String("true"),
        5000);
    // The PDF to send is chosen from the keyboard too.
    QVERIFY(ok(browser.run(cmd("keyboardReach", {{"selector", "#sendPdf"}}))));
    QVERIFY(ok(browser.run(cmd("keyboardReach", {{"selector", "#hangUp"}, {"key", "Enter"}}))));
    QVERIFY(ok(browser.run(cmd("waitEnded"))));
    QVERIFY(kiosk.waitFinished(20000));
    QCOMPARE(kiosk.exitCode(), 0);
    browser.run(cmd("quit"));
}

// The mediator logs in to the desk page; a kiosk of the site calls for help (as HelpCall
// does, tst_helpcall); the call shows on the page, "J'y vais" reaches the kiosk with the
// mediator's name, a reload keeps the desk (the tab holding a session token, never the
// password), and the kiosk's leaving clears it.
void TestAgentConsole::mediatorDesk()
{
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true));
    servers.hub->addMediators({{kSite, QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});

    BrowserAgent browser;
    QVERIFY2(browser.start(servers.hub->consoleUrl() + QStringLiteral("desk.html")),
             "Chromium did not start");
    VERIFY_ACCESSIBLE(browser, "the desk's login page");
    const QJsonObject refused = browser.run(
        cmd("deskLogin", {{"site", kSite}, {"login", "c.roux"}, {"password", "agent-password"}}));
    QVERIFY(!ok(refused));
    QCOMPARE(refused.value("error").toString(),
             QStringLiteral("Espace, identifiant ou mot de passe incorrect."));
    const QJsonObject login = browser.run(cmd(
        "deskLogin", {{"site", kSite}, {"login", "c.roux"}, {"password", "mediator-password"}}));
    QVERIFY(ok(login));
    QCOMPARE(login.value("name").toString(), QStringLiteral("Mme Roux"));
    // The desk keeps the hub's session token, never the password.
    const QJsonObject stored = browser.run(cmd("storage")).value("storage").toObject();
    QVERIFY2(!QJsonDocument(stored).toJson().contains("mediator-password"),
             QJsonDocument(stored).toJson().constData());
    QCOMPARE(QJsonDocument::fromJson(stored.value("relais.desk").toString().toUtf8())
                 .object()
                 .value("session")
                 .toString()
                 .size(),
             43);
    const QJsonObject empty = browser.run(cmd("waitAlerts", {{"count", 0}}));
    QVERIFY(ok(empty));
    QVERIFY(empty.value("emptyShown").toBool());
    VERIFY_ACCESSIBLE(browser, "the desk, no call");

    media::SignallingClient kiosk;
    kiosk.setCaCertificates({servers.hub->certificate()});
    QList<QJsonObject> received;
    connect(&kiosk, &media::SignallingClient::messageReceived,
            [&](const QJsonObject &message) { received.append(message); });
    const auto receivedType = [&](const char *type) {
        for (const QJsonObject &message : received)
            if (message.value("type").toString() == QLatin1String(type))
                return message;
        return QJsonObject();
    };
    kiosk.open(QUrl(servers.url()),
               media::SignallingClient::kioskHello(kSite, QStringLiteral("borne-2"),
                                                   hub::test::kioskToken(kSite, "borne-2")));
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.isWelcomed(), 20000);
    kiosk.send({{"type", "help"},
                {"topic", "guide"},
                {"agency", "caf"},
                {"procedure", "caf-declarer-ressources"},
                {"title", "Déclarer mes ressources trimestrielles"},
                {"step", 3}});
    QTRY_VERIFY_WITH_TIMEOUT(!receivedType("help_sent").isEmpty(), 20000);
    QCOMPARE(receivedType("help_sent").value("mediators").toInt(), 1);

    const QJsonObject shown = browser.run(cmd("waitAlerts", {{"count", 1}}));
    QVERIFY(ok(shown));
    const QString text = shown.value("alerts").toArray().first().toString();
    QVERIFY2(text.contains(QStringLiteral("Borne borne-2")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(
                 "Démarche guidée : Déclarer mes ressources trimestrielles (CAF), étape 3")),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("J'y vais")), qPrintable(text));
    QCOMPARE(shown.value("title").toString(), QStringLiteral("(1) Demande d'aide — Relais"));
    QVERIFY(!shown.value("emptyShown").toBool());
    VERIFY_ACCESSIBLE(browser, "the desk with a call");
    QCOMPARE(browser.run(cmd("attention")).value("chimes").toInt(), 1);
    // "Son activé" turns the chime off, and this browser keeps the choice across a reload.
    QVERIFY(ok(browser.run(cmd("toggleSound"))));
    const QJsonObject silent = browser.run(cmd("attention"));
    QVERIFY(!silent.value("sound").toBool());
    QCOMPARE(silent.value("soundText").toString(), QStringLiteral("Son coupé"));
    QCOMPARE(silent.value("kept").toObject().value("relais.desk.sound").toString(),
             QStringLiteral("off"));
    const QString shots = QStringLiteral(SCREENSHOT_DIR);
    QDir().mkpath(shots);
    QVERIFY(
        ok(browser.run(cmd("screenshot", {{"path", shots + QStringLiteral("/desk-call.png")}}))));

    // A reload logs in again (with the token) and shows the call still waiting.
    QVERIFY(ok(browser.run(cmd("deskReload"))));
    QVERIFY(ok(browser.run(cmd("waitAlerts", {{"count", 1}}))));
    const QJsonObject reloaded = browser.run(cmd("attention"));
    QCOMPARE(reloaded.value("soundText").toString(), QStringLiteral("Son coupé"));
    // The call already waiting is counted in the title; with the sound off, no chime.
    QCOMPARE(reloaded.value("title").toString(), QStringLiteral("(1) Demande d'aide — Relais"));
    QCOMPARE(reloaded.value("chimes").toInt(), 0);
    QVERIFY(!QJsonDocument(browser.run(cmd("storage")).value("storage").toObject())
                 .toJson()
                 .contains("mediator-password"));

    QVERIFY(ok(browser.run(cmd("takeAlert"))));
    QTRY_VERIFY_WITH_TIMEOUT(!receivedType("help_coming").isEmpty(), 20000);
    QCOMPARE(receivedType("help_coming").value("display_name").toString(),
             QStringLiteral("Mme Roux"));
    const QJsonObject taken = browser.run(cmd("waitAlerts", {{"count", 1}, {"taken", 1}}));
    QVERIFY(ok(taken));
    QVERIFY(taken.value("alerts").toArray().first().toString().contains(
        QStringLiteral("Mme Roux y va")));
    QCOMPARE(taken.value("title").toString(), QStringLiteral("Relais — accueil"));
    QVERIFY(
        ok(browser.run(cmd("screenshot", {{"path", shots + QStringLiteral("/desk-taken.png")}}))));

    // The resident's session ends: the kiosk lets go of the call, the desk is clear.
    kiosk.close();
    const QJsonObject cleared = browser.run(cmd("waitAlerts", {{"count", 0}}));
    QVERIFY(ok(cleared));
    QVERIFY(cleared.value("emptyShown").toBool());
}

// With device_ca the hub's main port asks every client for a certificate, and Chromium cancels
// a WebSocket handshake that is asked for one: the pages are served, and pointed at, a port
// that never asks. An adviser logs in and takes a real kiosk's call, the mediator's desk logs
// in, and an enrolled kiosk still comes in with its certificate alone on the main port.
void TestAgentConsole::pagesWithKioskCertificates()
{
    namespace pki = relais::provisioning;
    QTemporaryDir dir;
    pki::DeviceCa::create(dir.filePath(QStringLiteral("ca")), QStringLiteral("device CA"));
    const pki::DeviceCa ca = pki::DeviceCa::load(dir.filePath(QStringLiteral("ca")));
    HubAndTurn servers;
    QVERIFY(servers.start(false, 20, true, dir.filePath(QStringLiteral("ca/ca-cert.pem"))));
    QVERIFY(servers.hub->browserPort() != servers.hub->port());
    const QString deskSite = QStringLiteral("46-bretenoux");
    servers.hub->addMediators({{deskSite, QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});

    BrowserAgent console;
    QVERIFY2(console.start(servers.hub->consoleUrl()), "Chromium did not start");
    const QJsonObject login = console.run(
        cmd("login", {{"agency", "caf"}, {"login", kAgentLogin}, {"password", "agent-password"}}));
    QVERIFY(ok(login));
    QCOMPARE(login.value("name").toString(), QStringLiteral("Conseiller CAF"));

    PeerProcess kiosk(QStringLiteral("kiosk"));
    QVERIFY(callTaken(servers, console, kiosk, 30));
    QVERIFY(ok(console.run(cmd("hangUp"))));
    QVERIFY(kiosk.waitFinished(20000));
    QCOMPARE(kiosk.exitCode(), 0);

    BrowserAgent desk;
    QVERIFY2(desk.start(servers.hub->consoleUrl() + QStringLiteral("desk.html")),
             "Chromium did not start");
    const QJsonObject deskLogin = desk.run(cmd(
        "deskLogin", {{"site", deskSite}, {"login", "c.roux"}, {"password", "mediator-password"}}));
    QVERIFY(ok(deskLogin));
    QCOMPARE(deskLogin.value("name").toString(), QStringLiteral("Mme Roux"));
    QVERIFY(ok(desk.run(cmd("waitAlerts", {{"count", 0}}))));

    // The enrolled kiosk: mutual TLS on the main port, no token.
    pki::KeyHandle key = pki::generateP256Key();
    const QString name = deskSite + QStringLiteral("/borne-cert");
    const auto request =
        pki::CertificateRequest::fromPem(pki::CertificateRequest::makePem(key.get(), name));
    const QByteArray certificate = ca.issueClientCertificate(request, name, deskSite).pem;
    media::SignallingClient enrolled;
    enrolled.setCaCertificates({servers.hub->certificate()});
    enrolled.setClientCertificate(QSslCertificate(certificate, QSsl::Pem),
                                  QSslKey(pki::privateKeyPem(key.get()), QSsl::Ec));
    enrolled.open(QUrl(servers.url()), media::SignallingClient::kioskHello(
                                           deskSite, QStringLiteral("borne-cert"), QString()));
    QTRY_VERIFY_WITH_TIMEOUT(enrolled.isWelcomed(), 20000);
    console.run(cmd("quit"));
    desk.run(cmd("quit"));
}

QTEST_GUILESS_MAIN(TestAgentConsole)
#include "tst_agent_console.moc"
