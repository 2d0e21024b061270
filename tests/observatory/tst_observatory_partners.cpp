// SPDX-License-Identifier: EUPL-1.2
// Partners' life cycle against the real relais-observatory (SQLite, and PostgreSQL with
// RELAIS_TEST_BACKEND=postgresql): list-partners, disable-partner, enable-partner and
// remove-partner while the server runs; a disabled or removed partner's open session is refused
// at its next request and its next login too; bad command lines change nothing. The partners'
// API: a token made and revoked with the command line reads exactly what its partner's dashboard
// shows (JSON, CSV and XLSX), never another partner's scope, and is refused once revoked, expired
// or its partner disabled; the store keeps no token in clear.
#include "backend.h"
#include "observatoryprocess.h"
#include "partnersession.h"

#include "dashboard/apitokens.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlRecord>
#include <QTest>

using namespace relais::observatory;
using namespace relais::observatory::test;

namespace {
struct Run
{
    int exitCode = -1;
    QString out, err;
};
} // namespace

class TestObservatoryPartners : public QObject
{
    Q_OBJECT

private:
    Backend m_backend;
    std::unique_ptr<ObservatoryProcess> m_server;

    Run command(const QStringList &arguments)
    {
        QProcess process;
        process.start(
            QStringLiteral(RELAIS_OBSERVATORY_EXE),
            QStringList{arguments.first(), QStringLiteral("--config"), m_server->configPath()} +
                arguments.mid(1));
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QString listed(const QString &login)
    {
        const Run list = command({QStringLiteral("list-partners")});
        for (const QString &line : list.out.split(u'\n')) {
            if (line.startsWith(login + u'\t'))
                return line;
        }
        return {};
    }

    int login(const QString &name)
    {
        const QByteArray host = "localhost:" + QByteArray::number(m_server->port());
        const QByteArray body =
            QJsonDocument(QJsonObject{{"login", name}, {"password", "relais-test-password"}})
                .toJson(QJsonDocument::Compact);
        return m_server->client()
            .raw("POST /dashboard/api/login HTTP/1.1\r\nHost: " + host + "\r\nOrigin: https://" +
                 host + "\r\nContent-Type: application/json\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body)
            .status;
    }

    // add-api-token's secret and id, as the operator reads them.
    std::pair<QString, QString> addToken(const QString &partner)
    {
        const Run run = command({QStringLiteral("add-api-token"), QStringLiteral("--partner"),
                                 partner, QStringLiteral("--label"), QStringLiteral("test")});
        const auto token = QRegularExpression(QStringLiteral("^token: (\\S+)$"),
                                              QRegularExpression::MultilineOption)
                               .match(run.out);
        const auto id = QRegularExpression(QStringLiteral("API token (\\S+) for")).match(run.out);
        return {token.captured(1), id.captured(1)};
    }

    Reply api(const QString &path, const QString &token)
    {
        return m_server->client().get(path, "Authorization: Bearer " + token.toLatin1() + "\r\n");
    }

    static QStringList firstCells(const QJsonObject &table)
    {
        QStringList cells;
        for (const QJsonValue &row : table[QStringLiteral("rows")].toArray())
            cells << row[0].toVariant().toString();
        return cells;
    }

    static QJsonObject tableOf(const Reply &reply, const char *id)
    {
        return reply.json()[QStringLiteral("tables")][QLatin1String(id)].toObject();
    }

    static bool refusedAsBearer(const Reply &reply)
    {
        return reply.status == 401 && reply.header("www-authenticate").startsWith("Bearer ");
    }

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ObservatoryProcess>(m_backend.database());
        QVERIFY(m_server->start());
        // Calls in both territories: 3 for the CAF at Gourdon (Bouriane), 5 for the CARSAT at
        // Bretenoux (Cère et Dordogne).
        QJsonArray gourdon;
        for (int i = 0; i < 3; ++i)
            gourdon << callEnded(QStringLiteral("46-gourdon"), QStringLiteral("caf"));
        QJsonArray bretenoux;
        for (int i = 0; i < 5; ++i)
            bretenoux << callEnded(QStringLiteral("46-bretenoux"), QStringLiteral("carsat"));
        for (const auto &[site, records] : {std::pair{QStringLiteral("46-gourdon"), gourdon},
                                            std::pair{QStringLiteral("46-bretenoux"), bretenoux}}) {
            const Reply sent =
                m_server->client(m_server->enrollNew(site, QStringLiteral("borne-1")))
                    .postJson(QStringLiteral("/v1/records"), batch(records));
            QCOMPARE(sent.status, 200);
        }
    }

    void disabledThenEnabled()
    {
        PartnerSession lot(*m_server, {QStringLiteral("lot"), QStringLiteral("Lot"), {}, {}});
        PartnerSession carsat(
            *m_server,
            {QStringLiteral("carsat"), QStringLiteral("CARSAT"), {QStringLiteral("carsat")}, {}});
        QVERIFY(lot.loggedIn() && carsat.loggedIn());
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/options")).status, 200);
        QCOMPARE(listed(QStringLiteral("carsat")),
                 QStringLiteral("carsat\tCARSAT\tcarsat\tall\tenabled"));

        Run run = command(
            {QStringLiteral("disable-partner"), QStringLiteral("--login"), QStringLiteral("lot")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("partner lot disabled")));
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/options")).status, 401);
        QCOMPARE(login(QStringLiteral("lot")), 401);
        QVERIFY(listed(QStringLiteral("lot")).contains(QStringLiteral("\tdisabled since ")));
        // Another partner carries on.
        QCOMPARE(carsat.get(QStringLiteral("/dashboard/api/options")).status, 200);

        QCOMPARE(command({QStringLiteral("enable-partner"), QStringLiteral("--login"),
                          QStringLiteral("lot")})
                     .exitCode,
                 0);
        QCOMPARE(login(QStringLiteral("lot")), 200);
        // The session ended by the disabling stays ended.
        QCOMPARE(lot.get(QStringLiteral("/dashboard/api/options")).status, 401);
    }

    void removed()
    {
        PartnerSession bouriane(*m_server, {QStringLiteral("bouriane"),
                                            QStringLiteral("Bouriane"),
                                            {},
                                            {QStringLiteral("Bouriane")}});
        QVERIFY(bouriane.loggedIn());
        QCOMPARE(command({QStringLiteral("remove-partner"), QStringLiteral("--login"),
                          QStringLiteral("bouriane")})
                     .exitCode,
                 0);
        QCOMPARE(bouriane.get(QStringLiteral("/dashboard/api/options")).status, 401);
        QCOMPARE(login(QStringLiteral("bouriane")), 401);
        QVERIFY(listed(QStringLiteral("bouriane")).isEmpty());
    }

    void badCommandLinesChangeNothing()
    {
        const QString before = command({QStringLiteral("list-partners")}).out;
        Run run = command({QStringLiteral("remove-partner"), QStringLiteral("--login"),
                           QStringLiteral("nobody")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("there is no partner nobody")));
        QCOMPARE(command({QStringLiteral("disable-partner")}).exitCode, 2);
        QCOMPARE(command({QStringLiteral("disable-partner"), QStringLiteral("--login"),
                          QStringLiteral("lot"), QStringLiteral("--name"), QStringLiteral("X")})
                     .exitCode,
                 2);
        QCOMPARE(command({QStringLiteral("list-partners")}).out, before);
    }

    // The same filters give the same figures, table by table and as CSV: the token reads what
    // its partner's dashboard shows.
    void apiTokenReadsWhatTheDashboardShows()
    {
        const Partner bouriane{QStringLiteral("api-bouriane"),
                               QStringLiteral("Bouriane"),
                               {},
                               {QStringLiteral("Bouriane")}};
        PartnerSession dashboard(*m_server, bouriane);
        QVERIFY(dashboard.loggedIn());
        const auto [token, id] = addToken(bouriane.login);
        QVERIFY2(token.startsWith(QStringLiteral("rlo_")), qPrintable(token));
        for (const QString &query :
             {QStringLiteral("?from=2026-W40&to=2026-W52"),
              QStringLiteral("?from=2026-W40&to=2026-W52&grain=month&site=46-gourdon"),
              QStringLiteral("?departement=46&agency=caf&grain=quarter")}) {
            const Reply seen = dashboard.get(QStringLiteral("/dashboard/api/tables") + query);
            const Reply read = api(QStringLiteral("/api/v1/tables") + query, token);
            QCOMPARE(read.status, 200);
            QCOMPARE(read.json(), seen.json());
            QCOMPARE(firstCells(tableOf(read, "calls")), QStringList{QStringLiteral("caf")});
            QCOMPARE(api(QStringLiteral("/api/v1/tables/calls") + query, token).json(),
                     tableOf(seen, "calls"));
            const Reply csv = api(QStringLiteral("/api/v1/tables/calls.csv") + query, token);
            QCOMPARE(csv.header("content-type"), QByteArray("text/csv; charset=utf-8"));
            QCOMPARE(csv.body,
                     dashboard.get(QStringLiteral("/dashboard/api/csv/calls.csv") + query).body);
        }
        // The bearer API sets no cookie and allows no other origin; a session opens nothing
        // there, a token nothing on the dashboard.
        const Reply read = api(QStringLiteral("/api/v1/tables"), token);
        QVERIFY(read.cookie.isEmpty());
        QVERIFY(!read.headers.contains("access-control-allow-origin"));
        QVERIFY(refusedAsBearer(dashboard.get(QStringLiteral("/api/v1/tables"))));
        QCOMPARE(api(QStringLiteral("/dashboard/api/tables"), token).status, 401);
        QCOMPARE(api(QStringLiteral("/api/v1/tables?grain=decade"), token).json(),
                 dashboard.get(QStringLiteral("/dashboard/api/tables?grain=decade")).json());
        QCOMPARE(api(QStringLiteral("/api/v1/tables?grain=decade"), token).status, 400);
        QCOMPARE(api(QStringLiteral("/api/v1/tables/nothing"), token).status, 404);
        // The workbooks of the dashboard, through the same scope (their cells are checked
        // against the CSV by the dashboard's browser test).
        for (const QString &path :
             {QStringLiteral("/api/v1/tables.xlsx"), QStringLiteral("/api/v1/tables/calls.xlsx")}) {
            const Reply workbook = api(path + QStringLiteral("?from=2026-W40"), token);
            QCOMPARE(workbook.status, 200);
            QCOMPARE(
                workbook.header("content-type"),
                QByteArray("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
            QVERIFY(workbook.body.startsWith("PK\x03\x04"));
        }
        QCOMPARE(api(QStringLiteral("/api/v1/tables/nothing.xlsx"), token).status, 404);
        QCOMPARE(api(QStringLiteral("/api/v1/tables.xlsx?territory=Quercy%20blanc"), token).status,
                 403);
    }

    // Asking for another partner's territory, site or agency gets what the dashboard gives:
    // a refusal, or the partner's own scope and so nothing of the other's.
    void apiTokenNeverReadsAnotherScope()
    {
        const Partner bouriane{QStringLiteral("api-bouriane2"),
                               QStringLiteral("Bouriane"),
                               {},
                               {QStringLiteral("Bouriane")}};
        const Partner caf{
            QStringLiteral("api-caf"), QStringLiteral("CAF"), {QStringLiteral("caf")}, {}};
        const Partner cere{QStringLiteral("api-cere"),
                           QStringLiteral("Cère"),
                           {},
                           {QStringLiteral("Cère et Dordogne")}};
        PartnerSession bourianeDashboard(*m_server, bouriane);
        PartnerSession cafDashboard(*m_server, caf);
        PartnerSession cereDashboard(*m_server, cere);
        QVERIFY(bourianeDashboard.loggedIn() && cafDashboard.loggedIn() &&
                cereDashboard.loggedIn());
        const QString bourianeToken = addToken(bouriane.login).first;
        const QString cafToken = addToken(caf.login).first;
        // The other territory's calls exist, and its own token reads them.
        QCOMPARE(firstCells(tableOf(
                     api(QStringLiteral("/api/v1/tables"), addToken(cere.login).first), "calls")),
                 QStringList{QStringLiteral("carsat")});

        const auto sameAsDashboard = [&](PartnerSession &dashboard, const QString &token,
                                         const QString &query) {
            const Reply seen = dashboard.get(QStringLiteral("/dashboard/api/tables") + query);
            const Reply read = api(QStringLiteral("/api/v1/tables") + query, token);
            return std::pair{read, read.status == seen.status && read.body == seen.body};
        };
        auto [territory, same] =
            sameAsDashboard(bourianeDashboard, bourianeToken,
                            QStringLiteral("?territory=C%C3%A8re%20et%20Dordogne"));
        QVERIFY(same);
        QCOMPARE(territory.status, 403);
        QCOMPARE(territory.json()[QStringLiteral("error")].toString(),
                 QStringLiteral("bad_filter"));
        auto [site, sameSite] =
            sameAsDashboard(bourianeDashboard, bourianeToken, QStringLiteral("?site=46-bretenoux"));
        QVERIFY(sameSite);
        QCOMPARE(site.status, 200);
        QVERIFY(tableOf(site, "calls")[QStringLiteral("rows")].toArray().isEmpty());
        QVERIFY(!site.body.contains("carsat"));
        auto [agency, sameAgency] =
            sameAsDashboard(cafDashboard, cafToken, QStringLiteral("?agency=carsat"));
        QVERIFY(sameAgency);
        QCOMPARE(agency.status, 403);
        auto [own, sameOwn] = sameAsDashboard(cafDashboard, cafToken, QString());
        QVERIFY(sameOwn);
        QCOMPARE(firstCells(tableOf(own, "calls")), QStringList{QStringLiteral("caf")});
    }

    void apiTokenRefused()
    {
        const Partner lot{QStringLiteral("api-lot"), QStringLiteral("Lot"), {}, {}};
        QVERIFY(PartnerSession(*m_server, lot).loggedIn());
        const auto [token, id] = addToken(lot.login);
        const QString tables = QStringLiteral("/api/v1/tables/calls");
        QCOMPARE(api(tables, token).status, 200);

        const Reply none = m_server->client().get(tables);
        QVERIFY(refusedAsBearer(none));
        QCOMPARE(none.json()[QStringLiteral("error")].toString(), QStringLiteral("token_required"));
        for (const QByteArray &header :
             {QByteArray("Authorization: Basic bG90OnJlbGFpcw=="),
              QByteArray("Authorization: Bearer"), QByteArray("Authorization: Bearer rlo_short"),
              "Authorization: Bearer " + token.toLatin1() + " extra",
              "Authorization: Bearer " + token.toLatin1().chopped(1),
              "Authorization: Bearer rlo_" + QByteArray(43, '\xff'),
              "Authorization: " + QByteArray(12000, 'A'),
              QByteArray("Authorization: bearer\t\t")}) {
            const Reply refused = m_server->client().get(tables, header + "\r\n");
            QVERIFY2(refusedAsBearer(refused), header.left(60).constData());
            QCOMPARE(refused.json()[QStringLiteral("error")].toString(),
                     QStringLiteral("invalid_token"));
        }
        // Read-only.
        QCOMPARE(m_server->client()
                     .post(tables, "{}", "application/json",
                           "Authorization: Bearer " + token.toLatin1() + "\r\n")
                     .status,
                 405);

        // Revoked with the command line: refused at its next request.
        const auto [revoked, revokedId] = addToken(lot.login);
        QCOMPARE(api(tables, revoked).status, 200);
        Run run = command({QStringLiteral("revoke-api-token"), QStringLiteral("--id"), revokedId});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(refusedAsBearer(api(tables, revoked)));
        QCOMPARE(command({QStringLiteral("revoke-api-token"), QStringLiteral("--id"), revokedId})
                     .exitCode,
                 1);
        QCOMPARE(api(tables, token).status, 200);

        // Expired.
        {
            auto store = Store::open(m_server->database());
            const auto old = ApiTokens(*store).issue(lot.login, QStringLiteral("old"), 1,
                                                     QDateTime::currentDateTimeUtc().addDays(-2));
            QVERIFY(old);
            QVERIFY(refusedAsBearer(api(tables, old->secret)));
        }

        // A disabled partner's tokens open nothing until it is enabled; a removed one's are gone.
        QCOMPARE(command({QStringLiteral("disable-partner"), QStringLiteral("--login"), lot.login})
                     .exitCode,
                 0);
        QVERIFY(refusedAsBearer(api(tables, token)));
        QCOMPARE(command({QStringLiteral("enable-partner"), QStringLiteral("--login"), lot.login})
                     .exitCode,
                 0);
        QCOMPARE(api(tables, token).status, 200);
        run = command({QStringLiteral("list-api-tokens")});
        QVERIFY(run.out.contains(id + u'\t' + lot.login + QStringLiteral("\ttest\t")));
        QVERIFY(run.out.contains(revokedId));
        QVERIFY(!run.out.contains(token) && !run.out.contains(revoked));
        QCOMPARE(command({QStringLiteral("remove-partner"), QStringLiteral("--login"), lot.login})
                     .exitCode,
                 0);
        QVERIFY(refusedAsBearer(api(tables, token)));
        QVERIFY(!command({QStringLiteral("list-api-tokens")}).out.contains(id));
        // Made again with the same login, the partner does not inherit the old tokens.
        QVERIFY(PartnerSession(*m_server, lot).loggedIn());
        QVERIFY(refusedAsBearer(api(tables, token)));
    }

    // Only the token's SHA-256 is kept: the secret is in neither the database nor its journal.
    void storeHoldsNoSecret()
    {
        const Partner partner{QStringLiteral("api-secret"), QStringLiteral("Secret"), {}, {}};
        QVERIFY(PartnerSession(*m_server, partner).loggedIn());
        const QString token = addToken(partner.login).first;
        QCOMPARE(api(QStringLiteral("/api/v1/tables/calls"), token).status, 200);
        const QByteArray hash =
            QCryptographicHash::hash(token.toLatin1(), QCryptographicHash::Sha256).toHex();
        auto store = Store::open(m_server->database());
        QSqlQuery q = store->prepare(QStringLiteral("SELECT * FROM partner_api_tokens"));
        Store::run(q);
        QByteArray everything;
        while (q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                everything += q.value(i).toString().toUtf8() + '\n';
        }
        QVERIFY(everything.contains(hash));
        QVERIFY(!everything.contains(token.mid(4).toLatin1()));
        if (m_backend.isPostgres())
            return;
        QByteArray file;
        for (const char *suffix : {"", "-wal"}) {
            QFile part(m_server->database() + QLatin1String(suffix));
            if (part.open(QIODevice::ReadOnly))
                file += part.readAll();
        }
        QVERIFY(file.contains(hash));
        QVERIFY(!file.contains(token.mid(4).toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestObservatoryPartners)
#include "tst_observatory_partners.moc"
