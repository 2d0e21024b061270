// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "sessionfolder.h"

#include <QObject>
#include <QPointer>
#include <QQmlEngine>
#include <QStringList>
#include <QtWebEngineQuick/QQuickWebEngineProfile>
#include <QUrl>

#include <memory>

namespace relais {

class SessionController;

// The guided browser of one resident's session: the web profile (off the record, made when
// the session first needs it, destroyed with everything it holds when the session ends), the
// allowed domains of the procedure being guided, the step reached, the call for help, and
// the PDFs the resident downloaded (kept in a directory of the session's own, wiped with it).
class GuideSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(QQuickWebEngineProfile *profile READ profile NOTIFY profileChanged)
    Q_PROPERTY(QString procedureId READ procedureId NOTIFY procedureChanged)
    Q_PROPERTY(QString agency READ agency NOTIFY procedureChanged)
    Q_PROPERTY(QUrl startUrl READ startUrl NOTIFY procedureChanged)
    Q_PROPERTY(int step READ step NOTIFY stepChanged)
    Q_PROPERTY(int stepCount READ stepCount NOTIFY procedureChanged)
    Q_PROPERTY(bool helpRequested READ helpRequested NOTIFY helpRequestedChanged)
    Q_PROPERTY(QString refusedHost READ refusedHost NOTIFY refusalChanged)
    Q_PROPERTY(QString refusedDownload READ refusedDownload NOTIFY refusalChanged)
    Q_PROPERTY(QStringList downloads READ downloads NOTIFY downloadsChanged)
    Q_PROPERTY(QString downloadDirectory READ downloadDirectory NOTIFY profileChanged)
    Q_PROPERTY(bool preparesAhead READ preparesAhead CONSTANT)

public:
    GuideSession(SessionController *session, QObject *parent = nullptr);
    ~GuideSession() override;

    // One per QML engine, wiped with the kiosk's session (Kiosk must exist beforehand).
    static GuideSession *create(QQmlEngine *engine, QJSEngine *);

    QQuickWebEngineProfile *profile() const { return m_profile; }
    QString procedureId() const { return m_procedureId; }
    QString agency() const { return m_agency; }
    QUrl startUrl() const { return m_startUrl; }
    int step() const { return m_step; }
    int stepCount() const { return m_stepCount; }
    bool helpRequested() const { return m_helpRequested; }
    QString refusedHost() const { return m_refusedHost; }
    QString refusedDownload() const { return m_refusedDownload; }
    QStringList downloads() const { return m_downloads; }
    QString downloadDirectory() const;

    // Whether the online procedures make the session's profile, and so start the web engine,
    // before "Commencer" (GuideFlow.qml): set by the kiosk's main before its interface loads;
    // off by default, so that nothing starts Chromium behind screens that never show a page
    // (the screenshot tour, the start-up benchmark, the flow tests).
    static void setPreparesAhead(bool on);
    bool preparesAhead() const;

    // Makes the session's profile if need be, without guiding anything yet.
    Q_INVOKABLE void prepare();
    // Starts guiding a procedure of the catalog; makes the session's profile if need be.
    Q_INVOKABLE bool open(const QString &procedureId);
    Q_INVOKABLE void nextStep();
    Q_INVOKABLE void previousStep();
    // The resident asked for help: an anonymous journal event (the call to the mediator's desk
    // is HelpCall's).
    Q_INVOKABLE void askForHelp();
    Q_INVOKABLE void dismissRefusal();

    // The allow-list: https only, and only the procedure's domains and their subdomains.
    Q_INVOKABLE bool allows(const QUrl &url) const;
    // WebEngineView's requests, decided here so that the policy has one home:
    // a WebEngineNavigationRequest (accepted or rejected), a WebEngineNewWindowRequest
    // (returns the address to open in the same view, or nothing), a download (PDFs only).
    Q_INVOKABLE void decideNavigation(QObject *request);
    Q_INVOKABLE QUrl decideNewWindow(QObject *request);
    Q_INVOKABLE void decideDownload(QObject *download);

    // Forgets the resident: the browser first (QML lets go of its view on profileChanged),
    // then the profile with its cookies, storage and cache, then the downloaded files.
    void wipe();

signals:
    void profileChanged();
    void procedureChanged();
    void stepChanged();
    void helpRequestedChanged();
    void refusalChanged();
    void downloadsChanged();
    // A PDF the resident downloaded is complete at `path` (inside downloadDirectory).
    void pdfDownloaded(const QString &path);

private:
    void refuse(const QString &host);
    void finishDownload(QObject *download);

    QPointer<SessionController> m_session;
    QQuickWebEngineProfile *m_profile = nullptr;
    SessionFolder m_folder;      // the downloads, the same kind of folder as the scans
    QString m_downloadDirectory; // m_folder's path while the profile lives
    QString m_procedureId;
    QString m_agency;
    QUrl m_startUrl;
    QStringList m_domains;
    int m_step = 0;
    int m_stepCount = 0;
    bool m_helpRequested = false;
    QString m_refusedHost;
    QString m_refusedDownload;
    QStringList m_downloads;
};

} // namespace relais
