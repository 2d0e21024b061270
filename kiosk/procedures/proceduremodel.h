// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QAbstractListModel>
#include <QQmlEngine>

namespace relais {

class Kiosk;
struct Procedure;

// The procedures a screen lists, in the session's language: those of one agency (`agency`)
// or those matching a resident's words (`query`, when not empty).
class ProcedureModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString agency READ agency WRITE setAgency NOTIFY agencyChanged)
    Q_PROPERTY(QString query READ query WRITE setQuery NOTIFY queryChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        AgencyRole,
        AgencyNameRole,
        TitleRole,
        SummaryRole,
        MinutesRole,
        PictogramRole
    };

    explicit ProcedureModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString agency() const { return m_agency; }
    void setAgency(const QString &agency);
    QString query() const { return m_query; }
    void setQuery(const QString &query);
    int count() const { return static_cast<int>(m_rows.size()); }

    // Everything the guide shows of one procedure, in the session's language: title,
    // summary, minutes, agency and agencyName, startUrl, domains, before and steps (lists of
    // {pictogram, text}). Empty for an unknown id.
    Q_INVOKABLE QVariantMap details(const QString &id) const;

signals:
    void agencyChanged();
    void queryChanged();
    void countChanged();

private:
    void refresh();
    QString language() const;

    Kiosk *m_kiosk;
    QString m_agency;
    QString m_query;
    QList<const Procedure *> m_rows;
};

} // namespace relais
