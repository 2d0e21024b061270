// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "scanbackend.h"

namespace relais {

// ScanBackend over SANE. SANE is not thread-safe: one object, used from one thread, which
// also destroys it (sane_exit).
class SaneScanning : public ScanBackend
{
public:
    SaneScanning() = default;
    ~SaneScanning() override;
    SaneScanning(const SaneScanning &) = delete;
    SaneScanning &operator=(const SaneScanning &) = delete;

    QList<ScannerInfo> scanners(QString *error) override;
    ScanResult scan(const ScanRequest &request) override;

private:
    bool ensureInitialised(QString *error);
    bool m_initialised = false;
};

} // namespace relais
