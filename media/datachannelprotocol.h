// SPDX-License-Identifier: EUPL-1.2
#pragma once

// The messages of the "relais" data channel (DATACHANNEL.md), without any transport: building
// and parsing frames, and reassembling a document from its chunks with its integrity check.

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace relais::media::dc {

inline constexpr int kChunkSize = 16 * 1024;          // fits every SCTP stack's message size
inline constexpr qint64 kMaxDocumentBytes = 20 << 20; // a scan or a photo, not a video
inline constexpr int kChunkHeaderSize = 16 + 4;       // document uuid, big-endian chunk index
inline constexpr int kMaxTextChars = 2000;

QString textMessage(const QString &text);
QString typingMessage(const QString &draft);
// The kiosk's line as its rate control sees it: "ok", "reduced" or "audio_only".
QString lineMessage(const QString &state);
QString docStartMessage(const QUuid &doc, const QString &name, const QString &mime, qint64 size,
                        const QByteArray &sha256);
QString docEndMessage(const QUuid &doc);
QString docAckMessage(const QUuid &doc, const QString &error); // empty error: accepted

QByteArray chunkFrame(const QUuid &doc, quint32 index, const QByteArray &payload);

struct Chunk
{
    QUuid doc;
    quint32 index = 0;
    QByteArray payload;
};
std::optional<Chunk> parseChunk(const QByteArray &frame);

// A text frame as JSON with a string "type"; nullopt for anything else.
std::optional<QJsonObject> parseControl(const QString &frame);

// Reassembles one incoming document; refuses anything that does not match what doc_start
// announced (size, order, digest).
class IncomingDocument
{
public:
    // Empty string when the announcement is acceptable, else the refusal reason.
    QString start(const QJsonObject &docStart);
    QString addChunk(const Chunk &chunk); // empty on success
    QString finish();                     // empty when size and SHA-256 match

    QUuid id() const { return m_id; }
    QString name() const { return m_name; }
    QString mime() const { return m_mime; }
    qint64 size() const { return m_size; }
    qint64 received() const { return m_data.size(); }
    const QByteArray &data() const { return m_data; }

private:
    QUuid m_id;
    QString m_name;
    QString m_mime;
    qint64 m_size = 0;
    QByteArray m_sha256;
    quint32 m_nextIndex = 0;
    QByteArray m_data;
};

} // namespace relais::media::dc
