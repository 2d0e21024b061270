// SPDX-License-Identifier: EUPL-1.2
#include "kioskhublink.h"

#include "kiosk.h"
#include "signallingclient.h"

#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslKey>

namespace relais::kioskhublink {

Q_LOGGING_CATEGORY(lcHubLink, "relais.hublink")

bool available(const Kiosk &kiosk)
{
    return kiosk.config().visio.has_value() && !kiosk.config().visio->hubUrl.isEmpty();
}

QList<QSslCertificate> caCertificates(const Kiosk &kiosk)
{
    const VisioSettings &settings = *kiosk.config().visio;
    if (settings.caFile.isEmpty())
        return {};
    const auto certificates = QSslCertificate::fromPath(settings.caFile);
    if (certificates.isEmpty())
        qCWarning(lcHubLink) << "no certificate could be read from" << settings.caFile;
    return certificates;
}

void prepare(media::SignallingClient &client, Kiosk &kiosk)
{
    if (!kiosk.config().visio->caFile.isEmpty())
        client.setCaCertificates(caCertificates(kiosk));
    // An enrolled kiosk shows the hub its certificate (mutual TLS); a hub that does not know
    // the device CA yet still takes the configured token.
    if (const auto &credentials = kiosk.enrollment()->credentials();
        credentials && !credentials->expired(QDateTime::currentDateTimeUtc()))
        client.setClientCertificate(QSslCertificate(credentials->certPem, QSsl::Pem),
                                    QSslKey(credentials->keyPem, QSsl::Ec));
}

void open(media::SignallingClient &client, const Kiosk &kiosk)
{
    const VisioSettings &settings = *kiosk.config().visio;
    client.open(QUrl(settings.hubUrl),
                media::SignallingClient::kioskHello(kiosk.config().siteId, settings.kioskId,
                                                    settings.token));
}

} // namespace relais::kioskhublink
