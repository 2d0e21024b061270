// SPDX-License-Identifier: EUPL-1.2
#include "countgridmodel.h"

namespace relais {

CountGridModel::CountGridModel(WeeklyGrid *grid, QObject *parent)
    : QAbstractListModel(parent), m_grid(grid)
{}

int CountGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_grid->rows().size());
}

QVariant CountGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const GridRow &row = m_grid->rows().at(index.row());
    const auto asList = [](const std::array<int, 7> &days) {
        QVariantList list;
        for (const int n : days)
            list.append(n);
        return list;
    };
    switch (role) {
    case KindRole:
        return row.kind;
    case AgencyRole:
        return row.agency;
    case AutomaticRole:
        return asList(m_automatic.value(row.key()));
    case DeskRole:
        return asList(m_desk.value(row.key()));
    default:
        return {};
    }
}

QHash<int, QByteArray> CountGridModel::roleNames() const
{
    return {{KindRole, "kind"},
            {AgencyRole, "agency"},
            {AutomaticRole, "automatic"},
            {DeskRole, "desk"}};
}

void CountGridModel::load(IsoWeek week)
{
    beginResetModel();
    m_week = week;
    m_automatic = m_grid->automatic(week);
    m_desk = m_grid->desk(week);
    endResetModel();
}

void CountGridModel::refreshRow(int row)
{
    m_desk = m_grid->desk(m_week);
    emit dataChanged(index(row), index(row), {DeskRole});
}

void CountGridModel::showDesk(const WeekCounts &desk)
{
    m_desk = desk;
    if (rowCount() > 0)
        emit dataChanged(index(0), index(rowCount() - 1), {DeskRole});
}

int CountGridModel::automatic(int row, int day) const
{
    return m_automatic.value(m_grid->rows().value(row).key())[day - 1];
}

int CountGridModel::desk(int row, int day) const
{
    return m_desk.value(m_grid->rows().value(row).key())[day - 1];
}

} // namespace relais
