// SPDX-License-Identifier: EUPL-1.2
#include "bundlestore.h"

#include "bundlecontent.h"
#include "configbundle.h"
#include "jsonfields.h"
#include "pemfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcBundles, "relais.kiosk.bundles")

namespace relais {

namespace {

namespace pki = relais::provisioning;

QByteArray readIfPresent(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 8 * 1024 * 1024)
        return {};
    return file.readAll();
}

} // namespace

BundleStore::BundleStore(const QString &dataDirectory, KioskIdentity identity, Validator validator)
    : m_directory(QDir(dataDirectory).filePath(QStringLiteral("bundles"))),
      m_identity(std::move(identity)), m_validator(std::move(validator))
{}

QString BundleStore::currentPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("current.json"));
}

QString BundleStore::statusPath() const
{
    return QDir(m_directory).filePath(QStringLiteral("status.json"));
}

std::optional<pki::BundlePayload> BundleStore::currentPayload() const
{
    const QByteArray bytes = readIfPresent(currentPath());
    if (bytes.isEmpty())
        return std::nullopt;
    try {
        return pki::openBundle(bytes, m_identity.bundleKey()).payload;
    } catch (const pki::BundleError &) {
        return std::nullopt;
    }
}

std::optional<QJsonObject> BundleStore::currentContent() const
{
    const auto payload = currentPayload();
    return payload ? std::optional<QJsonObject>(payload->content) : std::nullopt;
}

qint64 BundleStore::currentVersion() const
{
    const auto payload = currentPayload();
    return payload ? payload->version : 0;
}

BundleStatus BundleStore::lastStatus() const
{
    BundleStatus status =
        BundleStatus::fromJson(QJsonDocument::fromJson(readIfPresent(statusPath())).object());
    status.versionInUse = currentVersion();
    return status;
}

BundleStatus BundleStore::record(BundleStatus status) const
{
    if (status.refused())
        qCWarning(lcBundles).noquote() << "bundle refused:" << status.result << status.detail;
    else
        qCInfo(lcBundles).noquote()
            << "bundle" << status.result << "version" << status.versionInUse;
    try {
        QDir().mkpath(m_directory);
        pki::writeFileAtomically(statusPath(),
                                 QJsonDocument(status.toJson()).toJson(QJsonDocument::Compact),
                                 pki::kPublicFile);
    } catch (const std::exception &e) {
        qCWarning(lcBundles).noquote() << e.what();
    }
    return status;
}

BundleStatus BundleStore::recordFailure(const QString &result, const QString &detail,
                                        const QDateTime &now)
{
    BundleStatus status;
    status.result = result;
    status.detail = detail;
    status.checkedAt = now;
    status.versionInUse = currentVersion();
    return record(status);
}

BundleStatus BundleStore::offer(const QByteArray &bytes, const QDateTime &now, const QString &site)
{
    BundleStatus status;
    status.checkedAt = now;
    status.versionInUse = currentVersion();
    const QByteArray pinned = m_identity.bundleKey();
    if (pinned.isEmpty()) {
        status.result = QStringLiteral("bad_signature");
        status.detail =
            m_identity.bundleKeyPath() + QStringLiteral(" is missing: no key is pinned");
        return record(status);
    }
    pki::OpenedBundle opened;
    try {
        opened = pki::openBundle(bytes, pinned);
    } catch (const pki::BundleError &e) {
        status.result = e.code();
        status.detail = QString::fromUtf8(e.what());
        return record(status);
    }
    status.offeredVersion = opened.payload.version;
    if (opened.payload.version == status.versionInUse && bytes == readIfPresent(currentPath())) {
        status.result = QStringLiteral("unchanged");
        if (opened.rotated)
            m_identity.storeBundleKey(pki::ed25519PublicPem(opened.signerKey));
        return record(status);
    }
    if (opened.payload.version <= status.versionInUse) {
        status.result = QStringLiteral("rollback");
        status.detail = QStringLiteral("version %1 offered, %2 in use")
                            .arg(opened.payload.version)
                            .arg(status.versionInUse);
        return record(status);
    }
    if (opened.payload.expiresAt <= now) {
        status.result = QStringLiteral("expired");
        status.detail = QStringLiteral("expired at %1")
                            .arg(opened.payload.expiresAt.toUTC().toString(Qt::ISODate));
        return record(status);
    }
    const QString bundledSite = opened.payload.content.value(QStringLiteral("site"))
                                    .toObject()
                                    .value(QStringLiteral("site"))
                                    .toObject()
                                    .value(QStringLiteral("id"))
                                    .toString();
    const QString invalid =
        !site.isEmpty() && bundledSite != site
            ? QStringLiteral("the bundle is for site \"%1\", not \"%2\"").arg(bundledSite, site)
        : m_validator ? m_validator(opened.payload.content)
                      : QString();
    if (!invalid.isEmpty()) {
        status.result = QStringLiteral("invalid_content");
        status.detail = invalid;
        return record(status);
    }
    try {
        QDir().mkpath(m_directory);
        // The bundle first, then the key: a crash between the two leaves a bundle that the
        // old pinned key still opens through its endorsement, and the next offer pins the key.
        pki::writeFileAtomically(currentPath(), bytes, pki::kPublicFile);
        if (opened.rotated)
            m_identity.storeBundleKey(pki::ed25519PublicPem(opened.signerKey));
    } catch (const std::exception &e) {
        status.result = QStringLiteral("refused");
        status.detail = QString::fromUtf8(e.what());
        return record(status);
    }
    status.result = QStringLiteral("accepted");
    status.versionInUse = opened.payload.version;
    status.detail =
        opened.rotated ? QStringLiteral("signed by a newly endorsed key, now pinned") : QString();
    return record(status);
}

QString BundleStore::validateKioskContent(const QJsonObject &content)
{
    const BundleContentResult parsed = parseBundleContent(content, QStringLiteral("site"));
    if (const auto *refused = std::get_if<QString>(&parsed))
        return *refused;
    return {};
}

} // namespace relais
