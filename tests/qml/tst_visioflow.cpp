// SPDX-License-Identifier: EUPL-1.2
// Qt Quick Test runner for the call screens (tests/qml/visio/tst_*.qml): the demo kiosk
// pointed at a real relais-hub started here, a CAF adviser in this process that the QML test
// drives as the TestAgent singleton, and the site's mediator's desk (Rig.deskAlerts,
// Rig.answerHelp) for the resident's call for help.
#include "sanetestdevices.h"
#include "staticqmlmodules.h"
#include "testagent.h"
#include "testkiosk.h"
#include "visiokiosk.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQuickTest>

#include <gst/gst.h>

#include <csignal>

using relais::hub::test::HubProcess;

class Setup : public QObject
{
    Q_OBJECT
    // Where the test saves a picture of each phase for review.
    Q_PROPERTY(QString screenshotDir READ screenshotDir CONSTANT)
    // The calls for help the mediator's desk shows, and whether it is logged in.
    Q_PROPERTY(int deskAlerts READ deskAlerts NOTIFY deskChanged)
    Q_PROPERTY(bool deskOpen READ deskOpen NOTIFY deskChanged)
    // The other kiosks of the site waiting in the CAF's queue (queueOthers).
    Q_PROPERTY(int othersQueued READ othersQueued NOTIFY othersChanged)

public:
    QString screenshotDir() const { return QStringLiteral(SCREENSHOT_DIR); }
    int deskAlerts() const { return static_cast<int>(m_alerts.size()); }
    bool deskOpen() const { return m_deskOpen; }

    // The mediator presses "J'arrive" on the oldest call.
    Q_INVOKABLE void answerHelp()
    {
        if (!m_alerts.isEmpty())
            m_desk->send({{QStringLiteral("type"), QStringLiteral("help_taken")},
                          {QStringLiteral("alert"), m_alerts.first().toObject().value("alert")}});
    }

    int othersQueued() const { return static_cast<int>(m_otherRequests.size()); }

    // Kiosks borne-2, borne-3… of the site join the CAF's queue, in that order, ahead of the
    // resident's kiosk (borne-1).
    Q_INVOKABLE void queueOthers(int count)
    {
        for (int i = 0; i < count; ++i) {
            auto other = std::make_unique<relais::media::SignallingClient>();
            other->setCaCertificates({m_hub->certificate()});
            relais::media::SignallingClient *client = other.get();
            connect(client, &relais::media::SignallingClient::welcomed, this,
                    [client] { client->request(QStringLiteral("caf")); });
            connect(client, &relais::media::SignallingClient::queued, this,
                    [this, client](const QString &request) {
                        if (!m_otherRequests.contains(client)) {
                            m_otherRequests.insert(client, request);
                            emit othersChanged();
                        }
                    });
            const QString kiosk = QStringLiteral("borne-%1").arg(m_others.size() + 2);
            client->open(QUrl(QStringLiteral("wss://localhost:%1/v1").arg(m_hub->port())),
                         relais::media::SignallingClient::kioskHello(
                             QStringLiteral("19-allday"), kiosk,
                             relais::hub::test::kioskToken(QStringLiteral("19-allday"), kiosk)));
            m_others.push_back(std::move(other));
        }
    }

    // The hub stops reading (SIGSTOP) or goes on (SIGCONT): a server slow to answer, held so
    // for as long as the test looks at the kiosk waiting for it.
    Q_INVOKABLE void pauseHub(bool paused)
    {
        ::kill(static_cast<pid_t>(m_hub->process().processId()), paused ? SIGSTOP : SIGCONT);
    }

