// SPDX-License-Identifier: EUPL-1.2
#include "partnerapi.h"

#include "partnertables.h"

namespace relais::observatory {

namespace {

const QString kPrefix = QStringLiteral("/api/v1/");

// RFC 6750: a request without credentials gets the challenge alone; one with a token the
// server will not take gets invalid_token too. Either way the program learns no more than
// "not this token": unknown, revoked, expired and a disabled partner's look alike.
net::HttpResponse unauthorized(bool presented)
{
    net::HttpResponse response =
        presented ? net::HttpResponse::error(
                        401, QStringLiteral("invalid_token"),
                        QStringLiteral("this token is unknown, revoked or expired, or its partner "
                                       "is disabled; ask the observatory's operator for a new one"))
                  : net::HttpResponse::error(401, QStringLiteral("token_required"),
                                             QStringLiteral("send the partner's API token as "
                                                            "'Authorization: Bearer rlo_…'"));
    response.addHeader("WWW-Authenticate", presented
                                               ? QByteArray("Bearer realm=\"relais-observatory\", "
                                                            "error=\"invalid_token\"")
                                               : QByteArray("Bearer realm=\"relais-observatory\""));
    return response;
}

} // namespace

PartnerApi::PartnerApi(Store &store, const PartnerTables &tables, std::function<QDateTime()> clock)
    : m_tokens(store), m_tables(tables), m_clock(std::move(clock))
{}

std::optional<net::HttpResponse> PartnerApi::handle(const net::HttpRequest &request)
{
    if (!request.path.startsWith(QLatin1String("/api/")))
        return std::nullopt;
    bool presented = false;
    const QString token = QString::fromLatin1(request.bearerToken(&presented));
    const auto partner = m_tokens.partner(token, m_clock());
    if (!partner)
        return unauthorized(presented);
    if (request.method != "GET" && request.method != "HEAD") {
        net::HttpResponse refused = net::HttpResponse::error(
            405, QStringLiteral("method"), QStringLiteral("the partners' API is read-only: GET"));
        refused.addHeader("Allow", "GET, HEAD");
        return refused;
    }
    return route(request, *partner);
}

net::HttpResponse PartnerApi::route(const net::HttpRequest &request, const Partner &partner) const
{
    const QString &path = request.path;
    using Format = PartnerTables::Format;
    if (path == kPrefix + QLatin1String("tables"))
        return m_tables.answer(request, partner, {}, Format::Json);
    if (path == kPrefix + QLatin1String("tables.xlsx"))
        return m_tables.answer(request, partner, {}, Format::Xlsx);
    const QString table = path.mid(kPrefix.size() + 7); // after "tables/"
    if (path.startsWith(kPrefix + QLatin1String("tables/")) && !table.isEmpty() &&
        !table.contains(u'/')) {
        if (table.endsWith(QLatin1String(".csv")))
            return m_tables.answer(request, partner, table.chopped(4), Format::Csv);
        if (table.endsWith(QLatin1String(".xlsx")))
            return m_tables.answer(request, partner, table.chopped(5), Format::Xlsx);
        return m_tables.answer(request, partner, table, Format::Json);
    }
    return net::HttpResponse::error(404, QStringLiteral("not_found"),
                                    QStringLiteral("no such endpoint; see /api/v1/tables"));
}

} // namespace relais::observatory
