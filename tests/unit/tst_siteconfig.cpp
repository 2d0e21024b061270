// SPDX-License-Identifier: EUPL-1.2
#include "agencycatalog.h"
#include "siteconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace relais;

// Site configuration: the shipped demo is valid, and every kind of mistake an operator can
// make is refused with the file, the field and the problem named.
class TestSiteConfig : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    AgencyCatalog m_catalog;

    static QJsonObject demo()
    {
        QFile file(demoSiteConfigPath());
        if (!file.open(QIODevice::ReadOnly))
            qFatal("demo configuration missing from resources");
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    QString write(const QByteArray &bytes)
    {
        static int n = 0;
        const QString path = m_dir.filePath(QStringLiteral("config-%1.json").arg(++n));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            qFatal("cannot write test file");
        file.write(bytes);
        return path;
    }

private slots:
    void initTestCase() { m_catalog = AgencyCatalog::shipped(); }

    void shippedCatalogIsComplete()
    {
        for (const char *id : {"caf", "cpam", "carsat", "msa", "france-travail", "dgfip", "ants"}) {
            const AgencyInfo *info = m_catalog.find(QString::fromLatin1(id));
            QVERIFY2(info, id);
            QVERIFY(!info->nameIn(QStringLiteral("fr")).isEmpty());
            QVERIFY(!info->descriptionIn(QStringLiteral("en")).isEmpty());
            QVERIFY(
                QFile::exists(QStringLiteral("%1/../../qml/Theme/pictograms/%2.svg")
                                  .arg(QStringLiteral(RELAIS_TEST_SOURCE_DIR), info->pictogram)));
        }
    }

    void demoIsValid()
    {
        const ConfigResult result = loadSiteConfig(demoSiteConfigPath(), m_catalog);
        if (const auto *error = std::get_if<ConfigError>(&result))
            QFAIL(qPrintable(error->message()));
        const auto &config = std::get<SiteConfig>(result);
        QCOMPARE(config.siteId, QStringLiteral("46-bretenoux"));
        QCOMPARE(config.agencies.size(), 7);
        QCOMPARE(config.idleTimeoutSeconds, 120);
        QCOMPARE(config.idleCountdownSeconds, 30);
        QCOMPARE(config.languages, (QStringList{QStringLiteral("fr"), QStringLiteral("en")}));
        // The demo reaches the demo hub on this machine with test sources.
        QVERIFY(config.visio.has_value());
        QVERIFY(config.visio->hubUrl.startsWith(QLatin1String("wss://")));
        QVERIFY(config.visio->testSources);
        QVERIFY(!config.visio->sharedRoom);   // unless the site says so
        QVERIFY(config.visio->headsetSwitch); // unless the site says not
        // Labelling rule (24 h a week over at least 3 days): the demo site meets it.
        QVERIFY(config.openingHours.weeklyMinutes() >= 24 * 60);
        QVERIFY(config.openingHours.openDayCount() >= 3);
    }

    void defaultsWhenOptionalPartsAreLeftOut()
    {
        QJsonObject root = demo();
        root.remove(QStringLiteral("idle"));
        const ConfigResult result = loadSiteConfig(write(QJsonDocument(root).toJson()), m_catalog);
        QVERIFY(std::holds_alternative<SiteConfig>(result));
        QCOMPARE(std::get<SiteConfig>(result).idleTimeoutSeconds, 120);
        QCOMPARE(std::get<SiteConfig>(result).idleCountdownSeconds, 30);
    }

    // A kiosk in a room others use, whose site keeps the loudspeaker even with a headset.
    void sharedRoomAndHeadsetSwitchAreRead()
    {
        QJsonObject root = demo();
        QJsonObject visio = root.value(QStringLiteral("visio")).toObject();
        visio.insert(QStringLiteral("shared_room"), true);
        visio.insert(QStringLiteral("headset_switch"), false);
        root.insert(QStringLiteral("visio"), visio);
        const ConfigResult result = loadSiteConfig(write(QJsonDocument(root).toJson()), m_catalog);
        QVERIFY(std::holds_alternative<SiteConfig>(result));
        QVERIFY(std::get<SiteConfig>(result).visio->sharedRoom);
        QVERIFY(!std::get<SiteConfig>(result).visio->headsetSwitch);
    }

    // The keypad of the non-visual mode: the defaults fit a standard numeric keypad with Num
    // Lock on or off; a site's section replaces the actions it names and keeps the others.
    void keypadDefaultsAndSiteMapping()
    {
        const ConfigResult demoResult = loadSiteConfig(demoSiteConfigPath(), m_catalog);
        QVERIFY(std::holds_alternative<SiteConfig>(demoResult));
        const KeypadMap &defaults = std::get<SiteConfig>(demoResult).keypad;
        QCOMPARE(defaults.action(Qt::Key_8), KeypadAction::Up);
        QCOMPARE(defaults.action(Qt::Key_Up), KeypadAction::Up);
        QCOMPARE(defaults.action(Qt::Key_2), KeypadAction::Down);
        QCOMPARE(defaults.action(Qt::Key_5), KeypadAction::Activate);
        QCOMPARE(defaults.action(Qt::Key_Enter), KeypadAction::Activate);
        QCOMPARE(defaults.action(Qt::Key_0), KeypadAction::Back);
        QCOMPARE(defaults.action(Qt::Key_Backspace), KeypadAction::Back);
        QCOMPARE(defaults.action(Qt::Key_Asterisk), KeypadAction::Help);
        QCOMPARE(defaults.action(Qt::Key_Plus), KeypadAction::VolumeUp);
        QCOMPARE(defaults.action(Qt::Key_Minus), KeypadAction::VolumeDown);
        QVERIFY(!defaults.action(Qt::Key_A).has_value());
        QVERIFY(!defaults.action(Qt::Key_7).has_value());

        QJsonObject root = demo();
        root.insert(QStringLiteral("keypad"),
                    QJsonObject{{QStringLiteral("up"), QJsonArray{QStringLiteral("9")}},
                                {QStringLiteral("help"),
                                 QJsonArray{QStringLiteral("f1"), QStringLiteral("/")}}});
        const ConfigResult result = loadSiteConfig(write(QJsonDocument(root).toJson()), m_catalog);
        if (const auto *error = std::get_if<ConfigError>(&result))
            QFAIL(qPrintable(error->message()));
        const KeypadMap &map = std::get<SiteConfig>(result).keypad;
        QCOMPARE(map.action(Qt::Key_9), KeypadAction::Up);
        QVERIFY(!map.action(Qt::Key_8).has_value()); // replaced, not added to
        QCOMPARE(map.keys(KeypadAction::Help), (QList<int>{Qt::Key_F1, Qt::Key_Slash}));
        QVERIFY(!map.action(Qt::Key_Asterisk).has_value());
        QCOMPARE(map.action(Qt::Key_2), KeypadAction::Down); // kept from the defaults
    }

    void refusesWithFieldAndReason_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("problem");

        const auto mutate = [](auto change) {
            QJsonObject root = demo();
            change(root);
            return QJsonDocument(root).toJson();
        };
        const auto setSite = [&](const char *key, QJsonValue value) {
            return mutate([&](QJsonObject &r) {
                QJsonObject site = r.value(QStringLiteral("site")).toObject();
                site.insert(QString::fromLatin1(key), value);
                r.insert(QStringLiteral("site"), site);
            });
        };

        QTest::newRow("empty file")
            << QByteArray() << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("truncated") << QJsonDocument(demo()).toJson().left(200) << QString()
                                   << QStringLiteral("not valid JSON");
        QTest::newRow("binary garbage")
            << QByteArray("\x00\xff\xfe{\x01", 5) << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("array at top")
            << QByteArray("[1,2]") << QString() << QStringLiteral("JSON object");
        QTest::newRow("wrong format") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("format"), QStringLiteral("relais-site-config/9"));
        }) << QStringLiteral("format") << QStringLiteral("relais-site-config/1");
        QTest::newRow("missing site")
            << mutate([](QJsonObject &r) { r.remove(QStringLiteral("site")); })
            << QStringLiteral("site") << QStringLiteral("is missing");
        QTest::newRow("site id with spaces")
            << setSite("id", QStringLiteral("Bretenoux centre")) << QStringLiteral("site.id")
            << QStringLiteral("lowercase");
        QTest::newRow("name is a number") << setSite("name", 42) << QStringLiteral("site.name")
                                          << QStringLiteral("expected a string, found a number");
        QTest::newRow("empty name")
            << setSite("name", QStringLiteral("  ")) << QStringLiteral("site.name")
            << QStringLiteral("must not be empty");
        QTest::newRow("huge name") << setSite("name", QString(100000, QLatin1Char('x')))
                                   << QStringLiteral("site.name") << QStringLiteral("longer than");
        QTest::newRow("bad departement")
            << setSite("departement", QStringLiteral("99")) << QStringLiteral("site.departement")
            << QStringLiteral("département code");
        QTest::newRow("typo in key")
            << setSite("comune", QStringLiteral("Bretenoux")) << QStringLiteral("site.comune")
            << QStringLiteral("not a known field");
        QTest::newRow("hours format") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("opening_hours"),
                     QJsonObject{{QStringLiteral("mon"), QJsonArray{QStringLiteral("9h-12h")}}});
        }) << QStringLiteral("opening_hours.mon[0]")
                                      << QStringLiteral("HH:MM-HH:MM");
        QTest::newRow("hours reversed") << mutate([](QJsonObject &r) {
            r.insert(
                QStringLiteral("opening_hours"),
                QJsonObject{{QStringLiteral("tue"), QJsonArray{QStringLiteral("14:00-09:00")}}});
        }) << QStringLiteral("opening_hours.tue[0]")
                                        << QStringLiteral("ends before it starts");
        QTest::newRow("hours overlap") << mutate([](QJsonObject &r) {
            r.insert(
                QStringLiteral("opening_hours"),
                QJsonObject{{QStringLiteral("wed"), QJsonArray{QStringLiteral("09:00-12:00"),
                                                               QStringLiteral("11:00-13:00")}}});
        }) << QStringLiteral("opening_hours.wed[1]")
                                       << QStringLiteral("overlaps");
        QTest::newRow("unknown day") << mutate([](QJsonObject &r) {
            r.insert(
                QStringLiteral("opening_hours"),
                QJsonObject{{QStringLiteral("lundi"), QJsonArray{QStringLiteral("09:00-12:00")}}});
        }) << QStringLiteral("opening_hours.lundi")
                                     << QStringLiteral("not a known field");
        QTest::newRow("never open") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("opening_hours"), QJsonObject{});
        }) << QStringLiteral("opening_hours")
                                    << QStringLiteral("at least one day");
        QTest::newRow("unknown agency") << mutate([](QJsonObject &r) {
            QJsonArray a = r.value(QStringLiteral("agencies")).toArray();
            a.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("cnaf-typo")}});
            r.insert(QStringLiteral("agencies"), a);
        }) << QStringLiteral("agencies[7].id")
                                        << QStringLiteral("not a known agency");
        QTest::newRow("agency twice") << mutate([](QJsonObject &r) {
            QJsonArray a = r.value(QStringLiteral("agencies")).toArray();
            a.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("caf")}});
            r.insert(QStringLiteral("agencies"), a);
        }) << QStringLiteral("agencies[7].id")
                                      << QStringLiteral("repeats");
        QTest::newRow("agency not an object") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("agencies"), QJsonArray{QStringLiteral("caf")});
        }) << QStringLiteral("agencies[0]") << QStringLiteral("expected an object");
        QTest::newRow("no agency")
            << mutate([](QJsonObject &r) { r.insert(QStringLiteral("agencies"), QJsonArray{}); })
            << QStringLiteral("agencies") << QStringLiteral("at least one agency");
        QTest::newRow("video hours bad") << mutate([](QJsonObject &r) {
            QJsonArray a = r.value(QStringLiteral("agencies")).toArray();
            a.replace(
                0,
                QJsonObject{{QStringLiteral("id"), QStringLiteral("caf")},
                            {QStringLiteral("video_hours"),
                             QJsonObject{{QStringLiteral("fri"), QStringLiteral("09:00-12:00")}}}});
            r.insert(QStringLiteral("agencies"), a);
        }) << QStringLiteral("agencies[0].video_hours.fri")
                                         << QStringLiteral("expected an array");
        QTest::newRow("idle too short") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("idle"), QJsonObject{{QStringLiteral("timeout_s"), 5}});
        }) << QStringLiteral("idle.timeout_s")
                                        << QStringLiteral("between 20 and 3600");
        QTest::newRow("idle not whole") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("idle"), QJsonObject{{QStringLiteral("countdown_s"), 12.5}});
        }) << QStringLiteral("idle.countdown_s")
                                        << QStringLiteral("whole number");
        QTest::newRow("idle as string") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("idle"),
                     QJsonObject{{QStringLiteral("timeout_s"), QStringLiteral("120")}});
        }) << QStringLiteral("idle.timeout_s")
                                        << QStringLiteral("whole number");
        QTest::newRow("language not shipped") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("languages"),
                     QJsonArray{QStringLiteral("fr"), QStringLiteral("oc")});
        }) << QStringLiteral("languages[1]") << QStringLiteral("not a shipped language");
        QTest::newRow("no language")
            << mutate([](QJsonObject &r) { r.insert(QStringLiteral("languages"), QJsonArray{}); })
            << QStringLiteral("languages") << QStringLiteral("at least one");
        const auto setVisio = [&](const char *key, QJsonValue value) {
            return mutate([&](QJsonObject &r) {
                QJsonObject visio = r.value(QStringLiteral("visio")).toObject();
                visio.insert(QString::fromLatin1(key), value);
                r.insert(QStringLiteral("visio"), visio);
            });
        };
        QTest::newRow("visio hub not TLS")
            << setVisio("hub", QStringLiteral("ws://hub:8443/v1")) << QStringLiteral("visio.hub")
            << QStringLiteral("wss://");
        QTest::newRow("visio hub without host")
            << setVisio("hub", QStringLiteral("wss://")) << QStringLiteral("visio.hub")
            << QStringLiteral("names no host");
        QTest::newRow("visio hub with a path only")
            << setVisio("hub", QStringLiteral("wss:///v1")) << QStringLiteral("visio.hub")
            << QStringLiteral("names no host");
        QTest::newRow("visio hub other scheme")
            << setVisio("hub", QStringLiteral("https://hub.example:8443/v1"))
            << QStringLiteral("visio.hub") << QStringLiteral("wss://");
        QTest::newRow("visio hub scheme in capitals")
            << setVisio("hub", QStringLiteral("WSS//hub.example")) << QStringLiteral("visio.hub")
            << QStringLiteral("wss://");
        QTest::newRow("visio token short")
            << setVisio("token", QStringLiteral("abc")) << QStringLiteral("visio.token")
            << QStringLiteral("at least 16");
        QTest::newRow("visio kiosk id")
            << setVisio("kiosk", QStringLiteral("Borne 1")) << QStringLiteral("visio.kiosk")
            << QStringLiteral("lowercase");
        QTest::newRow("visio test sources")
            << setVisio("test_sources", QStringLiteral("yes"))
            << QStringLiteral("visio.test_sources") << QStringLiteral("true or false");
        QTest::newRow("visio shared room")
            << setVisio("shared_room", QStringLiteral("yes")) << QStringLiteral("visio.shared_room")
            << QStringLiteral("true or false");
        QTest::newRow("visio headset switch")
            << setVisio("headset_switch", 1) << QStringLiteral("visio.headset_switch")
            << QStringLiteral("true or false");
        const auto setObservatory = [&](const char *key, QJsonValue value) {
            return mutate([&](QJsonObject &r) {
                QJsonObject o;
                o.insert(QString::fromLatin1(key), value);
                r.insert(QStringLiteral("observatory"), o);
            });
        };
        QTest::newRow("observatory address in the file")
            << setObservatory("url", QStringLiteral("https://obs.example:8444"))
            << QStringLiteral("observatory.url") << QStringLiteral("not a known field");
        QTest::newRow("observatory heartbeat too often")
            << setObservatory("heartbeat_s", 5) << QStringLiteral("observatory.heartbeat_s")
            << QStringLiteral("between 30 and 3600");
        QTest::newRow("observatory misspelt key")
            << setObservatory("cert", QStringLiteral("/etc/relais/kiosk.pem"))
            << QStringLiteral("observatory.cert") << QStringLiteral("not a known field");
        const auto setKeypad = [&](QJsonObject keypad) {
            return mutate([&](QJsonObject &r) { r.insert(QStringLiteral("keypad"), keypad); });
        };
        QTest::newRow("keypad unknown action")
            << setKeypad({{QStringLiteral("select"), QJsonArray{QStringLiteral("5")}}})
            << QStringLiteral("keypad.select") << QStringLiteral("not a known field");
        QTest::newRow("keypad unknown key")
            << setKeypad({{QStringLiteral("up"),
                           QJsonArray{QStringLiteral("8"), QStringLiteral("Haut")}}})
            << QStringLiteral("keypad.up[1]") << QStringLiteral("\"Haut\" is not a key name");
        QTest::newRow("keypad key as a string")
            << setKeypad({{QStringLiteral("down"), QStringLiteral("2")}})
            << QStringLiteral("keypad.down") << QStringLiteral("array");
        QTest::newRow("keypad key as a number")
            << setKeypad({{QStringLiteral("down"), QJsonArray{2}}})
            << QStringLiteral("keypad.down[0]") << QStringLiteral("string");
        QTest::newRow("keypad action without a key")
            << setKeypad({{QStringLiteral("back"), QJsonArray{}}}) << QStringLiteral("keypad.back")
            << QStringLiteral("at least one key");
        QTest::newRow("keypad key twice in an action")
            << setKeypad(
                   {{QStringLiteral("back"), QJsonArray{QStringLiteral("0"), QStringLiteral("0")}}})
            << QStringLiteral("keypad.back[1]") << QStringLiteral("listed twice");
        QTest::newRow("keypad key of two actions")
            << setKeypad({{QStringLiteral("up"), QJsonArray{QStringLiteral("8")}},
                          {QStringLiteral("down"), QJsonArray{QStringLiteral("8")}}})
            << QStringLiteral("keypad.down") << QStringLiteral("also the key of \"up\"");
        QTest::newRow("keypad key of a default action")
            << setKeypad({{QStringLiteral("help"), QJsonArray{QStringLiteral("Enter")}}})
            << QStringLiteral("keypad.help") << QStringLiteral("also the key of \"activate\"");
        QTest::newRow("keypad not an object")
            << mutate([](QJsonObject &r) { r.insert(QStringLiteral("keypad"), QJsonArray{}); })
            << QStringLiteral("keypad") << QStringLiteral("object");
        QTest::newRow("dpi absurd") << mutate([](QJsonObject &r) {
            r.insert(QStringLiteral("display"), QJsonObject{{QStringLiteral("dpi"), 5000}});
        }) << QStringLiteral("display.dpi")
                                    << QStringLiteral("between 50 and 600");
    }

    void refusesWithFieldAndReason()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, field);
        QFETCH(QString, problem);
        const QString path = write(content);
        const ConfigResult result = loadSiteConfig(path, m_catalog);
        QVERIFY2(std::holds_alternative<ConfigError>(result), "an invalid file was accepted");
        const auto &error = std::get<ConfigError>(result);
        QCOMPARE(error.file, path);
        QCOMPARE(error.field, field);
        QVERIFY2(error.problem.contains(problem), qPrintable(error.problem));
        QVERIFY(error.message().startsWith(path));
        if (!field.isEmpty())
            QVERIFY(error.message().contains(field));
    }

    void missingFileIsNamed()
    {
        const QString path = m_dir.filePath(QStringLiteral("nowhere.json"));
        const ConfigResult result = loadSiteConfig(path, m_catalog);
        QVERIFY(std::holds_alternative<ConfigError>(result));
        QVERIFY(std::get<ConfigError>(result).message().contains(QStringLiteral("cannot be read")));
    }

    void oversizedFileIsRefused()
    {
        const QString path = write(QByteArray(2 * 1024 * 1024, ' ') + "{}");
        const ConfigResult result = loadSiteConfig(path, m_catalog);
        QVERIFY(std::holds_alternative<ConfigError>(result));
        QVERIFY(std::get<ConfigError>(result).problem.contains(QStringLiteral("larger than")));
    }
};

QTEST_GUILESS_MAIN(TestSiteConfig)
#include "tst_siteconfig.moc"
