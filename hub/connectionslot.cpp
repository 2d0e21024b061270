// SPDX-License-Identifier: EUPL-1.2
#include "connectionslot.h"

#include <QTcpSocket>

namespace relais::hub {

ConnectionSlot::ConnectionSlot(QTcpSocket *socket, std::shared_ptr<net::ConnectionGuard> guard,
                               int helloTimeoutMs)
    : QObject(socket), m_socket(socket), m_guard(std::move(guard)),
      m_address(socket->peerAddress()), m_helloTimeoutMs(helloTimeoutMs)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ConnectionSlot::expired);
    m_deadline.start(helloTimeoutMs);
}

void ConnectionSlot::restartDeadline()
{
    if (!m_trusted)
        m_deadline.start(m_helloTimeoutMs);
}

ConnectionSlot::~ConnectionSlot()
{
    if (m_holdsPlace)
        m_guard->release(m_address, m_trusted);
}

void ConnectionSlot::trust()
{
    // Only a hello, after the upgrade and so after the handover, makes a connection trusted.
    if (m_trusted || !m_holdsPlace)
        return;
    m_trusted = true;
    m_deadline.stop();
    m_guard->trust(m_address);
}

} // namespace relais::hub
