// SPDX-License-Identifier: EUPL-1.2
// relais-peer: one side of a video-counter call on the command line (tests, benchmarks, and
// checking a site's network path). Exit codes: 0 the call took place, 1 it failed, 2 invalid
// command line, 3 the hub refused us.

#include "gstinit.h"
#include "peer.h"

#include <QCoreApplication>
#include <QTimer>

#include <gst/gst.h>

#include <cstdio>

int main(int argc, char *argv[])
{
    gst_init(&argc, &argv);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("relais-peer"));
    QString error;
    auto options = relais::media::parsePeerOptions(QCoreApplication::arguments(), &error);
    if (!options) {
        fprintf(stderr, "relais-peer: %s\n", qPrintable(error));
        return relais::media::Peer::BadCommandLine;
    }
    // Like a kiosk that has been up for a while (its certificate is made during the pre-call
    // check): call setup times measured with this peer are those of a warm kiosk.
    relais::media::waitForDtlsCertificate();
    relais::media::Peer peer(std::move(*options));
    QObject::connect(&peer, &relais::media::Peer::finished, &app, [&app](int code) {
        QTimer::singleShot(0, &app, [&app, code] { app.exit(code); });
    });
    peer.start();
    return app.exec();
}
