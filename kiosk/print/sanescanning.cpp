// SPDX-License-Identifier: EUPL-1.2
#include "sanescanning.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <sane/sane.h>
#include <sane/saneopts.h>

#include <algorithm>
#include <cmath>
#include <cstring>

Q_LOGGING_CATEGORY(lcScan, "relais.scan")

namespace relais {

namespace {

QString statusText(SANE_Status status)
{
    return QString::fromUtf8(sane_strstatus(status));
}

ScanProblem problemOf(SANE_Status status)
{
    switch (status) {
    case SANE_STATUS_GOOD:
    case SANE_STATUS_EOF:
        return ScanProblem::None;
    case SANE_STATUS_DEVICE_BUSY:
        return ScanProblem::Busy;
    case SANE_STATUS_NO_DOCS:
        return ScanProblem::NoPaper;
    case SANE_STATUS_JAMMED:
        return ScanProblem::Jammed;
    case SANE_STATUS_COVER_OPEN:
        return ScanProblem::CoverOpen;
    case SANE_STATUS_CANCELLED:
        return ScanProblem::Cancelled;
    case SANE_STATUS_INVAL:
    case SANE_STATUS_ACCESS_DENIED:
        return ScanProblem::NoScanner;
    default:
        return ScanProblem::Failed;
    }
}

// An open device, closed (after cancelling what it was doing) whatever happens.
class Device
{
public:
    explicit Device(SANE_Handle handle) : m_handle(handle) {}
    ~Device()
    {
        sane_cancel(m_handle);
        sane_close(m_handle);
    }
    Device(const Device &) = delete;
    Device &operator=(const Device &) = delete;
    SANE_Handle handle() const { return m_handle; }

