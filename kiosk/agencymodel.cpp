// SPDX-License-Identifier: EUPL-1.2
#include "agencymodel.h"

namespace relais {

AgencyModel::AgencyModel(const SiteConfig &config, const AgencyCatalog &catalog, QObject *parent)
    : QAbstractListModel(parent)
{
    for (const AgencyOffer &offer : config.agencies) {
        if (const AgencyInfo *info = catalog.find(offer.id))
            m_rows.append(*info);
    }
}

int AgencyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant AgencyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AgencyInfo &info = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return info.id;
    case Qt::DisplayRole:
    case NameRole:
        return info.nameIn(m_language);
    case DescriptionRole:
        return info.descriptionIn(m_language);
    case PictogramRole:
        return info.pictogram;
    default:
        return {};
    }
}

QHash<int, QByteArray> AgencyModel::roleNames() const
{
    return {{IdRole, "agencyId"},
            {NameRole, "name"},
            {DescriptionRole, "description"},
            {PictogramRole, "pictogram"}};
}

void AgencyModel::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(rowCount() - 1), {NameRole, DescriptionRole});
}

const AgencyInfo *AgencyModel::info(const QString &id) const
{
    for (const AgencyInfo &info : m_rows) {
        if (info.id == id)
            return &info;
    }
    return nullptr;
}

} // namespace relais
