// SPDX-License-Identifier: EUPL-1.2
#include "guidesession.h"

#include "kiosk.h"
#include "procedures/procedurecatalog.h"
#include "sessioncontroller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QWebEngineDownloadRequest>
#include <QWebEngineNavigationRequest>
#include <QWebEngineNewWindowRequest>

Q_LOGGING_CATEGORY(lcGuide, "relais.guide")

namespace relais {

namespace {

// A file name that is safe on disk and still says what the document is.
QString safePdfName(const QString &suggested, const QDir &directory)
{
    QString base = QFileInfo(suggested).completeBaseName();
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
    base = base.left(80);
    if (base.isEmpty() || base.startsWith(QLatin1Char('.')))
        base = QStringLiteral("document");
    QString name = base + QStringLiteral(".pdf");
    for (int n = 2; directory.exists(name); ++n)
        name = QStringLiteral("%1-%2.pdf").arg(base).arg(n);
    return name;
}

bool startsLikePdf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.read(5) == "%PDF-";
}

} // namespace

GuideSession::GuideSession(SessionController *session, QObject *parent)
    : QObject(parent), m_session(session)
{
    if (session)
        session->addWipeStep(QStringLiteral("guided browser"),
                             [self = QPointer<GuideSession>(this)] {
                                 if (self)
                                     self->wipe();
                             });
}

GuideSession::~GuideSession()
{
    // The download folder removes itself (SessionFolder); the profile is a child.
}

GuideSession *GuideSession::create(QQmlEngine *engine, QJSEngine *)
{
    Kiosk *kiosk = Kiosk::instance();
    Q_ASSERT(kiosk);
    return new GuideSession(kiosk->session(), engine);
}

QString GuideSession::downloadDirectory() const
{
    return m_downloadDirectory;
}

namespace {
bool s_preparesAhead = false;
} // namespace

void GuideSession::setPreparesAhead(bool on)
{
    s_preparesAhead = on;
}

bool GuideSession::preparesAhead() const
{
    return s_preparesAhead;
}

void GuideSession::prepare()
{
    if (m_profile)
        return;
    // Made for this session only: without a storage name the profile is off the record,
    // so cookies, storage and cache stay in memory and die with it.
    m_profile = new QQuickWebEngineProfile(this);
    m_profile->setHttpCacheType(QQuickWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QQuickWebEngineProfile::NoPersistentCookies);
    m_profile->setHttpAcceptLanguage(QStringLiteral("fr-FR,fr;q=0.9"));
    m_downloadDirectory = m_folder.path();
    m_profile->setDownloadPath(m_downloadDirectory);
    m_profile->setSpellCheckEnabled(false);
    emit profileChanged();
}

bool GuideSession::open(const QString &procedureId)
{
    const Kiosk *kiosk = Kiosk::instance();
    const Procedure *procedure = kiosk ? kiosk->procedures().find(procedureId) : nullptr;
    if (!procedure)
        return false;
    m_procedureId = procedure->id;
    m_agency = procedure->agency;
    m_startUrl = procedure->startUrl;
    m_domains = procedure->domains;
    m_stepCount = static_cast<int>(procedure->steps.size());
    m_step = 0;
    m_helpRequested = false;
    m_refusedHost.clear();
    m_refusedDownload.clear();
    prepare();
    if (m_session)
        m_session->recordEvent(
            QStringLiteral("procedure_opened"),
            {{QStringLiteral("agency"), m_agency}, {QStringLiteral("procedure"), m_procedureId}});
    emit procedureChanged();
    emit stepChanged();
    emit helpRequestedChanged();
    emit refusalChanged();
    return true;
}

void GuideSession::nextStep()
{
    if (m_step + 1 >= m_stepCount)
        return;
    ++m_step;
    emit stepChanged();
}

void GuideSession::previousStep()
{
    if (m_step == 0)
        return;
    --m_step;
    emit stepChanged();
}

void GuideSession::askForHelp()
{
    if (m_helpRequested || m_procedureId.isEmpty())
        return;
    m_helpRequested = true;
    // Anonymous: which procedure and step, never what the resident typed or saw.
    if (m_session)
        m_session->recordEvent(QStringLiteral("guide_help_requested"),
                               {{QStringLiteral("agency"), m_agency},
                                {QStringLiteral("procedure"), m_procedureId},
                                {QStringLiteral("step"), m_step + 1}});
    emit helpRequestedChanged();
}

