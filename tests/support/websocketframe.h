// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QRandomGenerator>
#include <QtEndian>

namespace relais::test {

// The hand-written WebSocket clients of the hub's tests and benchmarks send what QWebSocket
// never would (an unmasked frame) or from where it cannot (a chosen source address).
// A text frame as RFC 6455 wants it from a client (masked) or as a broken client sends it.
inline QByteArray clientTextFrame(const QByteArray &payload, bool masked = true)
{
    QByteArray frame;
    frame.append(char(0x81));
    const char maskBit = masked ? char(0x80) : char(0);
    if (payload.size() < 126) {
        frame.append(char(maskBit | char(payload.size())));
    } else {
        frame.append(char(maskBit | 126));
        const quint16 length = qToBigEndian<quint16>(static_cast<quint16>(payload.size()));
        frame.append(reinterpret_cast<const char *>(&length), 2);
    }
    if (!masked)
        return frame + payload;
    const quint32 key = QRandomGenerator::global()->generate() | 1;
    const char *keyBytes = reinterpret_cast<const char *>(&key);
    frame.append(keyBytes, 4);
    for (qsizetype i = 0; i < payload.size(); ++i)
        frame.append(char(payload[i] ^ keyBytes[i % 4]));
    return frame;
}

} // namespace relais::test
