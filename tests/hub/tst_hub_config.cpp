// SPDX-License-Identifier: EUPL-1.2
// The hub configuration: the shipped demo is valid and matches the kiosk's demo site, and a
// corpus of broken files is refused with the file, the exact field and the problem.
#include "hubconfig.h"
#include "hubtestconfig.h"
#include "jsonfields.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace relais::hub;
using namespace relais::hub::test;

namespace {

// Applies `edit` to a valid configuration, writes it, and returns the loader's complaint.
QString problemWith(const std::function<void(QJsonObject &)> &edit)
{
    QTemporaryDir dir;
    QJsonObject root = hubConfigJson();
    edit(root);
    const QString path = dir.filePath(QStringLiteral("hub.json"));
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(root).toJson());
    file.close();
    try {
        loadHubConfig(path);
        return QStringLiteral("accepted");
    } catch (const ConfigError &error) {
        if (!error.message.startsWith(path + QStringLiteral(": ")))
            return QStringLiteral("message does not start with the file: ") + error.message;
        return error.message.mid(path.size() + 2);
    }
}

template<typename F> void editSite(QJsonObject &root, int index, F &&edit)
{
    QJsonArray sites = root["sites"].toArray();
    QJsonObject site = sites[index].toObject();
    edit(site);
    sites[index] = site;
    root["sites"] = sites;
}

} // namespace

class TestHubConfig : public QObject
{
    Q_OBJECT

private slots:
    void demoConfigIsValidAndMatchesTheKioskDemo()
    {
        const HubConfig config =
            loadHubConfig(QStringLiteral(RELAIS_SOURCE_DIR "/hub/data/demo-hub.json"));
        QCOMPARE(config.sites.size(), 1);
        const Site &site = config.sites.first();
        QCOMPARE(site.id, QStringLiteral("46-bretenoux"));
        QCOMPARE(config.port, quint16(8443));
        QVERIFY(config.certPath.endsWith(QStringLiteral("/hub/data/hub-cert.pem")));

        // Same agencies, same video hours as the kiosk's demo site.
        const QJsonObject kiosk =
            relais::json::parseFile(QStringLiteral(RELAIS_SOURCE_DIR "/kiosk/data/demo-site.json"));
        QCOMPARE(kiosk["site"].toObject()["id"].toString(), site.id);
        QCOMPARE(kiosk["site"].toObject()["name"].toString(), site.name);
        const QJsonArray agencies = kiosk["agencies"].toArray();
        QCOMPARE(agencies.size(), site.counters.size());
        for (qsizetype i = 0; i < agencies.size(); ++i) {
            const QJsonObject agency = agencies[i].toObject();
            const Counter *counter = site.counter(agency["id"].toString());
            QVERIFY2(counter, qPrintable(agency["id"].toString()));
            QCOMPARE(counter->videoHours.has_value(), agency.contains("video_hours"));
            if (counter->videoHours) {
                const auto hours = relais::WeeklyHours::fromJson(agency["video_hours"].toObject(),
                                                                 QStringLiteral("video_hours"));
                for (int day = 0; day < 7; ++day) {
                    const QDate date = QDate(2026, 11, 23).addDays(day);
                    QCOMPARE(counter->videoHours->on(date), hours.on(date));
                }
            }
        }
        QVERIFY(
            tokenMatches(site.kiosks.first(), QStringLiteral("demo-token-46-bretenoux-borne-1")));
        QVERIFY(
            !tokenMatches(site.kiosks.first(), QStringLiteral("demo-token-46-bretenoux-borne-2")));
    }