    // The first of the other kiosks still waiting leaves the queue.
    Q_INVOKABLE void firstOtherLeaves()
    {
        for (const auto &other : m_others) {
            if (m_otherRequests.contains(other.get())) {
                other->leave(m_otherRequests.take(other.get()));
                emit othersChanged();
                return;
            }
        }
    }

signals:
    void deskChanged();
    void othersChanged();

public slots:
    void applicationAvailable()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        gst_init(nullptr, nullptr);
        QDir().mkpath(screenshotDir());
        m_hub = std::make_unique<HubProcess>();
        m_hub->addAgents({{QStringLiteral("caf"), QStringLiteral("agent-1")}});
        m_hub->addMediators(
            {{QStringLiteral("19-allday"), QStringLiteral("c.roux"), QStringLiteral("Mme Roux")}});
        if (!m_hub->start())
            qFatal("relais-hub did not start");
        m_kiosk = std::make_unique<TestKiosk>(
            relais::SessionController::Timing{},
            // A kiosk in a room others use: the pre-call check says so (visio.shared_room).
            [visio = withVisio(QStringLiteral("19-allday"), m_hub->port(), m_hub->path())](
                relais::SiteConfig &config) {
                visio(config);
                config.visio->sharedRoom = true;
            });
        m_agent = std::make_unique<TestAgent>();
        m_agent->connectTo(*m_hub);
        m_desk = std::make_unique<relais::media::SignallingClient>();
        m_desk->setCaCertificates({m_hub->certificate()});
        connect(m_desk.get(), &relais::media::SignallingClient::messageReceived, this,
                [this](const QJsonObject &message) {
                    const QString type = message.value(QStringLiteral("type")).toString();
                    if (type == QLatin1String("welcome"))
                        m_deskOpen = true;
                    else if (type == QLatin1String("help_state"))
                        m_alerts = message.value(QStringLiteral("alerts")).toArray();
                    else
                        return;
                    emit deskChanged();
                });
        m_desk->open(QUrl(QStringLiteral("wss://localhost:%1/v1").arg(m_hub->port())),
                     relais::hub::test::mediatorHello(QStringLiteral("19-allday"),
                                                      QStringLiteral("c.roux")));
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/"));
        qmlRegisterSingletonInstance("Relais.Test", 1, 0, "TestAgent", m_agent.get());
        qmlRegisterSingletonInstance("Relais.Test", 1, 0, "Rig", this);
    }

    void cleanupTestCase()
    {
        m_others.clear();
        m_desk.reset();
        m_agent.reset();
        m_kiosk.reset();
        m_hub.reset();
    }

    // What PulseAudio would report with the built-in speakers, and a USB headset plugged in
    // or not: the kiosk's switch takes it as from the server (this test runs none).
    Q_INVOKABLE void plugHeadset(bool plugged)
    {
        using namespace relais::media;
        const AudioSink speaker{
            QStringLiteral("alsa_output.pci.analog-stereo"),
            QStringLiteral("Built-in Audio"),
            {{QStringLiteral("device.form_factor"), QStringLiteral("internal")}},
            {},
            {}};
        const AudioSink headset{QStringLiteral("alsa_output.usb-headset.analog-stereo"),
                                QStringLiteral("USB Headset"),
                                {{QStringLiteral("device.form_factor"), QStringLiteral("headset")}},
                                {},
                                {}};
        m_kiosk->kiosk->headsetSwitch()->apply(plugged
                                                   ? AudioSinks{headset.name, {speaker, headset}}
                                                   : AudioSinks{speaker.name, {speaker}});
    }

    // The scanner of "Scanner un papier" during the call: SANE's test backend.
    Q_INVOKABLE int scannedSide(int dpi) const { return SaneTestDevices::side(dpi); }

private:
    SaneTestDevices m_sane;
    std::unique_ptr<HubProcess> m_hub;
    std::unique_ptr<TestKiosk> m_kiosk;
    std::unique_ptr<TestAgent> m_agent;
    std::unique_ptr<relais::media::SignallingClient> m_desk;
    std::vector<std::unique_ptr<relais::media::SignallingClient>> m_others;
    QHash<relais::media::SignallingClient *, QString> m_otherRequests;
    QJsonArray m_alerts;
    bool m_deskOpen = false;
};

QUICK_TEST_MAIN_WITH_SETUP(visioflow, Setup)

#include "tst_visioflow.moc"
