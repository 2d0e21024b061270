// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "dashboard/partners.h"
#include "observatoryprocess.h"

namespace relais::observatory::test {

// A partner of the dashboard, put in the store as `add-partner` does, logged in over HTTPS
// through the login page's endpoint, reading the dashboard's API with its session cookie.
class PartnerSession
{
public:
    PartnerSession(ObservatoryProcess &server, const Partner &partner)
        : m_client(server.client()), m_host("localhost:" + QByteArray::number(server.port()))
    {
        {
            auto store = Store::open(server.database());
            Partners(*store).put(partner, "relais-test-password");
        }
        const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("login"), partner.login},
                                                          {QStringLiteral("password"),
                                                           QStringLiteral("relais-test-password")}})
                                    .toJson(QJsonDocument::Compact);
        const Reply login = m_client.raw("POST /dashboard/api/login HTTP/1.1\r\nHost: " + m_host +
                                         "\r\nOrigin: https://" + m_host +
                                         "\r\nContent-Type: application/json\r\nContent-Length: " +
                                         QByteArray::number(body.size()) + "\r\n\r\n" + body);
        if (login.status == 200)
            m_cookie = login.cookie;
    }

    bool loggedIn() const { return !m_cookie.isEmpty(); }

    Reply get(const QString &path) { return m_client.get(path, "Cookie: " + m_cookie + "\r\n"); }

private:
    HttpsClient m_client;
    QByteArray m_host; // as a browser sends it, with the port: the origin the login checks
    QByteArray m_cookie;
};

} // namespace relais::observatory::test
