// SPDX-License-Identifier: EUPL-1.2
#include "scansession.h"

#include "printdesk.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcScanSession, "relais.scan.session")

namespace relais {

ScanSession::ScanSession(QObject *parent) : QObject(parent) {}

PrintDesk *ScanSession::desk()
{
    if (!m_desk) {
        m_desk = PrintDesk::forObject(this);
        if (m_desk)
            connect(m_desk, &PrintDesk::wiped, this, &ScanSession::restart);
    }
    return m_desk;
}

ScanSession::~ScanSession()
{
    if (m_cancel)
        m_cancel->store(true);
}

void ScanSession::setScanner(int index)
{
    if (index == m_scanner)
        return;
    m_scanner = index;
    emit scannerChanged();
    restart();
}

void ScanSession::setCrop(const QRectF &crop)
{
    const QRectF bounded = crop.normalized() & QRectF(0, 0, 1, 1);
    // Too small a crop would leave nothing to read; a tenth of each side is the least.
    if (bounded.width() < 0.1 || bounded.height() < 0.1 || bounded == m_edit.crop)
        return;
    m_edit.crop = bounded;
    emit editChanged();
}

ScanRequest ScanSession::request(int dpi)
{
    if (m_cancel)
        m_cancel->store(true);
    ScanRequest r;
    r.device = desk() ? m_desk->scannerDevice(m_scanner) : QString();
    r.dpi = dpi;
    m_cancel = r.cancel;
    return r;
}

void ScanSession::startPreview()
{
    if (!desk() || m_state == Previewing || m_state == Scanning)
        return;
    const ScanRequest r = request(PreviewDpi);
    if (r.device.isEmpty()) {
        setState(Failed, NoScanner);
        return;
    }
    setState(Previewing);
    m_desk->scan(r,
                 [self = QPointer<ScanSession>(this), cancel = r.cancel](const ScanResult &result) {
                     if (!self || cancel != self->m_cancel)
                         return;
                     if (result.image.isNull()) {
                         self->setState(Failed, Problem(result.problem));
                         return;
                     }
                     self->m_previewScan = result.image;
                     self->m_edit = {};
                     emit self->editChanged();
                     self->showPreview();
                     self->setState(Previewed);
                 });
}

void ScanSession::rotate()
{
    if (m_previewScan.isNull() || m_state == Scanning)
        return;
    m_edit.quarterTurns = (m_edit.quarterTurns + 1) % 4;
    // The crop turns with the page.
    const QRectF c = m_edit.crop;
    m_edit.crop = QRectF(1 - c.y() - c.height(), c.x(), c.height(), c.width());
    emit editChanged();
    showPreview();
}

void ScanSession::resetCrop()
{
    if (m_edit.crop == QRectF(0, 0, 1, 1))
        return;
    m_edit.crop = QRectF(0, 0, 1, 1);
    emit editChanged();
}

void ScanSession::restart()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancel.reset();
    m_previewScan = QImage();
    m_preview = QImage();
    m_edit = {};
    m_resultSize = QSize();
    emit previewChanged();
    emit editChanged();
    setState(Idle);
}

void ScanSession::showPreview()
{
    m_preview = applyEdit(m_previewScan, PageEdit{m_edit.quarterTurns, QRectF(0, 0, 1, 1)});
    emit previewChanged();
}

void ScanSession::acquire(Use use)
{
    if (!desk() || m_state != Previewed)
        return;
    const ScanRequest r = request(PageDpi);
    setState(Scanning);
    const PageEdit edit = m_edit;
    m_desk->scan(r, [self = QPointer<ScanSession>(this), cancel = r.cancel, edit,
                     use](const ScanResult &result) {
        if (!self || cancel != self->m_cancel)
            return;
        if (result.image.isNull()) {
            self->setState(Failed, Problem(result.problem));
            return;
        }
        const QString path = self->m_desk->folder().newFile(
            use == ToPrint ? QStringLiteral("scan") : QStringLiteral("photo"),
            use == ToPrint ? QStringLiteral("pdf") : QStringLiteral("jpg"));
        auto outcome = std::make_shared<std::pair<QSize, QString>>();
        const QImage scanned = result.image;
        self->m_desk->process(
            [scanned, edit, use, path, outcome] {
                if (path.isEmpty()) {
                    outcome->second = QStringLiteral("no session folder");
                    return;
                }
                const QImage page = applyEdit(scanned, edit);
                outcome->first = page.size();
                if (use == ToPrint)
                    writePdfPage(page, path, &outcome->second);
                else
                    writeJpeg(page, path, &outcome->second);
            },
            [self, path, use, outcome] {
                if (!self)
                    return;
                if (!outcome->second.isEmpty()) {
                    qCWarning(lcScanSession) << "scan not saved:" << outcome->second;
                    self->setState(Failed, CannotSave);
                    return;
                }
                self->m_resultSize = outcome->first;
                self->setState(Previewed);
                emit self->resultReady(path, use);
            });
    });
}

void ScanSession::setState(State state, Problem problem)
{
    if (state == m_state && problem == m_problem)
        return;
    m_state = state;
    m_problem = problem;
    emit stateChanged();
}

} // namespace relais
