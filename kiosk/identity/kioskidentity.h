// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

namespace relais {

// The kiosk's identity on the network, in <data dir>/identity/. Everything that talks to the
// observatory or the hub over mutual TLS takes its key, certificate and pinned CA from here.
//
//   trusted-ca.pem  the device CA the kiosk pins, placed at installation (a public file)
//   bundle-key.pem  the Ed25519 public key configuration bundles must be signed with, placed
//                   at installation and replaced by an endorsed key on rotation
//   kiosk.pem       made at enrollment, 0600: the private key and the certificate in one file,
//                   so that a crash can never leave a key beside another key's certificate;
//                   two "Relais-…:" header lines before the PEM blocks name the observatory
//                   and the device (PEM readers, OpenSSL's and libcurl's, skip them)
class KioskIdentity
{
public:
    struct Credentials
    {
        QByteArray keyPem;
        QByteArray certPem;
        QString deviceId;       // "<site>/<kiosk>", the certificate's common name
        QString observatoryUrl; // "https://host:port", without a trailing slash
        QDateTime notBefore;
        QDateTime notAfter;

        // Renewal with a new key is due after two thirds of the certificate's life.
        QDateTime renewalDue() const;
        bool expired(const QDateTime &now) const { return now >= notAfter; }
    };

    explicit KioskIdentity(const QString &dataDirectory);

    QString directory() const { return m_directory; }
    QString trustedCaPath() const;
    QString bundleKeyPath() const;
    QString credentialsPath() const;

    // The pinned CA; empty when it was not installed.
    QByteArray trustedCaPem() const;
    // Null when the kiosk is not enrolled or its file is unreadable, damaged, or holds a key
    // that is not the certificate's.
    std::optional<Credentials> load() const;
    bool isEnrolled() const { return load().has_value(); }

    // Replaces the credentials atomically (temporary file, fsync, rename), 0600. Throws
    // std::runtime_error when the key does not match the certificate or the file cannot be
    // written; the previous credentials are then untouched.
    void store(const QByteArray &keyPem, const QByteArray &certPem,
               const QString &observatoryUrl) const;

    // The pinned bundle key (raw Ed25519), empty when none is installed; and its replacement.
    QByteArray bundleKey() const;
    void storeBundleKey(const QByteArray &publicKeyPem) const; // atomically

private:
    QString m_directory;
};

} // namespace relais
