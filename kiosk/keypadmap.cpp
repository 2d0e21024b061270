// SPDX-License-Identifier: EUPL-1.2
#include "keypadmap.h"

#include "jsonfields.h"

#include <QJsonArray>

#include <array>

namespace relais {

namespace {

constexpr std::array kActions = {
    KeypadAction::Up,   KeypadAction::Down,     KeypadAction::Activate,  KeypadAction::Back,
    KeypadAction::Help, KeypadAction::VolumeUp, KeypadAction::VolumeDown};

// The names an operator writes: what is printed on a numeric keypad's keys, and the names Qt
// gives the same keys with Num Lock off.
const QList<std::pair<QString, int>> &keyNames()
{
    static const QList<std::pair<QString, int>> names = [] {
        QList<std::pair<QString, int>> list;
        for (int digit = 0; digit <= 9; ++digit)
            list.append({QString::number(digit), Qt::Key_0 + digit});
        for (int f = 1; f <= 12; ++f)
            list.append({QStringLiteral("F%1").arg(f), Qt::Key_F1 + f - 1});
        list.append({
            {QStringLiteral("+"), Qt::Key_Plus},
            {QStringLiteral("-"), Qt::Key_Minus},
            {QStringLiteral("*"), Qt::Key_Asterisk},
            {QStringLiteral("/"), Qt::Key_Slash},
            {QStringLiteral("."), Qt::Key_Period},
            {QStringLiteral(","), Qt::Key_Comma},
            {QStringLiteral("Enter"), Qt::Key_Enter},
            {QStringLiteral("Return"), Qt::Key_Return},
            {QStringLiteral("Backspace"), Qt::Key_Backspace},
            {QStringLiteral("Delete"), Qt::Key_Delete},
            {QStringLiteral("Insert"), Qt::Key_Insert},
            {QStringLiteral("Clear"), Qt::Key_Clear},
            {QStringLiteral("Up"), Qt::Key_Up},
            {QStringLiteral("Down"), Qt::Key_Down},
            {QStringLiteral("Left"), Qt::Key_Left},
            {QStringLiteral("Right"), Qt::Key_Right},
            {QStringLiteral("Home"), Qt::Key_Home},
            {QStringLiteral("End"), Qt::Key_End},
            {QStringLiteral("PageUp"), Qt::Key_PageUp},
            {QStringLiteral("PageDown"), Qt::Key_PageDown},
            {QStringLiteral("Escape"), Qt::Key_Escape},
            {QStringLiteral("Space"), Qt::Key_Space},
            {QStringLiteral("Tab"), Qt::Key_Tab},
            {QStringLiteral("VolumeUp"), Qt::Key_VolumeUp},
            {QStringLiteral("VolumeDown"), Qt::Key_VolumeDown},
        });
        return list;
    }();
    return names;
}

} // namespace

KeypadMap::KeypadMap()
{
    m_keys = {
        {KeypadAction::Up, {Qt::Key_8, Qt::Key_Up}},
        {KeypadAction::Down, {Qt::Key_2, Qt::Key_Down}},
        {KeypadAction::Activate, {Qt::Key_5, Qt::Key_Clear, Qt::Key_Enter, Qt::Key_Return}},
        {KeypadAction::Back, {Qt::Key_0, Qt::Key_Insert, Qt::Key_Backspace}},
        {KeypadAction::Help, {Qt::Key_Asterisk}},
        {KeypadAction::VolumeUp, {Qt::Key_Plus}},
        {KeypadAction::VolumeDown, {Qt::Key_Minus}},
    };
}

KeypadMap KeypadMap::parse(const QJsonObject &section, const QString &path)
{
    using namespace json;
    QStringList allowed;
    for (const KeypadAction action : kActions)
        allowed << actionName(action);
    rejectUnknownKeys(section, allowed, path);
    KeypadMap map;
    for (const KeypadAction action : kActions) {
        const QString name = actionName(action);
        if (!section.contains(name))
            continue;
        const QString field = child(path, name);
        const QJsonArray names = array(section, name, path);
        require(!names.isEmpty(), field, QStringLiteral("must list at least one key"));
        QList<int> keys;
        for (qsizetype i = 0; i < names.size(); ++i) {
            const QString keyText = stringAt(names, i, field, 16);
            const std::optional<int> key = keyFromName(keyText);
            require(key.has_value(), element(field, i),
                    QStringLiteral("\"%1\" is not a key name (0 to 9, + - * / . ,, Enter, "
                                   "Return, Backspace, Delete, Insert, Clear, Up, Down, Left, "
                                   "Right, Home, End, PageUp, PageDown, Escape, Space, Tab, "
                                   "F1 to F12, VolumeUp, VolumeDown)")
                        .arg(keyText));
            require(!keys.contains(*key), element(field, i),
                    QStringLiteral("\"%1\" is listed twice").arg(keyText));
            keys << *key;
        }
        map.m_keys[action] = keys;
    }
    // Checked once the defaults are merged: a key the section gives to "help" may still be the
    // default of an action it leaves out.
    QHash<int, KeypadAction> owner;
    for (const KeypadAction action : kActions) {
        for (const int key : map.m_keys.value(action)) {
            if (owner.contains(key)) {
                const KeypadAction other = owner.value(key);
                const bool configured = section.contains(actionName(action));
                throw FieldError{child(path, actionName(configured ? action : other)),
                                 QStringLiteral("key \"%1\" is also the key of \"%2\"")
                                     .arg(keyName(key), actionName(configured ? other : action))};
            }
            owner.insert(key, action);
        }
    }
    return map;
}

std::optional<KeypadAction> KeypadMap::action(int key) const
{
    for (const KeypadAction action : kActions) {
        if (m_keys.value(action).contains(key))
            return action;
    }
    return std::nullopt;
}

QList<int> KeypadMap::keys(KeypadAction action) const
{
    return m_keys.value(action);
}

QString KeypadMap::actionName(KeypadAction action)
{
    switch (action) {
    case KeypadAction::Up:
        return QStringLiteral("up");
    case KeypadAction::Down:
        return QStringLiteral("down");
    case KeypadAction::Activate:
        return QStringLiteral("activate");
    case KeypadAction::Back:
        return QStringLiteral("back");
    case KeypadAction::Help:
        return QStringLiteral("help");
    case KeypadAction::VolumeUp:
        return QStringLiteral("volume_up");
    case KeypadAction::VolumeDown:
        return QStringLiteral("volume_down");
    }
    return {};
}

std::optional<int> KeypadMap::keyFromName(const QString &name)
{
    for (const auto &[text, key] : keyNames()) {
        if (text.compare(name, Qt::CaseInsensitive) == 0)
            return key;
    }
    return std::nullopt;
}

QString KeypadMap::keyName(int key)
{
    for (const auto &[text, known] : keyNames()) {
        if (known == key)
            return text;
    }
    return QString::number(key);
}

} // namespace relais
