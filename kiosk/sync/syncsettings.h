// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "backoff.h"
#include "clientidentity.h"
#include "observatorytransport.h"

#include <QSet>
#include <QString>

namespace relais {

// Everything the sync needs to run: where the observatory is, who the kiosk is, how often.
struct SyncSettings
{
    ClientIdentity identity; // from enrollment; incomplete: "not enrolled"
    QString site;
    QString storePath;     // the kiosk store, opened again on the sync's own thread
    QString dataDirectory; // for the disk-space figure of the heartbeat
    int heartbeatS = 300;
    int pollMs = 1000; // how often an idle sync looks for new records (one indexed read)
    int batchSize = 500;
    Backoff::Limits backoff;
    ObservatoryTransport::Timeouts timeouts;
    QSet<QString> freeTextQuestions; // "survey/question", never sent
    bool scanDevices = false;        // camera and microphone from GStreamer's device monitor
};

} // namespace relais