    void validTestConfig()
    {
        QCOMPARE(problemWith([](QJsonObject &) {}), QStringLiteral("accepted"));
        QTemporaryDir dir;
        const HubConfig config = parseHubConfig(hubConfigJson(), dir.path());
        QCOMPARE(config.graceMs, 300);
        QCOMPARE(config.agencies(), (QStringList{"caf", "dgfip", "cpam"}));
        QCOMPARE(config.storePath, dir.filePath("hub.sqlite"));

        // The key in the folder of systemd's credentials (LoadCredential=), only while the
        // environment names one.
        QJsonObject credentials = hubConfigJson();
        credentials["tls"] =
            QJsonObject{{"cert", "hub-cert.pem"}, {"key", "${CREDENTIALS_DIRECTORY}/hub-key.pem"}};
        qputenv("CREDENTIALS_DIRECTORY", "/run/credentials/relais-hub.service");
        QCOMPARE(parseHubConfig(credentials, dir.path()).keyPath,
                 QStringLiteral("/run/credentials/relais-hub.service/hub-key.pem"));
        qunsetenv("CREDENTIALS_DIRECTORY");
        QVERIFY_THROWS_EXCEPTION(relais::json::FieldError, parseHubConfig(credentials, dir.path()));

        // coturn's secret in a file of its own (a credential), its line end left out.
        QFile secret(dir.filePath("turn-secret"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("north-of-the-lot-secret\n");
        secret.close();
        QJsonObject fromFile = hubConfigJson();
        QJsonObject turn = fromFile["turn"].toObject();
        turn.remove("secret");
        turn["secret_file"] = "turn-secret";
        fromFile["turn"] = turn;
        QCOMPARE(parseHubConfig(fromFile, dir.path()).turn.secret,
                 QByteArray("north-of-the-lot-secret"));
        QCOMPARE(config.turn.lifetimeS, 3600);
        QVERIFY(config.site("19-allday")->timeZone == QTimeZone("Europe/Paris")); // default
        QVERIFY(!config.site("46-bretenoux")->counter("dgfip")->videoHours.has_value());
        QVERIFY(!config.browserPort);
        QCOMPARE(config.connections.helloTimeoutMs, 10000);
        QCOMPARE(config.connections.perAddress, 32);
        QCOMPARE(config.connections.total, 4096);
        QCOMPARE(config.connections.reservedForAuthenticated, 512);

        QJsonObject tuned = hubConfigJson();
        tuned["listen"] =
            QJsonObject{{"address", "127.0.0.1"}, {"port", 8443}, {"browser_port", 8446}};
        tuned["connections"] =
            QJsonObject{{"hello_timeout_s", 2.5}, {"per_address", 4}, {"total", 64}};
        const HubConfig limits = parseHubConfig(tuned, dir.path());
        QCOMPARE(limits.browserPort.value_or(0), 8446);
        QCOMPARE(limits.connections.helloTimeoutMs, 2500);
        QCOMPARE(limits.connections.perAddress, 4);
        QCOMPARE(limits.connections.total, 64);
        QCOMPARE(limits.connections.reservedForAuthenticated, 32); // half of a small total
    }

    void brokenConfigs_data()
    {
        QTest::addColumn<std::function<void(QJsonObject &)>>("edit");
        QTest::addColumn<QString>("problem");
        using Edit = std::function<void(QJsonObject &)>;
        auto row = [](const char *name, Edit edit, const char *problem) {
            QTest::newRow(name) << edit << QString::fromUtf8(problem);
        };
        row(
            "wrong format", [](QJsonObject &r) { r["format"] = "relais-site-config/1"; },
            "field \"format\" must be \"relais-hub-config/1\"");
        row(
            "unknown key", [](QJsonObject &r) { r["listne"] = QJsonObject(); },
            "field \"listne\" is not a known field (expected one of: format, listen, tls, store, "
            "turn, timing, console, device_ca, connections, operations, observatory, sites)");
        const QString token = QStringLiteral("a-hub-token-of-thirty-two-characters-or-more");
        row(
            "observatory over plain http",
            [token](QJsonObject &r) {
                r["observatory"] =
                    QJsonObject{{"url", "http://obs.example:8444"}, {"token", token}};
            },
            "PREFIX field \"observatory.url\" must be the observatory's https:// address");
        row(
            "observatory token too short",
            [](QJsonObject &r) {
                r["observatory"] =
                    QJsonObject{{"url", "https://obs.example:8444"}, {"token", "short"}};
            },
            "PREFIX field \"observatory.token\" must be at least 32 characters");
        row(
            "observatory token twice",
            [token](QJsonObject &r) {
                r["observatory"] = QJsonObject{
                    {"url", "https://obs.example:8444"}, {"token", token}, {"token_file", "token"}};
            },
            "field \"observatory.token_file\" and observatory.token are both set: keep one");
        row(
            "observatory without token",
            [](QJsonObject &r) {
                r["observatory"] = QJsonObject{{"url", "https://obs.example:8444"}};
            },
            "PREFIX field \"observatory.token\"");
        row(
            "observatory unknown key",
            [token](QJsonObject &r) {
                r["observatory"] = QJsonObject{
                    {"url", "https://obs.example:8444"}, {"token", token}, {"cert", "x"}};
            },
            "PREFIX field \"observatory.cert\"");
        row(
            "console port as text",
            [](QJsonObject &r) {
                r["console"] = QJsonObject{{"port", "8444"}};
            },
            "PREFIX field \"console.port\"");
        row(
            "console port too big",
            [](QJsonObject &r) {
                r["console"] = QJsonObject{{"port", 70000}};
            },
            "PREFIX field \"console.port\"");
        row(
            "operations without address",
            [](QJsonObject &r) {
                r["operations"] = QJsonObject{{"port", 9101}};
            },
            "PREFIX field \"operations.address\" is missing");
        row(
            "operations address not an address",
            [](QJsonObject &r) {
                r["operations"] = QJsonObject{{"address", "localhost"}, {"port", 9101}};
            },
            "PREFIX field \"operations.address\" \"localhost\" is not an IPv4 or IPv6 address");
        row(
            "operations port too big",
            [](QJsonObject &r) {
                r["operations"] = QJsonObject{{"address", "127.0.0.1"}, {"port", 70000}};
            },
            "PREFIX field \"operations.port\"");
        row(
            "operations unknown key",
            [](QJsonObject &r) {
                r["operations"] = QJsonObject{{"address", "127.0.0.1"}, {"prot", 9101}};
            },
            "PREFIX field \"operations.prot\"");
        row(
            "console unknown key",
            [](QJsonObject &r) {
                r["console"] = QJsonObject{{"prot", 8444}};
            },
            "PREFIX field \"console.prot\"");
        row(
            "browser port is the kiosks' port",
            [](QJsonObject &r) {
                r["listen"] =
                    QJsonObject{{"address", "127.0.0.1"}, {"port", 8443}, {"browser_port", 8443}};
            },
            "field \"listen.browser_port\" must differ from listen.port");
        row(
            "device CA and console without a browsers' port",
            [](QJsonObject &r) {
                r["device_ca"] = "ca-cert.pem";
                r["console"] = QJsonObject{{"port", 8445}};
            },
            "PREFIX field \"listen.browser_port\" must be set when device_ca and console are");
        row(
            "connections unknown key",
            [](QJsonObject &r) {
                r["connections"] = QJsonObject{{"per_adress", 8}};
            },
            "PREFIX field \"connections.per_adress\" is not a known field");
        row(
            "hello timeout too short",
            [](QJsonObject &r) {
                r["connections"] = QJsonObject{{"hello_timeout_s", 0}};
            },
            "PREFIX field \"connections.hello_timeout_s\"");
        row(
            "nothing left for anonymous connections",
            [](QJsonObject &r) {
                r["connections"] = QJsonObject{{"total", 100}, {"reserved_for_authenticated", 100}};
            },
            "field \"connections.reserved_for_authenticated\" must be less than connections.total "
            "(100)");
        row(
            "no listen", [](QJsonObject &r) { r.remove("listen"); }, "field \"listen\" is missing");
        row(
            "bad address",
            [](QJsonObject &r) {
                r["listen"] = QJsonObject{{"address", "hub.local"}, {"port", 1}};
            },
            "field \"listen.address\" \"hub.local\" is not an IPv4 or IPv6 address");
        row(
            "port too big",
            [](QJsonObject &r) {
                r["listen"] = QJsonObject{{"address", "::"}, {"port", 70000}};
            },
            "field \"listen.port\" must be between 0 and 65535, found 70000");
        row(
            "port string",
            [](QJsonObject &r) {
                r["listen"] = QJsonObject{{"address", "::"}, {"port", "443"}};
            },
            "field \"listen.port\" expected a whole number, found a string");
        row(
            "no key",
            [](QJsonObject &r) {
                r["tls"] = QJsonObject{{"cert", "c.pem"}};
            },
            "field \"tls.key\" is missing");
        row(
            "a variable other than the credentials' folder",
            [](QJsonObject &r) {
                r["tls"] = QJsonObject{{"cert", "c.pem"}, {"key", "${HOME}/k.pem"}};
            },
            "field \"tls.key\" only ${CREDENTIALS_DIRECTORY}/ may start a path");
        row(
            "turn secret twice",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["secret_file"] = "turn-secret";
                r["turn"] = turn;
            },
            "field \"turn.secret_file\" and turn.secret are both set: keep one");
        row(
            "turn secret file missing",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn.remove("secret");
                turn["secret_file"] = "no-such-secret";
                r["turn"] = turn;
            },
            "PREFIX field \"turn.secret_file\"");
        row(
            "store not a string", [](QJsonObject &r) { r["store"] = true; },
            "field \"store\" expected a string, found a boolean");
        row(
            "short secret",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["secret"] = "short";
                r["turn"] = turn;
            },
            "field \"turn.secret\" must be at least 16 characters (coturn's static-auth-secret)");
        row(
            "bad turn url",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["turn_urls"] = QJsonArray{"turn:ok:3478", "http://turn"};
                r["turn"] = turn;
            },
            "field \"turn.turn_urls[1]\" \"http://turn\" must start with turn: or turns:");
        row(
            "stun url in turn",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["stun_urls"] = QJsonArray{"turn:x:3478"};
                r["turn"] = turn;
            },
            "field \"turn.stun_urls[0]\" \"turn:x:3478\" must start with stun:");
        row(
            "lifetime too short",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["lifetime_s"] = 5;
                r["turn"] = turn;
            },
            "field \"turn.lifetime_s\" must be between 60 and 86400, found 5");
        row(
            "force relay not bool",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["force_relay"] = "yes";
                r["turn"] = turn;
            },
            "field \"turn.force_relay\" expected true or false");
        row(
            "force relay without turn",
            [](QJsonObject &r) {
                QJsonObject turn = r["turn"].toObject();
                turn["force_relay"] = true;
                turn["turn_urls"] = QJsonArray();
                r["turn"] = turn;
            },
            "field \"turn.turn_urls\" must not be empty when force_relay is true");
        row(
            "grace zero",
            [](QJsonObject &r) {
                r["timing"] = QJsonObject{{"grace_s", 0}};
            },
            "field \"timing.grace_s\" must be between 0.1 and 300, found 0");
        row(
            "timing typo",
            [](QJsonObject &r) {
                r["timing"] = QJsonObject{{"grace", 20}};
            },
            "field \"timing.grace\" is not a known field (expected one of: grace_s, "
            "default_call_s, ping_interval_s)");
        row(
            "no sites", [](QJsonObject &r) { r["sites"] = QJsonArray(); },
            "field \"sites\" must list at least one site");
        row(
            "site not an object", [](QJsonObject &r) { r["sites"] = QJsonArray{1}; },
            "field \"sites[0]\" expected an object, found a number");
        row(
            "bad site id",
            [](QJsonObject &r) { editSite(r, 1, [](QJsonObject &s) { s["id"] = "Argentat"; }); },
            "field \"sites[1].id\" must be lowercase letters, digits and '-' (1 to 64)");
        row(
            "repeated site",
            [](QJsonObject &r) {
                editSite(r, 1, [](QJsonObject &s) { s["id"] = "46-bretenoux"; });
            },
            "field \"sites[1].id\" repeats site \"46-bretenoux\"");
        row(
            "unknown zone",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) { s["time_zone"] = "Europe/Bretenoux"; });
            },
            "field \"sites[0].time_zone\" \"Europe/Bretenoux\" is not a known time zone (e.g. "
            "\"Europe/Paris\")");
        row(
            "token in clear",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    s["kiosks"] = QJsonArray{QJsonObject{{"id", "borne-1"}, {"token", "secret"}}};
                });
            },
            "field \"sites[0].kiosks[0].token\" is not a known field (expected one of: id, "
            "token_sha256)");
        row(
            "digest not hex",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    s["kiosks"] = QJsonArray{
                        QJsonObject{{"id", "borne-1"}, {"token_sha256", QString(64, 'G')}}};
                });
            },
            "field \"sites[0].kiosks[0].token_sha256\" must be 64 lowercase hexadecimal digits "
            "(sha256sum of the token)");
        row(
            "repeated kiosk",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    QJsonArray kiosks = s["kiosks"].toArray();
                    kiosks.append(kiosks[0]);
                    s["kiosks"] = kiosks;
                });
            },
            "field \"sites[0].kiosks[3].id\" repeats kiosk \"borne-1\"");
        row(
            "no counters",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) { s["counters"] = QJsonArray(); });
            },
            "field \"sites[0].counters\" must list at least one counter");
        row(
            "repeated agency",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    s["counters"] =
                        QJsonArray{QJsonObject{{"agency", "caf"}}, QJsonObject{{"agency", "caf"}}};
                });
            },
            "field \"sites[0].counters[1].agency\" repeats agency \"caf\"");
        row(
            "bad hours",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    s["counters"] = QJsonArray{QJsonObject{
                        {"agency", "caf"},
                        {"video_hours", QJsonObject{{"tue", QJsonArray{"12:00-09:00"}}}}}};
                });
            },
            "PREFIX field \"sites[0].counters[0].video_hours.tue[0]\"");
        row(
            "bad day",
            [](QJsonObject &r) {
                editSite(r, 0, [](QJsonObject &s) {
                    s["counters"] = QJsonArray{QJsonObject{
                        {"agency", "caf"},
                        {"video_hours", QJsonObject{{"mardi", QJsonArray{"09:00-12:00"}}}}}};
                });
            },
            "PREFIX field \"sites[0].counters[0].video_hours.mardi\"");
    }

    void brokenConfigs()
    {
        QFETCH(std::function<void(QJsonObject &)>, edit);
        QFETCH(QString, problem);
        const QString actual = problemWith(edit);
        if (problem.startsWith(QStringLiteral("PREFIX ")))
            QVERIFY2(actual.startsWith(problem.mid(7)), qPrintable(actual));
        else
            QCOMPARE(actual, problem);
    }

    void notJsonAndMissingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("hub.json");
        try {
            loadHubConfig(path);
            QFAIL("accepted a missing file");
        } catch (const ConfigError &error) {
            QVERIFY(error.message.startsWith(path + ": cannot be read"));
        }
        QFile file(path);
        file.open(QIODevice::WriteOnly);
        file.write("{\"format\": ");
        file.close();
        try {
            loadHubConfig(path);
            QFAIL("accepted broken JSON");
        } catch (const ConfigError &error) {
            QVERIFY(error.message.startsWith(path + ": is not valid JSON"));
        }
    }
};

QTEST_GUILESS_MAIN(TestHubConfig)
#include "tst_hub_config.moc"
