// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "kiosk.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QProcess>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>

#include <utility>

// Stands in for the agencies' websites on loopback: every host name is mapped to it by the
// test (Chromium's --host-resolver-rules), it serves HTTPS with a certificate made for the
// run, and it records which host asked for what, so that a test can prove that a refused
// address was never even requested. Pages that try to escape the allow-list live here.
class SitesServer : public QObject
{
    Q_OBJECT

public:
    bool start(QString *error)
    {
        const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
        const QString key = m_dir.filePath(QStringLiteral("key.pem"));
        const int rc = QProcess::execute(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
             QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
             QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=sites.test")});
        QFile certFile(cert), keyFile(key);
        if (rc != 0 || !certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("openssl could not make a certificate");
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(certFile.readAll()));
        tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec));
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(tls);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        if (!m_server.listen(QHostAddress::LocalHost)) {
            *error = m_server.errorString();
            return false;
        }
        return true;
    }

    quint16 port() const { return m_server.serverPort(); }

    // How many requests each "host path" received.
    Q_INVOKABLE int hits(const QString &hostAndPath) const { return m_hits.value(hostAndPath); }
    Q_INVOKABLE int hostHits(const QString &host) const
    {
        int total = 0;
        for (auto it = m_hits.cbegin(); it != m_hits.cend(); ++it)
            total += it.key().startsWith(host + QLatin1Char(' ')) ? it.value() : 0;
        return total;
    }

    // The test's own disk (HOME, XDG folders and TMPDIR point under it): files holding a
    // marker that only a page of the session ever wrote.
    Q_INVOKABLE QStringList filesContaining(const QString &marker) const
    {
        QStringList found;
        QDirIterator it(m_diskRoot, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (file.open(QIODevice::ReadOnly) && file.size() < 64 * 1024 * 1024 &&
                file.readAll().contains(marker.toUtf8()))
                found << path;
        }
        return found;
    }
    Q_INVOKABLE bool exists(const QString &path) const { return QFileInfo::exists(path); }
    Q_INVOKABLE QString fileText(const QString &path) const
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }
    // "/lent" is a page that answers only when the test lets it: a site slow to load, held
    // for as long as the test looks at the wait, with no timing in it.
    Q_INVOKABLE void holdSlowPage(bool hold)
    {
        m_holdingSlowPage = hold;
        if (hold)
            return;
        for (QTcpSocket *socket : std::exchange(m_heldSockets, {})) {
            socket->write(respond({}, "/lent"));
            socket->disconnectFromHost();
        }
    }
    Q_INVOKABLE int heldRequests() const { return int(m_heldSockets.size()); }

    // The idle timer's expiry at once (the countdown that follows is the real one).
    Q_INVOKABLE void elapseIdle() const { relais::Kiosk::instance()->session()->idleElapsed(); }
    Q_INVOKABLE QString screenshotPath(const QString &name) const
    {
        return QStringLiteral(SCREENSHOT_DIR "/") + name;
    }
    Q_INVOKABLE bool saveWindow(QQuickItem *item, const QString &path) const
    {
        QDir().mkpath(QFileInfo(path).path());
        return item && item->window() && item->window()->grabWindow().save(path);
    }

    QString m_diskRoot;

private:
    void serve(QTcpSocket *socket)
    {
        // The handlers live as long as this server, not as its sockets: a connection still
        // open when the server goes is closed after the members they use are gone.
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            QByteArray &buffer = m_buffers[socket];
            buffer += socket->readAll();
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            buffer.remove(0, end + 4);
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            QByteArray host;
            for (const QByteArray &line : lines) {
                if (line.toLower().startsWith("host:"))
                    host = line.mid(5).trimmed().split(':').value(0);
            }
            const QByteArray path = requestLine.value(1);
            ++m_hits[QString::fromUtf8(host + ' ' + path)];
            if (path == "/lent" && m_holdingSlowPage) {
                m_heldSockets << socket;
                return;
            }
            socket->write(respond(host, path));
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            m_heldSockets.removeAll(socket);
            socket->deleteLater();
        });
    }

    static QByteArray response(const QByteArray &status, const QByteArray &type,
                               const QByteArray &body, const QByteArray &extra = {})
    {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + type +
               "\r\nContent-Length: " + QByteArray::number(body.size()) +
               "\r\nConnection: close\r\n" + extra + "\r\n" + body;
    }

    static QByteArray page(const QByteArray &title, const QByteArray &body)
    {
        return response("200 OK", "text/html; charset=utf-8",
                        "<!doctype html><html><head><meta charset=utf-8><title>" + title +
                            "</title><style>body{font:28px sans-serif;margin:40px}"
                            "a{display:block;margin:16px 0}</style></head><body><h1>" +
                            title + "</h1>" + body + "</body></html>");
    }

    QByteArray respond(const QByteArray &host, const QByteArray &path) const
    {
        if (path == "/" || path.startsWith("/allocataires"))
            return page("Accueil CAF",
                        "<p>Page d'essai.</p>"
                        "<input id=field placeholder='Votre numéro'>"
                        "<a id=inside href='https://wwwd.caf.fr/compte'>Mon Compte</a>"
                        "<a id=outside href='https://www.evil.example/'>Ailleurs</a>"
                        "<a id=file href='file:///etc/passwd'>Fichier</a>"
                        "<a id=redirect href='/partir'>Redirection</a>"
                        "<a id=pdf href='/attestation.pdf'>Attestation</a>"
                        "<a id=zip href='/archive.zip'>Archive</a>"
                        "<a id=fakepdf href='/faux.pdf'>Faux PDF</a>"
                        "<a id=storage href='/stockage'>Stockage</a>");
        if (path == "/lent")
            return page("Page lente", "<p>Enfin chargée.</p>");
        if (path == "/compte")
            return page("Mon Compte", "<p>Connectez-vous.</p>");
        if (path == "/partir")
            return response("302 Found", "text/html", {},
                            "Location: https://www.evil.example/vol\r\n");
        if (path == "/attestation.pdf")
            return response("200 OK", "application/pdf", pdf(),
                            "Content-Disposition: attachment; filename=\"attestation "
                            "CAF.pdf\"\r\n");
        if (path == "/faux.pdf")
            return response("200 OK", "application/pdf", "MZ not a pdf at all",
                            "Content-Disposition: attachment; filename=\"faux.pdf\"\r\n");
        if (path == "/archive.zip")
            return response("200 OK", "application/zip", "PK\x03\x04 zip",
                            "Content-Disposition: attachment; filename=\"archive.zip\"\r\n");
        if (path == "/cache.js")
            return response("200 OK", "text/javascript", "window.cached = 'yes';",
                            "Cache-Control: public, max-age=3600\r\n");
        if (path.startsWith("/stockage"))
            return page("Stockage", "<script src='/cache.js'></script><p id=state>…</p>");
        if (host == "app.franceconnect.gouv.fr")
            return page("FranceConnect", "<p>Connexion.</p>");
        return page("Autre site", "<p>Vous ne devriez pas voir ceci.</p>");
    }

    static QByteArray pdf()
    {
        return "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
               "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
               "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
               "trailer<</Root 1 0 R>>\n%relais-pdf-marker\n%%EOF\n";
    }

    QSslServer m_server;
    QTemporaryDir m_dir;
    QHash<QString, int> m_hits;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    bool m_holdingSlowPage = false;
    QList<QTcpSocket *> m_heldSockets;
};
