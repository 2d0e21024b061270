// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Field-by-field readers for the JSON files the kiosk loads (site configuration, agency
// catalog, later catalogs and survey definitions). Each reader either returns a value of the
// expected type or throws a FieldError naming the exact field path ("agencies[2].hours.mon")
// so that an operator can fix the file without guessing.
namespace relais::json {

struct FieldError
{
    QString field;   // dotted path, empty for the document itself
    QString problem; // English sentence fragment, e.g. "expected a string"
};

QString child(const QString &path, const QString &key);
QString element(const QString &path, qsizetype index);

// Reads and parses a whole file; refuses files over maxBytes and invalid JSON.
QJsonObject parseFile(const QString &fileName, qint64 maxBytes = 1024 * 1024);
QJsonObject parseObject(const QByteArray &bytes);

QJsonObject object(const QJsonObject &parent, const QString &key, const QString &path);
QJsonArray array(const QJsonObject &parent, const QString &key, const QString &path);
QString string(const QJsonObject &parent, const QString &key, const QString &path,
               qsizetype maxLength = 200);
std::optional<QString> optionalString(const QJsonObject &parent, const QString &key,
                                      const QString &path, qsizetype maxLength = 200);
int integer(const QJsonObject &parent, const QString &key, const QString &path, int min, int max,
            std::optional<int> fallback = std::nullopt);
std::optional<bool> optionalBool(const QJsonObject &parent, const QString &key,
                                 const QString &path);
std::optional<double> optionalNumber(const QJsonObject &parent, const QString &key,
                                     const QString &path, double min, double max);
QString stringAt(const QJsonArray &array, qsizetype index, const QString &path,
                 qsizetype maxLength = 200);
QJsonObject objectAt(const QJsonArray &array, qsizetype index, const QString &path);

// A misspelt key must not be silently ignored: it is almost always an operator's typo.
void rejectUnknownKeys(const QJsonObject &object, const QStringList &allowed, const QString &path);

// Throws a FieldError for `field` unless `condition` holds.
void require(bool condition, const QString &field, const QString &problem);

// Identifiers used in data files: lowercase ASCII letters, digits and '-', 1 to 64 characters.
bool isIdentifier(const QString &text);

} // namespace relais::json
