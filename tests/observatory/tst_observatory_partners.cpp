// SPDX-License-Identifier: EUPL-1.2
// Partners' life cycle against the real relais-observatory (SQLite, and PostgreSQL with
// RELAIS_TEST_BACKEND=postgresql): list-partners, disable-partner, enable-partner and
// remove-partner while the server runs; a disabled or removed partner's open session is refused
// at its next request and its next login too; bad command lines change nothing.
#include "backend.h"
#include "observatoryprocess.h"
#include "partnersession.h"

#include <QProcess>
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

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ObservatoryProcess>(m_backend.database());
        QVERIFY(m_server->start());
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
};

QTEST_GUILESS_MAIN(TestObservatoryPartners)
#include "tst_observatory_partners.moc"
