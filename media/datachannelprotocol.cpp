// SPDX-License-Identifier: EUPL-1.2
#include "datachannelprotocol.h"

#include <QJsonDocument>
#include <QtEndian>

namespace relais::media::dc {

namespace {

QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString uuidText(const QUuid &u)
{
    return u.toString(QUuid::WithoutBraces);
}

} // namespace

QString textMessage(const QString &text)
{
    return compact({{"type", "text"}, {"text", text.left(kMaxTextChars)}});
}

QString typingMessage(const QString &draft)
{
    return compact({{"type", "typing"}, {"text", draft.left(kMaxTextChars)}});
}

QString lineMessage(const QString &state)
{
    return compact({{"type", "line"}, {"state", state}});
}

QString docStartMessage(const QUuid &doc, const QString &name, const QString &mime, qint64 size,
                        const QByteArray &sha256)
{
    return compact({{"type", "doc_start"},
                    {"doc", uuidText(doc)},
                    {"name", name},
                    {"mime", mime},
                    {"size", double(size)},
                    {"chunk_size", kChunkSize},
                    {"sha256", QString::fromLatin1(sha256.toHex())}});
}

QString docEndMessage(const QUuid &doc)
{
    return compact({{"type", "doc_end"}, {"doc", uuidText(doc)}});
}

QString docAckMessage(const QUuid &doc, const QString &error)
{
    QJsonObject o{{"type", "doc_ack"}, {"doc", uuidText(doc)}, {"ok", error.isEmpty()}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return compact(o);
}

QByteArray chunkFrame(const QUuid &doc, quint32 index, const QByteArray &payload)
{
    QByteArray frame = doc.toRfc4122();
    char be[4];
    qToBigEndian(index, be);
    frame.append(be, 4);
    frame.append(payload);
    return frame;
}

std::optional<Chunk> parseChunk(const QByteArray &frame)
{
    if (frame.size() < kChunkHeaderSize)
        return std::nullopt;
    Chunk c;
    c.doc = QUuid::fromRfc4122(QByteArrayView(frame.constData(), 16));
    c.index = qFromBigEndian<quint32>(frame.constData() + 16);
    c.payload = frame.mid(kChunkHeaderSize);
    return c;
}

std::optional<QJsonObject> parseControl(const QString &frame)
{
    const QJsonDocument d = QJsonDocument::fromJson(frame.toUtf8());
    if (!d.isObject() || !d.object().value(QStringLiteral("type")).isString())
        return std::nullopt;
    return d.object();
}

QString IncomingDocument::start(const QJsonObject &o)
{
    *this = IncomingDocument();
    m_id = QUuid::fromString(o.value(QStringLiteral("doc")).toString());
    m_name = o.value(QStringLiteral("name")).toString();
    m_mime = o.value(QStringLiteral("mime")).toString();
    const double size = o.value(QStringLiteral("size")).toDouble(-1);
    m_sha256 = QByteArray::fromHex(o.value(QStringLiteral("sha256")).toString().toLatin1());
    if (m_id.isNull())
        return QStringLiteral("bad_id");
    if (size < 0 || size > double(kMaxDocumentBytes) || size != double(qint64(size)))
        return QStringLiteral("too_large");
    if (m_sha256.size() != 32)
        return QStringLiteral("bad_digest");
    m_size = qint64(size);
    m_data.reserve(m_size);
    return {};
}

QString IncomingDocument::addChunk(const Chunk &chunk)
{
    if (chunk.doc != m_id)
        return QStringLiteral("unknown_document");
    if (chunk.index != m_nextIndex)
        return QStringLiteral("out_of_order");
    if (m_data.size() + chunk.payload.size() > m_size)
        return QStringLiteral("too_large");
    m_data.append(chunk.payload);
    ++m_nextIndex;
    return {};
}

QString IncomingDocument::finish()
{
    if (m_data.size() != m_size)
        return QStringLiteral("size_mismatch");
    if (QCryptographicHash::hash(m_data, QCryptographicHash::Sha256) != m_sha256)
        return QStringLiteral("sha256_mismatch");
    return {};
}

} // namespace relais::media::dc
