// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "site.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>

namespace relais::observatory {

class Store;

class RegistryError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Device
{
    QString deviceId; // "<site>/<kiosk>"
    QString site;
    QString kiosk;
    bool revoked = false;
    QString certSerial;
    QString certNotAfter;
};

// Sites, kiosks, their single-use enrollment tokens (stored as hashes only) and the deny list.
class DeviceRegistry
{
public:
    enum class TokenCheck { Accepted, Unknown, Used, Expired, Revoked };

    explicit DeviceRegistry(Store &store) : m_store(store) {}

    // `today` becomes the updated_on of a site that is new or whose published facts changed.
    void putSites(const QList<Site> &sites, const QDate &today = QDate::currentDate());
    QList<Site> sites() const;

    // Registers the kiosk (or re-arms it after a replacement) and returns a new token, valid
    // `hours`. The site must be known. Throws RegistryError.
    QString createKiosk(const QString &site, const QString &kiosk, int hours, const QDateTime &now);
    void revoke(const QString &deviceId, const QDateTime &now);
    std::optional<Device> device(const QString &deviceId) const;
    QList<Device> devices() const;

    // Burns the token if it is usable; the caller runs this in the transaction that also
    // records the issued certificate, so a failed issue leaves the token unused.
    TokenCheck burnToken(const QString &token, const QDateTime &now, Device *device);
    // The kiosk's current certificate, the only one authenticateDevice accepts from now on.
    void recordCertificate(const QString &deviceId, const QString &serial,
                           const QDateTime &notAfter);
    // A renewal: replaces `previousSerial` only if it is still current, so that of two renewals
    // racing with one certificate only one is recorded; false for the other.
    bool renewCertificate(const QString &deviceId, const QString &previousSerial,
                          const QString &serial, const QDateTime &notAfter);

private:
    Store &m_store;
};

QString tokenCheckCode(DeviceRegistry::TokenCheck check);

} // namespace relais::observatory
