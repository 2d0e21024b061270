// SPDX-License-Identifier: EUPL-1.2
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace relais {

// What a key of the tactile keypad does in the non-visual mode (the EZ Access set: up, down,
// enter, back, help, and the speech's volume).
enum class KeypadAction { Up, Down, Activate, Back, Help, VolumeUp, VolumeDown };

// The keypad's keys, as the site configuration maps them ("keypad"). A standard USB numeric
// keypad works with the defaults whether Num Lock is on or off (8 or Up, 2 or Down…).
class KeypadMap
{
public:
    // The defaults for a standard numeric keypad.
    KeypadMap();

    // The section's actions replace the defaults of the actions it names. Throws
    // json::FieldError naming the field: an unknown action or key name, an action with no key,
    // a key given to two actions.
    static KeypadMap parse(const QJsonObject &section, const QString &path);

    // The action of a key (Qt::Key, modifiers ignored: a keypad's keys carry
    // Qt::KeypadModifier).
    std::optional<KeypadAction> action(int key) const;
    QList<int> keys(KeypadAction action) const;

    // The configuration's names: actions ("up", "volume_up"…) and keys ("8", "Enter", "+"…).
    static QString actionName(KeypadAction action);
    static std::optional<int> keyFromName(const QString &name);
    static QString keyName(int key);

private:
    QHash<KeypadAction, QList<int>> m_keys;
};

} // namespace relais
