// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace relais::test {

// The kiosk's line to the observatory, as the test controls it: on its own thread, a TCP
// relay on loopback that forwards to the observatory's current port, refuses connections
// (line down: "connection refused"), or swallows them (a black hole: packets go nowhere and
// nothing comes back), and can cut every open connection at once.
class TcpProxy : public QObject
{
public:
    enum class Mode { Forward, Refuse, Blackhole };

    TcpProxy()
    {
        moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_server = new QTcpServer(this);
                m_server->listen(QHostAddress::LocalHost, 0);
                m_port = m_server->serverPort();
                connect(m_server, &QTcpServer::newConnection, this, &TcpProxy::accept);
            },
            Qt::BlockingQueuedConnection);
    }
    ~TcpProxy() override
    {
        QMetaObject::invokeMethod(
            this,
            [this] {
                cutNow();
                // Sockets belong to this thread: they go before it ends.
                qDeleteAll(findChildren<QObject *>(Qt::FindDirectChildrenOnly));
                m_server = nullptr;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    quint16 port() const { return m_port; }
    void setTarget(quint16 port)
    {
        QMetaObject::invokeMethod(
            this, [this, port] { m_target = port; }, Qt::BlockingQueuedConnection);
    }
    void setMode(Mode mode)
    {
        QMetaObject::invokeMethod(
            this,
            [this, mode] {
                m_mode = mode;
                if (mode != Mode::Forward)
                    cutNow();
            },
            Qt::BlockingQueuedConnection);
    }
    void cut()
    {
        QMetaObject::invokeMethod(
            this, [this] { cutNow(); }, Qt::BlockingQueuedConnection);
    }

private:
    void cutNow()
    {
        for (const QPointer<QTcpSocket> &socket : std::as_const(m_sockets))
            if (socket)
                socket->abort();
        m_sockets.clear();
    }

    void accept()
    {
        while (QTcpSocket *client = m_server->nextPendingConnection()) {
            client->setParent(this);
            if (m_mode == Mode::Refuse) {
                client->abort();
                client->deleteLater();
                continue;
            }
            m_sockets << client;
            if (m_mode == Mode::Blackhole) {
                connect(client, &QTcpSocket::readyRead, client, [client] { client->readAll(); });
                continue;
            }
            auto *upstream = new QTcpSocket(this);
            m_sockets << upstream;
            connect(client, &QTcpSocket::readyRead, upstream, [client, upstream] {
                if (upstream->state() == QAbstractSocket::ConnectedState)
                    upstream->write(client->readAll());
            });
            connect(upstream, &QTcpSocket::connected, client,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            auto closeBoth = [client, upstream] {
                client->disconnectFromHost();
                upstream->disconnectFromHost();
                client->deleteLater();
                upstream->deleteLater();
            };
            connect(client, &QTcpSocket::disconnected, this, closeBoth);
            connect(upstream, &QTcpSocket::disconnected, this, closeBoth);
            connect(upstream, &QTcpSocket::errorOccurred, this, closeBoth);
            upstream->connectToHost(QHostAddress::LocalHost, m_target);
        }
    }

    QThread m_thread;
    QTcpServer *m_server = nullptr;
    QList<QPointer<QTcpSocket>> m_sockets;
    Mode m_mode = Mode::Forward;
    quint16 m_port = 0;
    quint16 m_target = 0;
};

} // namespace relais::test
