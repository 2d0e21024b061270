// SPDX-License-Identifier: EUPL-1.2
#include "configbundle.h"

#include <QJsonDocument>
#include <QJsonValue>

#include <openssl/pem.h>

namespace relais::provisioning {

namespace {

constexpr auto kFormat = "relais-bundle/1";
const QByteArray kSignedPrefix = QByteArrayLiteral("relais-bundle/1\n");
// An endorsement signs a key, never a payload: the two can never be confused.
const QByteArray kEndorsedPrefix = QByteArrayLiteral("relais-bundle-key/1\n");
constexpr qsizetype kMaxBundleBytes = 4 * 1024 * 1024;

KeyHandle publicFromRaw(const QByteArray &raw)
{
    if (raw.size() != 32)
        return {};
    return KeyHandle(EVP_PKEY_new_raw_public_key(
        EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(raw.constData()), 32));
}

QByteArray sign(EVP_PKEY *key, const QByteArray &message)
{
    std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
    check(ctx && EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key) == 1,
          "cannot start an Ed25519 signature");
    size_t length = 0;
    const auto *data = reinterpret_cast<const unsigned char *>(message.constData());
    check(EVP_DigestSign(ctx.get(), nullptr, &length, data, size_t(message.size())) == 1,
          "Ed25519 signature size");
    QByteArray signature(qsizetype(length), '\0');
    check(EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                         data, size_t(message.size())) == 1,
          "cannot sign with Ed25519");
    signature.resize(qsizetype(length));
    return signature;
}

bool verifies(const QByteArray &rawKey, const QByteArray &message, const QByteArray &signature)
{
    KeyHandle key = publicFromRaw(rawKey);
    if (!key || signature.size() != 64)
        return false;
    std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
    return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(message.constData()),
                            size_t(message.size())) == 1;
}

QByteArray base64Field(const QJsonObject &object, const QString &key, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && !required)
        return {};
    if (!value.isString())
        throw BundleError(QStringLiteral("malformed"),
                          QStringLiteral("%1 must be a base64 string").arg(key));
    const auto decoded = QByteArray::fromBase64Encoding(value.toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        throw BundleError(QStringLiteral("malformed"), QStringLiteral("%1 is not base64").arg(key));
    return *decoded;
}

BundlePayload parsePayload(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    const QJsonObject root = document.object();
    const auto malformed = [](const QString &why) {
        return BundleError(QStringLiteral("malformed"), why);
    };
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw malformed(QStringLiteral("the payload is not a JSON object"));
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("expires_at") &&
            it.key() != QLatin1String("content"))
            throw malformed(QStringLiteral("unknown payload key \"%1\"").arg(it.key()));
    }
    BundlePayload payload;
    const QJsonValue version = root.value(QStringLiteral("version"));
    const double number = version.toDouble(-1);
    if (!version.isDouble() || number < 1 || number > 9e15 || number != qint64(number))
        throw malformed(QStringLiteral("version must be a whole number from 1"));
    payload.version = qint64(number);
    payload.expiresAt =
        QDateTime::fromString(root.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    if (!payload.expiresAt.isValid())
        throw malformed(QStringLiteral("expires_at must be a UTC time like 2027-01-31T00:00:00Z"));
    if (!root.value(QStringLiteral("content")).isObject())
        throw malformed(QStringLiteral("content must be an object"));
    payload.content = root.value(QStringLiteral("content")).toObject();
    return payload;
}

} // namespace

KeyHandle generateEd25519Key()
{
    KeyHandle key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    check(key != nullptr, "cannot generate an Ed25519 key");
    return key;
}

QByteArray ed25519PublicRaw(EVP_PKEY *key)
{
    QByteArray raw(32, '\0');
    size_t length = 32;
    check(key && EVP_PKEY_get_base_id(key) == EVP_PKEY_ED25519 &&
              EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(raw.data()),
                                          &length) == 1 &&
              length == 32,
          "not an Ed25519 key");
    return raw;
}

QByteArray publicKeyPem(EVP_PKEY *key)
{
    return writePem([key](BIO *bio) { return PEM_write_bio_PUBKEY(bio, key); });
}

