// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "bundlestatus.h"
#include "configbundle.h"
#include "identity/kioskidentity.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace relais {

// The kiosk's signed configuration: the last good bundle (bundles/current.json, the file as
// signed) and what became of the last one offered (bundles/status.json). A bundle is taken
// only when its signature is by the pinned key (or a key the pinned key endorsed, which is then
// pinned), its version is higher than the one in use, it has not expired and its content
// passes the kiosk's own validators; otherwise the one in use stays and the refusal is
// recorded. Every file is replaced atomically (temporary file, fsync, rename).
class BundleStore
{
public:
    // Why the content is unusable, empty when it is fine.
    using Validator = std::function<QString(const QJsonObject &content)>;

    BundleStore(const QString &dataDirectory, KioskIdentity identity, Validator validator);

    // `site`, when given, is the kiosk's own: a bundle for another site is invalid content.
    BundleStatus offer(const QByteArray &bytes, const QDateTime &now, const QString &site = {});
    // A fetch that brought no bundle ("unreachable", "refused", "no_bundle").
    BundleStatus recordFailure(const QString &result, const QString &detail, const QDateTime &now);

    // The bundle in use, checked again against the pinned key; null when there is none.
    std::optional<provisioning::BundlePayload> currentPayload() const;
    std::optional<QJsonObject> currentContent() const;
    qint64 currentVersion() const;
    BundleStatus lastStatus() const;

    QString currentPath() const;
    QString statusPath() const;

    // The kiosk's validator: the content must parse as a BundleContent.
    static QString validateKioskContent(const QJsonObject &content);

private:
    BundleStatus record(BundleStatus status) const;

    QString m_directory;
    KioskIdentity m_identity;
    Validator m_validator;
};

} // namespace relais
