// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "opensslhandles.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace relais::provisioning {

// Signed configuration bundles (site configuration, procedure catalog, survey definitions).
//
// A bundle is a JSON envelope around the exact bytes that were signed, so that no
// re-serialisation can change what the signature covers:
//   {"format": "relais-bundle/1",
//    "payload": base64(JSON {"version": N, "expires_at": "…Z", "content": {…}}),
//    "key": base64(raw Ed25519 public key of the signer),
//    "endorsement": base64(signature of the signer's key by the previous key), optional,
//    "signature": base64(Ed25519 over "relais-bundle/1\n" + payload bytes)}
// A kiosk pins one public key. A bundle signed by another key is accepted only when the
// pinned key endorsed that key; the kiosk then pins the new key (rotation).
struct BundlePayload
{
    qint64 version = 0;
    QDateTime expiresAt;
    QJsonObject content;
};

struct OpenedBundle
{
    BundlePayload payload;
    QByteArray signerKey; // raw 32-byte Ed25519 public key
    bool rotated = false; // signed by a key the pinned key endorsed
};

class BundleError : public std::runtime_error
{
public:
    // `code`: "malformed" or "bad_signature".
    BundleError(QString code, const QString &why)
        : std::runtime_error(why.toStdString()), m_code(std::move(code))
    {}
    const QString &code() const { return m_code; }

private:
    QString m_code;
};

KeyHandle generateEd25519Key();
// The raw 32 bytes of an Ed25519 public key, as bundles carry it.
QByteArray ed25519PublicRaw(EVP_PKEY *key);
QByteArray publicKeyPem(EVP_PKEY *key);
// The PEM public key for a raw Ed25519 key; empty when `raw` is not 32 bytes.
QByteArray ed25519PublicPem(const QByteArray &raw);
// The raw public key from a PEM public or private key; empty when it is not Ed25519.
QByteArray ed25519PublicRawFromPem(const QByteArray &pem);

// Signs `payload` with `key`; `previousKey` (may be null) endorses `key` for a rotation.
QByteArray signBundle(const BundlePayload &payload, EVP_PKEY *key, EVP_PKEY *previousKey);

// Checks the envelope and its signature against `pinnedKey` (raw). Throws BundleError.
// Versions and expiry are the holder's policy, not checked here.
OpenedBundle openBundle(const QByteArray &bytes, const QByteArray &pinnedKey);

// The payload of a bundle its publisher reads back (the observatory, from its own bundles
// folder, for the survey definitions its kiosks are given): the envelope is checked, the
// signature is not, as the publisher holds no key to check it against. Throws BundleError.
BundlePayload readPublishedPayload(const QByteArray &bytes);

} // namespace relais::provisioning
