// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "httpmessage.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QSslSocket;

namespace relais::net {

struct HttpLimits
{
    qint64 maxHeaderBytes = 16 * 1024;
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    // A request must arrive whole within this time from its first byte, and an idle
    // keep-alive connection is closed after it: a slow or silent client cannot hold a slot.
    int requestTimeoutMs = 30'000;
    // Back-pressure: with more than this unsent, no further request is read (pipelined ones
    // wait in the kernel's buffers), so a client that never reads cannot make the server
    // buffer without bound...
    qint64 maxUnsentBytes = 1024 * 1024;
    // ...and a client that reads nothing of what is pending for this long is dropped.
    int writeStallTimeoutMs = 30'000;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest &)>;

// One client connection, over TLS (HttpServer) or plain (PlainHttpServer): parses HTTP/1.1 requests
// (Content-Length bodies only), one at a time, hands each to the handler and writes its response.
// Anything it cannot parse gets a 4xx and the connection is closed, since the stream position is
// then unknown.
class HttpConnection : public QObject
{
    Q_OBJECT
public:
    HttpConnection(QSslSocket *socket, const HttpLimits &limits, const HttpHandler &handler,
                   QObject *parent = nullptr);

    // The server is stopping: an idle connection closes now; one in the middle of a request
    // (its head or body still arriving, or its answer being made) closes after that answer.
    // Requests pipelined behind it go unanswered, which a client takes as not done.
    void drain();

private:
    static constexpr int kLingerMs = 2000;
    // What Qt may read ahead from the kernel for this socket: beyond it, TCP itself holds the
    // client back while the connection is paused.
    static constexpr qint64 kReadBufferBytes = 256 * 1024;

    void onReadyRead();
    bool parseHead(); // false when the head is incomplete or refused
    void dispatch();
    void answer(quint64 serial, const HttpResponse &response);
    void send(const HttpResponse &response, bool close);
    void refuse(int status, const QString &code, const QString &message);
    void lingerThenClose();
    qint64 unsent() const;
    void onBytesWritten();
    bool paused() const { return m_awaiting || unsent() > m_limits.maxUnsentBytes; }

    QSslSocket *m_socket;
    HttpLimits m_limits;
    HttpHandler m_handler;
    QByteArray m_buffer;
    QTimer m_deadline;
    QTimer m_writeStall;
    HttpRequest m_request;
    qint64 m_bodyLength = -1; // -1 while the head is being read
    bool m_keepAlive = true;
    bool m_closing = false;
    bool m_awaiting = false; // a handler answers later
    bool m_head = false;     // the request being answered is a HEAD
    bool m_closeAfter = false;
    bool m_draining = false;
    quint64 m_serial = 0;
};

} // namespace relais::net
