// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// Base of every screen: its background, and the text "Écouter" reads aloud.
Rectangle {
    // Plain sentences, in reading order, as a person would read the screen aloud.
    property string spokenText: ""

    color: Theme.background
}