QByteArray ed25519PublicPem(const QByteArray &raw)
{
    KeyHandle key = publicFromRaw(raw);
    return key ? publicKeyPem(key.get()) : QByteArray();
}

QByteArray ed25519PublicRawFromPem(const QByteArray &pem)
{
    KeyHandle key;
    {
        BioHandle bio = readBio(pem);
        key.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    }
    if (!key)
        key = parsePrivateKey(pem);
    if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519)
        return {};
    return ed25519PublicRaw(key.get());
}

QByteArray signBundle(const BundlePayload &payload, EVP_PKEY *key, EVP_PKEY *previousKey)
{
    const QByteArray payloadBytes =
        QJsonDocument(
            QJsonObject{
                {QStringLiteral("version"), payload.version},
                {QStringLiteral("expires_at"), payload.expiresAt.toUTC().toString(Qt::ISODate)},
                {QStringLiteral("content"), payload.content},
            })
            .toJson(QJsonDocument::Compact);
    const QByteArray raw = ed25519PublicRaw(key);
    QJsonObject envelope{
        {QStringLiteral("format"), QLatin1String(kFormat)},
        {QStringLiteral("payload"), QString::fromLatin1(payloadBytes.toBase64())},
        {QStringLiteral("key"), QString::fromLatin1(raw.toBase64())},
        {QStringLiteral("signature"),
         QString::fromLatin1(sign(key, kSignedPrefix + payloadBytes).toBase64())},
    };
    if (previousKey)
        envelope.insert(QStringLiteral("endorsement"),
                        QString::fromLatin1(sign(previousKey, kEndorsedPrefix + raw).toBase64()));
    return QJsonDocument(envelope).toJson(QJsonDocument::Indented);
}

namespace {

// The envelope's fields, decoded; throws BundleError ("malformed").
struct Envelope
{
    QByteArray payload;
    QByteArray signerKey;
    QByteArray endorsement;
    QByteArray signature;
};

Envelope readEnvelope(const QByteArray &bytes)
{
    const auto malformed = [](const QString &why) {
        return BundleError(QStringLiteral("malformed"), why);
    };
    if (bytes.size() > kMaxBundleBytes)
        throw malformed(QStringLiteral("the bundle is larger than 4 MiB"));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw malformed(QStringLiteral("the bundle is not a JSON object"));
    const QJsonObject envelope = document.object();
    for (auto it = envelope.begin(); it != envelope.end(); ++it) {
        static const QStringList known = {QStringLiteral("format"), QStringLiteral("payload"),
                                          QStringLiteral("key"), QStringLiteral("endorsement"),
                                          QStringLiteral("signature")};
        if (!known.contains(it.key()))
            throw malformed(QStringLiteral("unknown bundle key \"%1\"").arg(it.key()));
    }
    if (envelope.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
        throw malformed(QStringLiteral("format must be \"relais-bundle/1\""));
    return {base64Field(envelope, QStringLiteral("payload"), true),
            base64Field(envelope, QStringLiteral("key"), true),
            base64Field(envelope, QStringLiteral("endorsement"), false),
            base64Field(envelope, QStringLiteral("signature"), true)};
}

} // namespace

OpenedBundle openBundle(const QByteArray &bytes, const QByteArray &pinnedKey)
{
    const Envelope envelope = readEnvelope(bytes);
    OpenedBundle opened;
    opened.signerKey = envelope.signerKey;
    if (envelope.signerKey != pinnedKey) {
        if (envelope.endorsement.isEmpty() ||
            !verifies(pinnedKey, kEndorsedPrefix + envelope.signerKey, envelope.endorsement))
            throw BundleError(QStringLiteral("bad_signature"),
                              QStringLiteral("signed by a key the pinned key did not endorse"));
        opened.rotated = true;
    }
    if (!verifies(envelope.signerKey, kSignedPrefix + envelope.payload, envelope.signature))
        throw BundleError(QStringLiteral("bad_signature"),
                          QStringLiteral("the signature does not match the payload"));
    opened.payload = parsePayload(envelope.payload);
    return opened;
}

BundlePayload readPublishedPayload(const QByteArray &bytes)
{
    return parsePayload(readEnvelope(bytes).payload);
}

} // namespace relais::provisioning
