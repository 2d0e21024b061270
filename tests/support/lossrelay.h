// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QNetworkDatagram>
#include <QThread>
#include <QUdpSocket>

#include <atomic>
#include <random>

namespace relais::test {

// Random loss on a line, where the kernel cannot make it (no netem here): a UDP relay put in
// front of a TURN server's UDP port (the hub hands out its address instead of coturn's) that
// forwards every datagram both ways, on its own thread, and drops at random the given share of
// those coming from one address, the kiosk's side of the line.
class LossRelay : public QObject
{
public:
    LossRelay(const QHostAddress &listen, const QHostAddress &target, quint16 targetPort,
              const QHostAddress &lossyFrom)
        : m_target(target), m_targetPort(targetPort), m_lossyFrom(lossyFrom)
    {
        moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            this,
            [this, listen] {
                m_socket = new QUdpSocket(this);
                if (m_socket->bind(listen, 0))
                    m_port = m_socket->localPort();
                connect(m_socket, &QUdpSocket::readyRead, this, &LossRelay::fromClients);
            },
            Qt::BlockingQueuedConnection);
    }
    ~LossRelay() override
    {
        QMetaObject::invokeMethod(
            this, [this] { qDeleteAll(children()); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }
    void setLoss(double share) { m_loss = share; }
    quint64 dropped() const { return m_dropped; }

private:
    void fromClients()
    {
        while (m_socket->hasPendingDatagrams()) {
            const QNetworkDatagram d = m_socket->receiveDatagram();
            if (d.senderAddress().isEqual(m_lossyFrom, QHostAddress::TolerantConversion) &&
                m_chance(m_random) < m_loss.load()) {
                ++m_dropped;
                continue;
            }
            upstreamFor(d.senderAddress(), quint16(d.senderPort()))
                ->writeDatagram(d.data(), m_target, m_targetPort);
        }
    }

    // One socket per client towards the server, so that its answers find their way back.
    QUdpSocket *upstreamFor(const QHostAddress &client, quint16 port)
    {
        const QString key = client.toString() + QLatin1Char(':') + QString::number(port);
        QUdpSocket *&up = m_upstreams[key];
        if (!up) {
            up = new QUdpSocket(this);
            up->bind(QHostAddress(QHostAddress::AnyIPv4), 0);
            connect(up, &QUdpSocket::readyRead, this, [this, up, client, port] {
                while (up->hasPendingDatagrams())
                    m_socket->writeDatagram(up->receiveDatagram().data(), client, port);
            });
        }
        return up;
    }

    QThread m_thread;
    QUdpSocket *m_socket = nullptr;
    QHash<QString, QUdpSocket *> m_upstreams;
    QHostAddress m_target;
    quint16 m_targetPort;
    QHostAddress m_lossyFrom;
    quint16 m_port = 0;
    std::atomic<double> m_loss{0};
    std::atomic<quint64> m_dropped{0};
    std::mt19937 m_random{19};
    std::uniform_real_distribution<double> m_chance{0, 1};
};

} // namespace relais::test
