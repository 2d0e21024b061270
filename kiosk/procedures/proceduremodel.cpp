// SPDX-License-Identifier: EUPL-1.2
#include "proceduremodel.h"

#include "kiosk.h"
#include "procedurecatalog.h"

namespace relais {

namespace {

QVariantList linesIn(const QList<GuideLine> &lines, const QString &language)
{
    QVariantList result;
    for (const GuideLine &line : lines)
        result << QVariantMap{{QStringLiteral("pictogram"), line.pictogram},
                              {QStringLiteral("text"), line.text.in(language)}};
    return result;
}

} // namespace

ProcedureModel::ProcedureModel(QObject *parent)
    : QAbstractListModel(parent), m_kiosk(Kiosk::instance())
{
    Q_ASSERT(m_kiosk);
    connect(m_kiosk, &Kiosk::languageChanged, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1));
    });
}

int ProcedureModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ProcedureModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Procedure &procedure = *m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return procedure.id;
    case AgencyRole:
        return procedure.agency;
    case AgencyNameRole:
        return m_kiosk->agencyName(procedure.agency);
    case TitleRole:
    case Qt::DisplayRole:
        return procedure.title.in(language());
    case SummaryRole:
        return procedure.summary.in(language());
    case MinutesRole:
        return procedure.minutes;
    case PictogramRole:
        return procedure.pictogram;
    default:
        return {};
    }
}

QHash<int, QByteArray> ProcedureModel::roleNames() const
{
    return {{IdRole, "procedureId"},     {AgencyRole, "agency"},   {AgencyNameRole, "agencyName"},
            {TitleRole, "title"},        {SummaryRole, "summary"}, {MinutesRole, "minutes"},
            {PictogramRole, "pictogram"}};
}

void ProcedureModel::setAgency(const QString &agency)
{
    if (agency == m_agency)
        return;
    m_agency = agency;
    emit agencyChanged();
    refresh();
}

void ProcedureModel::setQuery(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    emit queryChanged();
    refresh();
}

QVariantMap ProcedureModel::details(const QString &id) const
{
    const Procedure *procedure = m_kiosk->procedures().find(id);
    if (!procedure)
        return {};
    const QString lang = language();
    return {{QStringLiteral("id"), procedure->id},
            {QStringLiteral("agency"), procedure->agency},
            {QStringLiteral("agencyName"), m_kiosk->agencyName(procedure->agency)},
            {QStringLiteral("pictogram"), procedure->pictogram},
            {QStringLiteral("title"), procedure->title.in(lang)},
            {QStringLiteral("summary"), procedure->summary.in(lang)},
            {QStringLiteral("minutes"), procedure->minutes},
            {QStringLiteral("startUrl"), procedure->startUrl},
            {QStringLiteral("domains"), procedure->domains},
            {QStringLiteral("before"), linesIn(procedure->before, lang)},
            {QStringLiteral("steps"), linesIn(procedure->steps, lang)}};
}

void ProcedureModel::refresh()
{
    beginResetModel();
    const ProcedureCatalog &catalog = m_kiosk->procedures();
    if (!m_query.trimmed().isEmpty())
        m_rows = catalog.search(m_query, m_kiosk->agencySearchNames());
    else
        m_rows = catalog.forAgency(m_agency);
    endResetModel();
    emit countChanged();
}

QString ProcedureModel::language() const
{
    return m_kiosk->language();
}

} // namespace relais
