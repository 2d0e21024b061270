// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include "siteconfig.h"

#include <QAbstractListModel>
#include <QQmlEngine>

namespace relais {

// The agencies this site offers, in the site's order, in the session's language.
class AgencyModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Use Kiosk.agencies")

public:
    enum Role { IdRole = Qt::UserRole + 1, NameRole, DescriptionRole, PictogramRole };

    AgencyModel(const SiteConfig &config, const AgencyCatalog &catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setLanguage(const QString &language);
    const AgencyInfo *info(const QString &id) const;

private:
    QList<AgencyInfo> m_rows;
    QString m_language = QStringLiteral("fr");
};

} // namespace relais
