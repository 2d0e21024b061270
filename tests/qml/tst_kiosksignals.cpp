// SPDX-License-Identifier: EUPL-1.2
#include "hubprocess.h"
#include "signallingclient.h"

#include <QSignalSpy>
#include <QTest>

using relais::hub::test::HubProcess;
using relais::media::HelpRequest;
using relais::media::SignallingClient;

// SignallingClient's typed signals and senders for what a kiosk receives and sends outside a
// call (the queue, a closed counter, callbacks, the mediator's desk), against a real
// relais-hub: what VisioCall and MediatorCall read instead of the raw messages.
class TestKioskSignals : public QObject
{
    Q_OBJECT

    std::unique_ptr<HubProcess> m_hub;

    QUrl hubUrl() const { return QUrl(QStringLiteral("wss://localhost:%1/v1").arg(m_hub->port())); }

    // A link that has said hello and been welcomed.
    void open(SignallingClient &link, const QJsonObject &hello)
    {
        link.setCaCertificates({m_hub->certificate()});
        QSignalSpy welcomed(&link, &SignallingClient::welcomed);
        link.open(hubUrl(), hello);
        QVERIFY(welcomed.wait(20000));
    }
    void openKiosk(SignallingClient &link, const QString &site)
    {
        open(link, SignallingClient::kioskHello(
                       site, QStringLiteral("borne-1"),
                       relais::hub::test::kioskToken(site, QStringLiteral("borne-1"))));
    }

private slots:
    void initTestCase()
    {
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{QStringLiteral("caf"), QStringLiteral("agent-1")}});
        m_hub->addMediators(
            {{QStringLiteral("19-allday"), QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});
        QVERIFY(m_hub->start());
    }

    void cleanupTestCase() { m_hub.reset(); }

    void closedCounter()
    {
        // No CAF adviser is connected: the counter is closed, with its next opening.
        SignallingClient kiosk;
        openKiosk(kiosk, QStringLiteral("46-bretenoux"));
        QSignalSpy closed(&kiosk, &SignallingClient::closedCounter);
        kiosk.request(QStringLiteral("caf"));
        QVERIFY(closed.wait(20000));
        const QDateTime next = closed.at(0).at(0).toDateTime();
        QVERIFY(next.isValid());
        QCOMPARE(next.timeSpec(), Qt::OffsetFromUTC); // the site's offset, as the hub gave it
        QVERIFY(next > QDateTime::currentDateTimeUtc());
        QCOMPARE(closed.at(0).at(1).toBool(), true);

        QSignalSpy recorded(&kiosk, &SignallingClient::callbackRecorded);
        kiosk.askCallback(QStringLiteral("caf"));
        QVERIFY(recorded.wait(20000));
        QVERIFY(!QUuid::fromString(recorded.at(0).at(0).toString()).isNull());
    }

    void queueLeaveAndCallback()
    {
        SignallingClient agent;
        open(agent, SignallingClient::agentHello(QStringLiteral("caf"), QStringLiteral("agent-1"),
                                                 QStringLiteral("agent-password")));
        SignallingClient kiosk;
        openKiosk(kiosk, QStringLiteral("19-allday"));
        QSignalSpy queued(&kiosk, &SignallingClient::queued);
        kiosk.request(QStringLiteral("caf"));
        QVERIFY(queued.wait(20000));
        const QString request = queued.at(0).at(0).toString();
        QCOMPARE(queued.at(0).at(1).toInt(), 1);

        QSignalSpy left(&kiosk, &SignallingClient::left);
        kiosk.leave(request);
        QVERIFY(left.wait(20000));
        QCOMPARE(left.at(0).at(0).toString(), request);

        // Asking for a callback from the queue leaves it too.
        kiosk.request(QStringLiteral("caf"));
        QVERIFY(queued.wait(20000));
        QSignalSpy recorded(&kiosk, &SignallingClient::callbackRecorded);
        kiosk.askCallback(QStringLiteral("caf"));
        QVERIFY(recorded.wait(20000));
    }

    void mediatorsDesk()
    {
        SignallingClient desk;
        open(desk, relais::hub::test::mediatorHello(QStringLiteral("19-allday"),
                                                    QStringLiteral("c.roux")));
        QJsonArray alerts;
        connect(&desk, &SignallingClient::messageReceived, this, [&alerts](const QJsonObject &m) {
            if (m.value(QStringLiteral("type")).toString() == QLatin1String("help_state"))
                alerts = m.value(QStringLiteral("alerts")).toArray();
        });

        SignallingClient kiosk;
        openKiosk(kiosk, QStringLiteral("19-allday"));
        QSignalSpy sent(&kiosk, &SignallingClient::helpSent);
        kiosk.callForHelp({QStringLiteral("guide"), QStringLiteral("caf"),
                           QStringLiteral("caf-declarer-ressources"),
                           QString(130, QLatin1Char('t')), 3});
        QVERIFY(sent.wait(20000));
        const QString alert = sent.at(0).at(0).toString();
        QCOMPARE(sent.at(0).at(1).toInt(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(alerts.size(), 1, 20000);
        const QJsonObject shown = alerts.at(0).toObject();
        QCOMPARE(shown.value(QStringLiteral("alert")).toString(), alert);
        QCOMPARE(shown.value(QStringLiteral("title")).toString().size(), 120);
        QCOMPARE(shown.value(QStringLiteral("step")).toInt(), 3);

        // One call at a time: the second is refused, and said to be the call's refusal.
        QSignalSpy refused(&kiosk, &SignallingClient::helpRefused);
        QSignalSpy errors(&kiosk, &SignallingClient::protocolError);
        HelpRequest visit;
        visit.topic = QStringLiteral("visit");
        kiosk.callForHelp(visit);
        QVERIFY(refused.wait(20000));
        QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("out_of_order"));
        QCOMPARE(errors.size(), 1);

        QSignalSpy coming(&kiosk, &SignallingClient::helpComing);
        desk.send({{QStringLiteral("type"), QStringLiteral("help_taken")},
                   {QStringLiteral("alert"), alert}});
        QVERIFY(coming.wait(20000));
        QCOMPARE(coming.at(0), (QList<QVariant>{alert, QStringLiteral("Mme Roux")}));

        QSignalSpy cancelled(&kiosk, &SignallingClient::helpCancelled);
        kiosk.cancelHelp(alert);
        QVERIFY(cancelled.wait(20000));
        QCOMPARE(cancelled.at(0).at(0).toString(), alert);
        QTRY_COMPARE_WITH_TIMEOUT(alerts.size(), 0, 20000);
        // Another error is not the call's refusal.
        kiosk.cancelHelp(alert);
        QVERIFY(errors.wait(20000));
        QCOMPARE(refused.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestKioskSignals)
#include "tst_kiosksignals.moc"
