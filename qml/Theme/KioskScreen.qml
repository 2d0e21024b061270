// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// Base of every screen: its background, and the text "Écouter" reads aloud.
Rectangle {
    // Plain sentences, in reading order, as a person would read the screen aloud.
    property string spokenText: ""
    // Large text on a short screen (150 % or 200 % on 1280×800, where a screen is about 700
    // pixels high): what only helps the eye (a screen's question above its choices, a page's
    // picture) gives way to the choices, which are still whole on a page.
    readonly property bool compact: Theme.textScale >= 1.5 && height < 900

    color: Theme.background
}
