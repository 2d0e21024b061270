// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QList>
#include <QSslCertificate>

namespace relais {

class Kiosk;

namespace media {
class SignallingClient;
}

// How this kiosk speaks to its hub, for every use of the link (the video call, the call for
// the mediator): the hub's CA from the site's configuration, the kiosk's enrollment
// certificate for mutual TLS while it is valid, and its hello.
namespace kioskhublink {

// False when the site has no hub (no "visio" section): there is nothing to open.
bool available(const Kiosk &kiosk);
// Trust and credentials; call before open().
void prepare(media::SignallingClient &client, Kiosk &kiosk);
void open(media::SignallingClient &client, const Kiosk &kiosk);
// The site's `ca_file`: the only authorities trusted for the hub, and trusted besides the
// system's for the call's `turns:` servers (CallConfig::caCertificates). Empty without one.
QList<QSslCertificate> caCertificates(const Kiosk &kiosk);

} // namespace kioskhublink
} // namespace relais