    // Options are looked up by name each time: setting one may change the others (a reload).
    int find(const char *name) const
    {
        for (SANE_Int i = 1;; ++i) {
            const SANE_Option_Descriptor *option = sane_get_option_descriptor(m_handle, i);
            if (!option)
                return -1;
            if (option->name && std::strcmp(option->name, name) == 0 &&
                SANE_OPTION_IS_ACTIVE(option->cap) && SANE_OPTION_IS_SETTABLE(option->cap))
                return i;
        }
    }
    const SANE_Option_Descriptor *describe(int option) const
    {
        return sane_get_option_descriptor(m_handle, option);
    }
    bool set(int option, void *value)
    {
        SANE_Int info = 0;
        const SANE_Status status =
            sane_control_option(m_handle, option, SANE_ACTION_SET_VALUE, value, &info);
        if (status != SANE_STATUS_GOOD)
            qCDebug(lcScan) << "option" << describe(option)->name
                            << "refused:" << statusText(status);
        return status == SANE_STATUS_GOOD;
    }
    bool get(int option, void *value)
    {
        return sane_control_option(m_handle, option, SANE_ACTION_GET_VALUE, value, nullptr) ==
               SANE_STATUS_GOOD;
    }

private:
    SANE_Handle m_handle;
};

// The mode's name among the device's own ("Color", or "Gray"/"Lineart" when not asked).
void chooseMode(Device &device, bool color)
{
    const int option = device.find(SANE_NAME_SCAN_MODE);
    if (option < 0)
        return;
    const SANE_Option_Descriptor *d = device.describe(option);
    if (d->type != SANE_TYPE_STRING || d->constraint_type != SANE_CONSTRAINT_STRING_LIST)
        return;
    const char *wanted = color ? SANE_VALUE_SCAN_MODE_COLOR : SANE_VALUE_SCAN_MODE_GRAY;
    for (const SANE_String_Const *mode = d->constraint.string_list; *mode; ++mode) {
        if (std::strcmp(*mode, wanted) == 0) {
            QByteArray value(d->size, '\0');
            std::strncpy(value.data(), *mode, size_t(d->size) - 1);
            device.set(option, value.data());
            return;
        }
    }
}

// The resolution nearest to the one asked for that the device offers.
void chooseResolution(Device &device, int dpi)
{
    const int option = device.find(SANE_NAME_SCAN_RESOLUTION);
    if (option < 0)
        return;
    const SANE_Option_Descriptor *d = device.describe(option);
    const bool fixed = d->type == SANE_TYPE_FIXED;
    const auto toWord = [fixed](double value) {
        return fixed ? SANE_FIX(value) : SANE_Word(std::lround(value));
    };
    const auto fromWord = [fixed](SANE_Word word) {
        return fixed ? SANE_UNFIX(word) : double(word);
    };
    SANE_Word value = toWord(dpi);
    if (d->constraint_type == SANE_CONSTRAINT_RANGE) {
        const SANE_Range *range = d->constraint.range;
        double wanted = std::clamp(double(dpi), fromWord(range->min), fromWord(range->max));
        if (range->quant > 0) {
            const double quant = fromWord(range->quant);
            wanted =
                fromWord(range->min) + std::round((wanted - fromWord(range->min)) / quant) * quant;
        }
        value = toWord(wanted);
    } else if (d->constraint_type == SANE_CONSTRAINT_WORD_LIST) {
        const SANE_Word *list = d->constraint.word_list;
        double best = -1;
        for (SANE_Word i = 1; i <= list[0]; ++i) {
            if (best < 0 || std::abs(fromWord(list[i]) - dpi) < std::abs(best - dpi))
                best = fromWord(list[i]);
        }
        if (best > 0)
            value = toWord(best);
    }
    device.set(option, &value);
}

int currentResolution(Device &device, int fallback)
{
    const int option = device.find(SANE_NAME_SCAN_RESOLUTION);
    SANE_Word value = 0;
    if (option < 0 || !device.get(option, &value))
        return fallback;
    return device.describe(option)->type == SANE_TYPE_FIXED ? int(std::lround(SANE_UNFIX(value)))
                                                            : int(value);
}

// The whole glass: top-left at the range's minimum, bottom-right at its maximum.
void chooseWholeArea(Device &device)
{
    const std::pair<const char *, bool> corners[] = {{SANE_NAME_SCAN_TL_X, false},
                                                     {SANE_NAME_SCAN_TL_Y, false},
                                                     {SANE_NAME_SCAN_BR_X, true},
                                                     {SANE_NAME_SCAN_BR_Y, true}};
    for (const auto &[name, maximum] : corners) {
        const int option = device.find(name);
        if (option < 0)
            continue;
        const SANE_Option_Descriptor *d = device.describe(option);
        if (d->constraint_type != SANE_CONSTRAINT_RANGE)
            continue;
        SANE_Word value = maximum ? d->constraint.range->max : d->constraint.range->min;
        device.set(option, &value);
    }
}

// One frame's bytes into the picture: grey or colour, 1, 8 or 16 bits a sample; a three-pass
// device sends red, green and blue as separate frames.
void addFrame(QImage &image, const SANE_Parameters &p, const QByteArray &data)
{
    const int lines = p.bytes_per_line > 0 ? int(data.size() / p.bytes_per_line) : 0;
    if (lines <= 0 || p.pixels_per_line <= 0)
        return;
    if (image.isNull()) {
        image =
            QImage(p.pixels_per_line, lines,
                   p.format == SANE_FRAME_GRAY ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
        image.fill(Qt::black);
    }
    const int bytesPerSample = p.depth == 16 ? 2 : 1;
    const int samples = p.format == SANE_FRAME_RGB ? 3 : 1;
    const int channel = p.format == SANE_FRAME_GREEN ? 1 : (p.format == SANE_FRAME_BLUE ? 2 : 0);
    for (int y = 0; y < std::min(lines, image.height()); ++y) {
        const auto *in =
            reinterpret_cast<const uchar *>(data.constData()) + qsizetype(y) * p.bytes_per_line;
        uchar *out = image.scanLine(y);
        for (int x = 0; x < std::min(p.pixels_per_line, image.width()); ++x) {
            for (int s = 0; s < samples; ++s) {
                uchar value;
                if (p.depth == 1) // SANE's line art: a set bit is black
                    value = (in[x / 8] & (0x80 >> (x % 8))) ? 0 : 255;
                else if (bytesPerSample == 2) // host byte order
                    value = uchar(reinterpret_cast<const quint16 *>(in)[x * samples + s] >> 8);
                else
                    value = in[x * samples + s];
                if (image.format() == QImage::Format_Grayscale8)
                    out[x] = value;
                else if (p.format == SANE_FRAME_GRAY)
                    out[x * 3] = out[x * 3 + 1] = out[x * 3 + 2] = value;
                else
                    out[x * 3 + (samples == 3 ? s : channel)] = value;
            }
        }
    }
}

} // namespace

SaneScanning::~SaneScanning()
{
    if (m_initialised)
        sane_exit();
}

bool SaneScanning::ensureInitialised(QString *error)
{
    if (m_initialised)
        return true;
    SANE_Int version = 0;
    const SANE_Status status = sane_init(&version, nullptr);
    if (status != SANE_STATUS_GOOD) {
        *error = statusText(status);
        return false;
    }
    m_initialised = true;
    return true;
}

QList<ScannerInfo> SaneScanning::scanners(QString *error)
{
    // One sane_init for the process: ending and starting SANE again while some backends'
    // own threads (network discovery, USB) still run crashed the kiosk.
    QList<ScannerInfo> found;
    if (!ensureInitialised(error))
        return found;
    const SANE_Device **devices = nullptr;
    const SANE_Status status = sane_get_devices(&devices, SANE_FALSE);
    if (status != SANE_STATUS_GOOD) {
        *error = statusText(status);
        return found;
    }
    for (int i = 0; devices && devices[i]; ++i) {
        const SANE_Device *d = devices[i];
        QString label =
            QStringLiteral("%1 %2").arg(QString::fromUtf8(d->vendor), QString::fromUtf8(d->model));
        found.append({QString::fromUtf8(d->name), label.simplified()});
    }
    return found;
}

ScanResult SaneScanning::scan(const ScanRequest &request)
{
    ScanResult result;
    if (!ensureInitialised(&result.error)) {
        result.problem = ScanProblem::Failed;
        return result;
    }
    SANE_Handle handle = nullptr;
    SANE_Status status = sane_open(request.device.toUtf8().constData(), &handle);
    if (status != SANE_STATUS_GOOD) {
        result.problem =
            status == SANE_STATUS_DEVICE_BUSY ? ScanProblem::Busy : ScanProblem::NoScanner;
        result.error = statusText(status);
        return result;
    }
    Device device(handle);
    chooseMode(device, request.color);
    chooseResolution(device, request.dpi);
    chooseWholeArea(device);
    result.dpi = currentResolution(device, request.dpi);

    status = sane_start(handle);
    QImage image;
    while (status == SANE_STATUS_GOOD) {
        SANE_Parameters parameters;
        status = sane_get_parameters(handle, &parameters);
        if (status != SANE_STATUS_GOOD)
            break;
        QByteArray data;
        if (parameters.lines > 0 && parameters.bytes_per_line > 0)
            data.reserve(qsizetype(parameters.lines) * parameters.bytes_per_line);
        QByteArray chunk(64 * 1024, '\0');
        for (;;) {
            if (request.cancel->load()) {
                status = SANE_STATUS_CANCELLED;
                break;
            }
            SANE_Int length = 0;
            status = sane_read(handle, reinterpret_cast<SANE_Byte *>(chunk.data()),
                               SANE_Int(chunk.size()), &length);
            if (status != SANE_STATUS_GOOD)
                break;
            data.append(chunk.constData(), length);
        }
        if (status != SANE_STATUS_EOF)
            break;
        addFrame(image, parameters, data);
        if (parameters.last_frame) {
            status = SANE_STATUS_EOF;
            break;
        }
        status = sane_start(handle); // the next frame of a three-pass scan
    }
    if (status != SANE_STATUS_EOF || image.isNull()) {
        result.problem = status == SANE_STATUS_EOF ? ScanProblem::Failed : problemOf(status);
        result.error = status == SANE_STATUS_EOF ? QStringLiteral("the device sent no picture")
                                                 : statusText(status);
        qCWarning(lcScan) << "scan on" << request.device << "failed:" << result.error;
        return result;
    }
    image.setDotsPerMeterX(qRound(result.dpi / 0.0254));
    image.setDotsPerMeterY(qRound(result.dpi / 0.0254));
    result.image = image;
    return result;
}

} // namespace relais
