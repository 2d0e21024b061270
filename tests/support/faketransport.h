// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "protocol.h"
#include "transport.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QSet>

// An in-memory Transport: tests open connections, deliver frames and read what the
// switchboard sent, with no socket involved.
namespace relais::hub::test {

class FakeTransport : public Transport
{
public:
    // `from` is what peerAddress() answers for it (null: unknown, as for a socket already gone).
    ConnectionId open(const QHostAddress &from = {})
    {
        const ConnectionId id = m_next++;
        if (!from.isNull())
            addresses.insert(id, from);
        emit connectionOpened(id);
        return id;
    }
    void deliver(ConnectionId id, const QJsonObject &message)
    {
        emit messageReceived(id, encode(message), false);
    }
    void deliverRaw(ConnectionId id, const QByteArray &frame, bool binary = false)
    {
        emit messageReceived(id, frame, binary);
    }
    // The peer went away (or the hub's close took effect).
    void drop(ConnectionId id)
    {
        m_gone.insert(id);
        emit connectionClosed(id);
    }

    void send(ConnectionId id, const QByteArray &text) override
    {
        if (m_gone.contains(id))
            return;
        raw[id].append(text);
        inbox[id].append(QJsonDocument::fromJson(text).object());
    }
    void close(ConnectionId id, quint16 code, const QString &reason) override
    {
        closed.insert(id);
        closeCodes.insert(id, code);
        closeReasons.insert(id, reason);
    }

    QHostAddress peerAddress(ConnectionId id) const override { return addresses.value(id); }
    void helloHeard(ConnectionId id) override { ++hellosHeard[id]; }

    QList<QJsonObject> take(ConnectionId id) { return std::exchange(inbox[id], {}); }
    // Messages of one type sent to `id`, oldest first, without consuming the others.
    QList<QJsonObject> ofType(ConnectionId id, const QString &type) const
    {
        QList<QJsonObject> result;
        for (const QJsonObject &message : inbox.value(id)) {
            if (message.value(QStringLiteral("type")).toString() == type)
                result.append(message);
        }
        return result;
    }
    QJsonObject last(ConnectionId id, const QString &type) const
    {
        const QList<QJsonObject> all = ofType(id, type);
        return all.isEmpty() ? QJsonObject() : all.last();
    }

    QHash<ConnectionId, QList<QJsonObject>> inbox;
    QHash<ConnectionId, QList<QByteArray>> raw;
    QSet<ConnectionId> closed;
    QHash<ConnectionId, quint16> closeCodes;
    QHash<ConnectionId, QString> closeReasons;
    QHash<ConnectionId, int> hellosHeard; // the link's hello deadline restarts at each
    QHash<ConnectionId, QHostAddress> addresses;

private:
    ConnectionId m_next = 1;
    QSet<ConnectionId> m_gone;
};

} // namespace relais::hub::test
