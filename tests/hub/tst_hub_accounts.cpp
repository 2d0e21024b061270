// SPDX-License-Identifier: EUPL-1.2
// Accounts' life cycle against the real relais-hub: list-accounts, disable-account,
// enable-account and remove-account write the store while the hub runs; the hub sees it on its
// own (no signal), tells the adviser or mediator still logged in (`account_closed`, fatal) and
// lets the connection go, her session token dies with it, and her next login is refused, while
// other accounts' connections carry on. Bad command lines change nothing.
#include "hubprocess.h"

#include <QProcess>
#include <QTest>

using namespace relais::hub;
using namespace relais::hub::test;

namespace {
const QString kSite = QStringLiteral("19-allday");

struct Run
{
    int exitCode = -1;
    QString out, err;
};
} // namespace

class TestHubAccounts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<HubProcess> m_hub;

    Run hubCommand(const QStringList &arguments)
    {
        QProcess process;
        process.start(
            QStringLiteral(RELAIS_HUB_EXE),
            QStringList{arguments.first(), QStringLiteral("--config"), m_hub->configPath()} +
                arguments.mid(1));
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    std::unique_ptr<Client> agent(const QString &login, const QString &password = {})
    {
        auto c = std::make_unique<Client>(m_hub->certificate());
        c->open(m_hub->port());
        if (password.isEmpty())
            c->helloAgent(QStringLiteral("caf"), login);
        else
            c->helloAgent(QStringLiteral("caf"), login, password);
        return c;
    }

    std::unique_ptr<Client> withSession(const QString &login, const QString &token)
    {
        auto c = std::make_unique<Client>(m_hub->certificate());
        c->open(m_hub->port());
        c->send({{"type", "hello"},
                 {"protocol", 1},
                 {"role", "agent"},
                 {"agency", "caf"},
                 {"login", login},
                 {"session", token}});
        return c;
    }

    // The line list-accounts prints for an account.
    QString listed(const QString &scope, const QString &login)
    {
        const Run list = hubCommand({QStringLiteral("list-accounts")});
        if (list.exitCode != 0)
            return {};
        for (const QString &line : list.out.split(u'\n')) {
            const QStringList fields = line.split(u'\t');
            if (fields.size() == 6 && fields[1] == scope && fields[2] == login)
                return line;
        }
        return {};
    }

    static bool toldAccountClosed(Client &client)
    {
        const QJsonObject error = client.next(QStringLiteral("error"));
        return error.value("code").toString() == QLatin1String("account_closed") &&
               error.value("fatal").toBool() && client.waitDisconnected();
    }

private slots:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{"caf", "m.durand"}, {"caf", "a.martin"}});
        m_hub->addMediators({{kSite, "c.roux", "Mme Roux"}});
        QVERIFY(m_hub->start());
    }

    void listsAccounts()
    {
        const Run list = hubCommand({QStringLiteral("list-accounts")});
        QCOMPARE(list.exitCode, 0);
        QVERIFY(list.out.startsWith(QStringLiteral("kind\tscope\tlogin\t")));
        QVERIFY(listed("caf", "m.durand").startsWith(QStringLiteral("agent\tcaf\tm.durand\t")));
        QVERIFY(listed("caf", "m.durand").contains(QStringLiteral("\tenabled\t")));
        QVERIFY(
            listed(kSite, "c.roux")
                .startsWith(QStringLiteral("mediator\t19-allday\tc.roux\tMme Roux\tenabled\t")));
    }

    void badCommandLinesChangeNothing()
    {
        const QString before = listed("caf", "m.durand");
        QVERIFY(!before.isEmpty());
        Run run = hubCommand({QStringLiteral("remove-account"), QStringLiteral("--agency"),
                              QStringLiteral("caf"), QStringLiteral("--login"),
                              QStringLiteral("nobody")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.err.contains(QStringLiteral("there is no agent caf/nobody")));
        run = hubCommand({QStringLiteral("disable-account"), QStringLiteral("--agency"),
                          QStringLiteral("caf"), QStringLiteral("--site"), kSite,
                          QStringLiteral("--login"), QStringLiteral("m.durand")});
        QCOMPARE(run.exitCode, 2);
        run = hubCommand(
            {QStringLiteral("disable-account"), QStringLiteral("--agency"), QStringLiteral("caf")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(listed("caf", "m.durand"), before);
    }

    void disabledWhileLoggedIn()
    {
        auto durand = agent(QStringLiteral("m.durand"));
        const QString token = durand->next("welcome").value("session").toString();
        QVERIFY(!token.isEmpty());
        auto martin = agent(QStringLiteral("a.martin"));
        QVERIFY(!martin->next("welcome").isEmpty());

        const Run run = hubCommand({QStringLiteral("disable-account"), QStringLiteral("--agency"),
                                    QStringLiteral("caf"), QStringLiteral("--login"),
                                    QStringLiteral("m.durand")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QStringLiteral("agent caf/m.durand disabled")));
        QVERIFY(toldAccountClosed(*durand));
        QVERIFY(listed("caf", "m.durand").contains(QStringLiteral("\tdisabled\t")));

        // Her colleague is untouched: her connection still answers.
        martin->send({{"type", "take"}, {"id", "still-here"}});
        QCOMPARE(martin->next("error").value("code").toString(), QStringLiteral("not_found"));
        QVERIFY(martin->isConnected());

        // Her token died with the account, and the password no longer opens it.
        auto again = withSession(QStringLiteral("m.durand"), token);
        QCOMPARE(again->next("error").value("code").toString(), QStringLiteral("unauthorized"));
        auto password = agent(QStringLiteral("m.durand"));
        QCOMPARE(password->next("error").value("code").toString(), QStringLiteral("unauthorized"));

        // Enabled again, the password works; the old token stays dead.
        QCOMPARE(hubCommand({QStringLiteral("enable-account"), QStringLiteral("--agency"),
                             QStringLiteral("caf"), QStringLiteral("--login"),
                             QStringLiteral("m.durand")})
                     .exitCode,
                 0);
        auto back = agent(QStringLiteral("m.durand"));
        QVERIFY(!back->next("welcome").isEmpty());
        auto stale = withSession(QStringLiteral("m.durand"), token);
        QCOMPARE(stale->next("error").value("code").toString(), QStringLiteral("unauthorized"));
    }

    void removedWhileLoggedIn()
    {
        auto martin = agent(QStringLiteral("a.martin"));
        const QString token = martin->next("welcome").value("session").toString();
        auto desk = std::make_unique<Client>(m_hub->certificate());
        desk->open(m_hub->port());
        QJsonObject hello = mediatorHello(kSite, QStringLiteral("c.roux"));
        hello.insert("type", "hello");
        hello.insert("protocol", 1);
        desk->send(hello);
        QVERIFY(!desk->next("welcome").isEmpty());

        QCOMPARE(hubCommand({QStringLiteral("remove-account"), QStringLiteral("--agency"),
                             QStringLiteral("caf"), QStringLiteral("--login"),
                             QStringLiteral("a.martin")})
                     .exitCode,
                 0);
        QVERIFY(toldAccountClosed(*martin));
        QVERIFY(desk->isConnected());
        QVERIFY(listed("caf", "a.martin").isEmpty());
        auto again = withSession(QStringLiteral("a.martin"), token);
        QCOMPARE(again->next("error").value("code").toString(), QStringLiteral("unauthorized"));
        auto password = agent(QStringLiteral("a.martin"));
        QCOMPARE(password->next("error").value("code").toString(), QStringLiteral("unauthorized"));

        QCOMPARE(hubCommand({QStringLiteral("remove-account"), QStringLiteral("--site"), kSite,
                             QStringLiteral("--login"), QStringLiteral("c.roux")})
                     .exitCode,
                 0);
        QVERIFY(toldAccountClosed(*desk));
    }
};

QTEST_GUILESS_MAIN(TestHubAccounts)
#include "tst_hub_accounts.moc"
