// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <functional>

namespace relais::net {

struct HttpResponse;

struct HttpRequest
{
    QByteArray method;
    QString path; // percent-decoded, without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;
    QByteArray clientCertificateDer; // empty when the client presented none
    QHostAddress peer;
    // For a handler that returned HttpResponse::later(): answers the request, once, from the
    // connection's thread (post back to it from a worker first). Does nothing when the client
    // is gone.
    std::function<void(const HttpResponse &)> answer;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    // The token of "Authorization: Bearer <token>" (the scheme in any case, RFC 7235); empty
    // when the header is absent or malformed, `presented` telling the two apart.
    QByteArray bearerToken(bool *presented) const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool deferred = false; // see later()

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }

    static HttpResponse json(int status, const QJsonDocument &document);
    // {"error": code, "message": message}: `code` is for programs, `message` for the log.
    static HttpResponse error(int status, const QString &code, const QString &message);
    static HttpResponse text(int status, const QByteArray &contentType, const QByteArray &body);
    // The handler will answer through HttpRequest::answer; the connection reads no further
    // request until then.
    static HttpResponse later();
};

QByteArray reasonPhrase(int status);

} // namespace relais::net