void GuideSession::dismissRefusal()
{
    m_refusedHost.clear();
    m_refusedDownload.clear();
    emit refusalChanged();
}

bool GuideSession::allows(const QUrl &url) const
{
    if (url.scheme() == QLatin1String("about"))
        return url.path() == QLatin1String("blank") || url.path() == QLatin1String("srcdoc");
    // A blob: address belongs to the page that made it ("blob:https://www.caf.fr/…").
    if (url.scheme() == QLatin1String("blob"))
        return allows(QUrl(url.path()));
    if (url.scheme() != QLatin1String("https"))
        return false;
    const QString host = url.host();
    return std::any_of(m_domains.cbegin(), m_domains.cend(),
                       [&](const QString &domain) { return hostInDomain(host, domain); });
}

void GuideSession::decideNavigation(QObject *object)
{
    auto *request = qobject_cast<QWebEngineNavigationRequest *>(object);
    if (!request)
        return;
    if (allows(request->url())) {
        request->accept();
        return;
    }
    request->reject();
    // A refused frame inside an allowed page (an advert, a tracker) is not the resident's doing.
    if (request->isMainFrame())
        refuse(request->url().host().isEmpty() ? request->url().scheme() : request->url().host());
}

QUrl GuideSession::decideNewWindow(QObject *object)
{
    auto *request = qobject_cast<QWebEngineNewWindowRequest *>(object);
    if (!request)
        return {};
    // No second window on a kiosk: an allowed address opens in the same view.
    if (allows(request->requestedUrl()))
        return request->requestedUrl();
    refuse(request->requestedUrl().host());
    return {};
}

void GuideSession::decideDownload(QObject *object)
{
    auto *download = qobject_cast<QWebEngineDownloadRequest *>(object);
    if (!download)
        return;
    const bool pdf =
        download->mimeType() == QLatin1String("application/pdf") ||
        download->suggestedFileName().endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
    if (!pdf || m_downloadDirectory.isEmpty()) {
        qCInfo(lcGuide) << "download refused:" << download->mimeType();
        download->cancel();
        m_refusedDownload = download->suggestedFileName();
        if (m_refusedDownload.isEmpty())
            m_refusedDownload = QStringLiteral("?");
        emit refusalChanged();
        return;
    }
    const QDir directory(m_downloadDirectory);
    download->setDownloadDirectory(directory.path());
    download->setDownloadFileName(safePdfName(download->suggestedFileName(), directory));
    connect(download, &QWebEngineDownloadRequest::isFinishedChanged, this,
            [this, download] { finishDownload(download); });
    download->accept();
}

void GuideSession::finishDownload(QObject *object)
{
    auto *download = qobject_cast<QWebEngineDownloadRequest *>(object);
    if (!download || !download->isFinished() || !m_profile)
        return;
    const QString path = QDir(download->downloadDirectory()).filePath(download->downloadFileName());
    if (download->state() != QWebEngineDownloadRequest::DownloadCompleted)
        return;
    // The server said PDF; the file must say so too before anything opens it.
    if (!startsLikePdf(path)) {
        QFile::remove(path);
        m_refusedDownload = download->downloadFileName();
        emit refusalChanged();
        return;
    }
    m_downloads << download->downloadFileName();
    emit downloadsChanged();
    emit pdfDownloaded(path);
}

void GuideSession::refuse(const QString &host)
{
    m_refusedHost = host.isEmpty() ? QStringLiteral("?") : host;
    emit refusalChanged();
}

void GuideSession::wipe()
{
    if (m_profile) {
        QQuickWebEngineProfile *profile = m_profile;
        m_profile = nullptr;
        // The view lets go of the profile now; both go once the event loop is back.
        emit profileChanged();
        profile->deleteLater();
    }
    m_folder.wipe();
    m_downloadDirectory.clear();
    m_procedureId.clear();
    m_agency.clear();
    m_startUrl.clear();
    m_domains.clear();
    m_step = 0;
    m_stepCount = 0;
    m_helpRequested = false;
    m_refusedHost.clear();
    m_refusedDownload.clear();
    m_downloads.clear();
    emit procedureChanged();
    emit stepChanged();
    emit helpRequestedChanged();
    emit refusalChanged();
    emit downloadsChanged();
}

} // namespace relais
