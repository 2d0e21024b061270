// SPDX-License-Identifier: EUPL-1.2
#include "printdocument.h"

#include "pdfpages.h"
#include "printdesk.h"
#include "sessionfolder.h"

namespace relais {

namespace {
constexpr int JobPollMs = 1000;
}

PrintDocument::PrintDocument(QObject *parent) : QObject(parent)
{
    m_jobPoll.setInterval(JobPollMs);
    connect(&m_jobPoll, &QTimer::timeout, this, &PrintDocument::pollJob);
}

PrintDesk *PrintDocument::desk()
{
    if (!m_desk) {
        m_desk = PrintDesk::forObject(this);
        // The session is over: its files are gone, and so is what this showed.
        if (m_desk)
            connect(m_desk, &PrintDesk::wiped, this, [this] { setSource({}); });
    }
    return m_desk;
}

PrintDocument::~PrintDocument()
{
    watchPrinter(false);
}

void PrintDocument::setSource(const QString &source)
{
    const QString local = localFilePath(source);
    if (local == m_source)
        return;
    m_source = local;
    m_page = 0;
    m_pageCount = 0;
    m_pageImage = QImage();
    m_jobPoll.stop();
    m_job = 0;
    m_status = m_source.isEmpty() ? NoDocument : Loading;
    emit sourceChanged();
    emit statusChanged();
    emit pageChanged();
    emit pageImageChanged();
    setJobState(NotSent);
    render();
}

void PrintDocument::setPage(int page)
{
    const int bounded = std::clamp(page, 0, std::max(0, m_pageCount - 1));
    if (bounded == m_page)
        return;
    m_page = bounded;
    emit pageChanged();
    render();
}

void PrintDocument::setViewSize(QSizeF size)
{
    if (size == m_viewSize)
        return;
    m_viewSize = size;
    emit viewSizeChanged();
    render();
}

void PrintDocument::setCopies(int copies)
{
    const int bounded = std::clamp(copies, 1, maxCopies());
    if (bounded == m_copies)
        return;
    m_copies = bounded;
    emit copiesChanged();
}

void PrintDocument::render()
{
    if (!desk() || m_source.isEmpty())
        return;
    const int request = ++m_renderRequest;
    const QString source = m_source;
    m_desk->renderPage(
        m_source, m_page, m_viewSize.toSize(),
        [self = QPointer<PrintDocument>(this), request, source](const RenderedPage &rendered) {
            // Only the latest request counts: pages turned quickly.
            if (!self || request != self->m_renderRequest || source != self->m_source)
                return;
            const Status status = rendered.readable ? Ready : Unreadable;
            if (status != self->m_status || rendered.pageCount != self->m_pageCount) {
                self->m_status = status;
                self->m_pageCount = rendered.pageCount;
                emit self->statusChanged();
            }
            if (!rendered.image.isNull() || !rendered.readable) {
                self->m_pageImage = rendered.image;
                emit self->pageImageChanged();
            }
        });
}

void PrintDocument::startPrinting()
{
    if (!desk() || m_status != Ready || m_jobState == Sending || m_jobState == Waiting ||
        m_jobState == Printing)
        return;
    setJobState(Sending);
    watchPrinter(true);
    const QString source = m_source;
    m_desk->submit(
        m_source, m_copies,
        [self = QPointer<PrintDocument>(this), source](const PrintBackend::Submission &submission) {
            if (!self || source != self->m_source)
                return;
            if (submission.job == 0) {
                self->m_desk->checkPrinter(); // why: the state says it
                self->setJobState(Failed);
                return;
            }
            self->m_job = submission.job;
            self->setJobState(Waiting);
            self->m_jobPoll.start();
            self->pollJob();
        });
}

void PrintDocument::pollJob()
{
    if (!m_desk || m_job == 0)
        return;
    const int job = m_job;
    m_desk->jobStatus(job, [self = QPointer<PrintDocument>(this), job](const JobStatus &status) {
        if (!self || job != self->m_job)
            return;
        switch (status.state) {
        case JobStatus::State::Pending:
        case JobStatus::State::Held:
        case JobStatus::State::Stopped:
            self->setJobState(Waiting);
            break;
        case JobStatus::State::Processing:
            self->setJobState(Printing);
            break;
        case JobStatus::State::Completed:
            self->setJobState(Done);
            break;
        case JobStatus::State::Canceled:
        case JobStatus::State::Aborted:
            self->setJobState(Failed);
            break;
        case JobStatus::State::Unknown:
            break; // asked again at the next poll
        }
        if (status.finished())
            self->m_jobPoll.stop();
    });
}

void PrintDocument::setJobState(JobState state)
{
    if (state == Done || state == Failed || state == NotSent)
        watchPrinter(state == Failed);
    if (state == m_jobState)
        return;
    m_jobState = state;
    emit jobStateChanged();
}

void PrintDocument::watchPrinter(bool watch)
{
    if (watch == m_watching || !m_desk)
        return;
    m_watching = watch;
    if (watch)
        m_desk->watchPrinter();
    else
        m_desk->unwatchPrinter();
}

} // namespace relais
