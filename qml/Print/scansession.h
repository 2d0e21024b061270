// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "scanbackend.h"
#include "scanpage.h"

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QRectF>
#include <QVariant>

namespace relais {

class PrintDesk;

// Scanning one paper: the scanner chosen, a quick low-resolution preview, the resident's
// quarter turns and crop, then the real scan with the same edits, made into a PDF to print or
// a picture to send to the adviser, in the session's folder.
class ScanSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(int scanner READ scanner WRITE setScanner NOTIFY scannerChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(Problem problem READ problem NOTIFY stateChanged)
    // A QImage, as a variant for QML (which has no type for it).
    Q_PROPERTY(QVariant preview READ previewVariant NOTIFY previewChanged)
    Q_PROPERTY(int quarterTurns READ quarterTurns NOTIFY editChanged)
    Q_PROPERTY(QRectF crop READ crop WRITE setCrop NOTIFY editChanged)
    Q_PROPERTY(QSize resultSize READ resultSize NOTIFY resultReady)

public:
    enum State { Idle, Previewing, Previewed, Scanning, Failed };
    Q_ENUM(State)
    enum Problem {
        NoProblem = int(ScanProblem::None),
        NoScanner = int(ScanProblem::NoScanner),
        Busy = int(ScanProblem::Busy),
        NoPaper = int(ScanProblem::NoPaper),
        Jammed = int(ScanProblem::Jammed),
        CoverOpen = int(ScanProblem::CoverOpen),
        Cancelled = int(ScanProblem::Cancelled),
        ScanFailed = int(ScanProblem::Failed),
        CannotSave,
    };
    Q_ENUM(Problem)
    enum Use { ToPrint, ToSend };
    Q_ENUM(Use)

    static constexpr int PreviewDpi = 75;
    static constexpr int PageDpi = 200;

    explicit ScanSession(QObject *parent = nullptr);
    ~ScanSession() override;

    int scanner() const { return m_scanner; }
    void setScanner(int index);
    State state() const { return m_state; }
    Problem problem() const { return m_problem; }
    QImage preview() const { return m_preview; }
    QVariant previewVariant() const { return m_preview; }
    int quarterTurns() const { return m_edit.quarterTurns; }
    QRectF crop() const { return m_edit.crop; }
    void setCrop(const QRectF &crop);
    QSize resultSize() const { return m_resultSize; }

    Q_INVOKABLE void startPreview();
    Q_INVOKABLE void rotate();
    Q_INVOKABLE void resetCrop();
    // Back to the start: the preview and the edits are forgotten.
    Q_INVOKABLE void restart();
    // The real scan, edited as the preview was: a PDF (ToPrint) or a JPEG (ToSend).
    Q_INVOKABLE void acquire(Use use);

signals:
    void scannerChanged();
    void stateChanged();
    void previewChanged();
    void editChanged();
    // The finished file, in the session's folder.
    void resultReady(const QString &path, relais::ScanSession::Use use);

private:
    void setState(State state, Problem problem = NoProblem);
    void showPreview();
    ScanRequest request(int dpi);

    // The desk, found at first use (QML may make this before the desk singleton).
    PrintDesk *desk();

    QPointer<PrintDesk> m_desk;
    int m_scanner = 0;
    State m_state = Idle;
    Problem m_problem = NoProblem;
    QImage m_previewScan; // as scanned
    QImage m_preview;     // turned
    PageEdit m_edit;
    QSize m_resultSize;
    std::shared_ptr<std::atomic_bool> m_cancel;
};

} // namespace relais
