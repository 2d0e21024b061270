// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QList>
#include <QString>

#include <atomic>
#include <memory>

namespace relais {

struct ScannerInfo
{
    QString device; // the name to open it by ("test:0", "genesys:libusb:001:004")
    QString label;  // what a person reads: vendor and model
};

// Why a scan gave no picture, in words the desk can act on.
enum class ScanProblem {
    None,
    NoScanner, // the device is gone (unplugged, switched off)
    Busy,      // another program uses it
    NoPaper,   // the document feeder is empty
    Jammed,
    CoverOpen,
    Cancelled,
    Failed, // any other error of the device or its driver
};

struct ScanRequest
{
    QString device;
    int dpi = 75;
    bool color = true;
    // Set from any thread to stop a scan under way.
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);
};

struct ScanResult
{
    QImage image; // null when the scan failed
    int dpi = 0;  // the resolution the device used (it may round the one asked for)
    ScanProblem problem = ScanProblem::None;
    QString error; // the driver's words, for the log
};

// The scanners as the kiosk uses them. Every call blocks (listing probes buses, a scan takes
// seconds); callers run them on one worker thread, never on the interface's.
class ScanBackend
{
public:
    virtual ~ScanBackend() = default;
    virtual QList<ScannerInfo> scanners(QString *error) = 0;
    // The whole glass (or the feeder's page) at the resolution asked for.
    virtual ScanResult scan(const ScanRequest &request) = 0;
};

} // namespace relais
