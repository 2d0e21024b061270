// SPDX-License-Identifier: EUPL-1.2
#include "jsonfields.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace relais::json {

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

[[noreturn]] void fail(const QString &path, const QString &problem)
{
    throw FieldError{path, problem};
}

QJsonValue required(const QJsonObject &parent, const QString &key, const QString &path)
{
    const auto it = parent.constFind(key);
    if (it == parent.constEnd())
        fail(child(path, key), QStringLiteral("is missing"));
    return *it;
}

QString checkedString(const QJsonValue &value, const QString &path, qsizetype maxLength)
{
    if (!value.isString())
        fail(path, QStringLiteral("expected a string, found %1").arg(typeName(value)));
    const QString text = value.toString();
    if (text.trimmed().isEmpty())
        fail(path, QStringLiteral("must not be empty"));
    if (text.size() > maxLength)
        fail(path, QStringLiteral("is longer than %1 characters").arg(maxLength));
    return text;
}

} // namespace

QString child(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString element(const QString &path, qsizetype index)
{
    return path + QLatin1Char('[') + QString::number(index) + QLatin1Char(']');
}

QJsonObject parseObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        fail(QString(), QStringLiteral("is not valid JSON (%1 at byte %2)")
                            .arg(error.errorString())
                            .arg(error.offset));
    if (!doc.isObject())
        fail(QString(), QStringLiteral("must be a JSON object at the top level"));
    return doc.object();
}

QJsonObject parseFile(const QString &fileName, qint64 maxBytes)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        fail(QString(), QStringLiteral("cannot be read (%1)").arg(file.errorString()));
    if (file.size() > maxBytes)
        fail(QString(), QStringLiteral("is larger than %1 bytes").arg(maxBytes));
    return parseObject(file.read(maxBytes + 1));
}

QJsonObject object(const QJsonObject &parent, const QString &key, const QString &path)
{
    const QJsonValue value = required(parent, key, path);
    if (!value.isObject())
        fail(child(path, key), QStringLiteral("expected an object, found %1").arg(typeName(value)));
    return value.toObject();
}

QJsonArray array(const QJsonObject &parent, const QString &key, const QString &path)
{
    const QJsonValue value = required(parent, key, path);
    if (!value.isArray())
        fail(child(path, key), QStringLiteral("expected an array, found %1").arg(typeName(value)));
    return value.toArray();
}

QString string(const QJsonObject &parent, const QString &key, const QString &path,
               qsizetype maxLength)
{
    return checkedString(required(parent, key, path), child(path, key), maxLength);
}

std::optional<QString> optionalString(const QJsonObject &parent, const QString &key,
                                      const QString &path, qsizetype maxLength)
{
    if (!parent.contains(key))
        return std::nullopt;
    return checkedString(parent.value(key), child(path, key), maxLength);
}

std::optional<bool> optionalBool(const QJsonObject &parent, const QString &key, const QString &path)
{
    if (!parent.contains(key))
        return std::nullopt;
    if (!parent.value(key).isBool())
        fail(child(path, key), QStringLiteral("expected true or false"));
    return parent.value(key).toBool();
}

int integer(const QJsonObject &parent, const QString &key, const QString &path, int min, int max,
            std::optional<int> fallback)
{
    if (!parent.contains(key)) {
        if (fallback)
            return *fallback;
        fail(child(path, key), QStringLiteral("is missing"));
    }
    const QJsonValue value = parent.value(key);
    const double number = value.toDouble();
    if (!value.isDouble() || number != static_cast<double>(static_cast<long long>(number)))
        fail(child(path, key),
             QStringLiteral("expected a whole number, found %1")
                 .arg(value.isDouble() ? QString::number(number) : typeName(value)));
    if (number < min || number > max)
        fail(child(path, key),
             QStringLiteral("must be between %1 and %2, found %3").arg(min).arg(max).arg(number));
    return static_cast<int>(number);
}

std::optional<double> optionalNumber(const QJsonObject &parent, const QString &key,
                                     const QString &path, double min, double max)
{
    if (!parent.contains(key) || parent.value(key).isNull())
        return std::nullopt;
    const QJsonValue value = parent.value(key);
    if (!value.isDouble())
        fail(child(path, key), QStringLiteral("expected a number, found %1").arg(typeName(value)));
    const double number = value.toDouble();
    if (number < min || number > max)
        fail(child(path, key),
             QStringLiteral("must be between %1 and %2, found %3").arg(min).arg(max).arg(number));
    return number;
}

QString stringAt(const QJsonArray &array, qsizetype index, const QString &path, qsizetype maxLength)
{
    return checkedString(array.at(index), element(path, index), maxLength);
}

QJsonObject objectAt(const QJsonArray &array, qsizetype index, const QString &path)
{
    const QJsonValue value = array.at(index);
    if (!value.isObject())
        fail(element(path, index),
             QStringLiteral("expected an object, found %1").arg(typeName(value)));
    return value.toObject();
}

void rejectUnknownKeys(const QJsonObject &object, const QStringList &allowed, const QString &path)
{
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            fail(child(path, it.key()), QStringLiteral("is not a known field (expected one of: %1)")
                                            .arg(allowed.join(QStringLiteral(", "))));
    }
}

void require(bool condition, const QString &field, const QString &problem)
{
    if (!condition)
        fail(field, problem);
}

bool isIdentifier(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]{0,63}$"));
    return pattern.match(text).hasMatch();
}

} // namespace relais::json
