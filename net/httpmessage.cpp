// SPDX-License-Identifier: EUPL-1.2
#include "httpmessage.h"

#include <QJsonObject>

namespace relais::net {

HttpResponse HttpResponse::json(int status, const QJsonDocument &document)
{
    return {status, "application/json", document.toJson(QJsonDocument::Compact), {}, false};
}

HttpResponse HttpResponse::error(int status, const QString &code, const QString &message)
{
    return json(status, QJsonDocument(QJsonObject{{QStringLiteral("error"), code},
                                                  {QStringLiteral("message"), message}}));
}

HttpResponse HttpResponse::text(int status, const QByteArray &contentType, const QByteArray &body)
{
    return {status, contentType, body, {}, false};
}

HttpResponse HttpResponse::later()
{
    HttpResponse response;
    response.deferred = true;
    return response;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

QByteArray HttpRequest::bearerToken(bool *presented) const
{
    const QByteArray value = header("authorization").trimmed();
    *presented = !value.isEmpty();
    if (!value.left(7).toLower().startsWith("bearer "))
        return {};
    return value.mid(7).trimmed();
}

} // namespace relais::net
