// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QImage>
#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QSize>
#include <QTimer>
#include <QVariant>

namespace relais {

class PrintDesk;

// One PDF the resident may print: its pages for the preview (rendered off the interface's
// thread), the number of copies, and the job once sent, followed until it is done.
class PrintDocument : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(int pageCount READ pageCount NOTIFY statusChanged)
    Q_PROPERTY(int page READ page WRITE setPage NOTIFY pageChanged)
    // A QImage, as a variant for QML (which has no type for it).
    Q_PROPERTY(QVariant pageImage READ pageImageVariant NOTIFY pageImageChanged)
    Q_PROPERTY(QSizeF viewSize READ viewSize WRITE setViewSize NOTIFY viewSizeChanged)
    Q_PROPERTY(int copies READ copies WRITE setCopies NOTIFY copiesChanged)
    Q_PROPERTY(int maxCopies READ maxCopies CONSTANT)
    Q_PROPERTY(JobState jobState READ jobState NOTIFY jobStateChanged)

public:
    enum Status { NoDocument, Loading, Ready, Unreadable };
    Q_ENUM(Status)
    enum JobState { NotSent, Sending, Waiting, Printing, Done, Failed };
    Q_ENUM(JobState)

    explicit PrintDocument(QObject *parent = nullptr);
    ~PrintDocument() override;

    QString source() const { return m_source; }
    // A local path or a file: URL.
    void setSource(const QString &source);
    Status status() const { return m_status; }
    int pageCount() const { return m_pageCount; }
    int page() const { return m_page; }
    void setPage(int page);
    QImage pageImage() const { return m_pageImage; }
    QVariant pageImageVariant() const { return m_pageImage; }
    QSizeF viewSize() const { return m_viewSize; }
    void setViewSize(QSizeF size);
    int copies() const { return m_copies; }
    void setCopies(int copies);
    static int maxCopies() { return 20; }
    JobState jobState() const { return m_jobState; }
    int job() const { return m_job; }

    // Sends the document to the printer, `copies` times.
    Q_INVOKABLE void startPrinting();

signals:
    void sourceChanged();
    void statusChanged();
    void pageChanged();
    void pageImageChanged();
    void viewSizeChanged();
    void copiesChanged();
    void jobStateChanged();

private:
    void render();
    void setJobState(JobState state);
    void pollJob();
    void watchPrinter(bool watch);

    // The desk, found at first use (QML may make this before the desk singleton).
    PrintDesk *desk();

    QPointer<PrintDesk> m_desk;
    QString m_source;
    Status m_status = NoDocument;
    int m_pageCount = 0;
    int m_page = 0;
    QImage m_pageImage;
    QSizeF m_viewSize;
    int m_copies = 1;
    JobState m_jobState = NotSent;
    int m_job = 0;
    int m_renderRequest = 0;
    bool m_watching = false;
    QTimer m_jobPoll;
};

} // namespace relais
