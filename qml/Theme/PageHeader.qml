// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// The top of a screen: "Retour", an optional pictogram, and the screen's title, which wraps
// beside them, or goes under "Retour" when there would be too little room beside it (large
// text on a narrow screen). Placed by bindings, not by a RowLayout: when the language and the
// text size change together, a RowLayout can keep the title where the smaller button ended,
// under the larger one. Anchor it at the top of the screen and the rest under it (anchors,
// unlike a layout, follow its height at once).
Item {
    id: header

    property string title: ""
    property string pictogram: ""
    // The back button's objectName, for tests and the screen tour.
    property string backName: "backButton"
    property alias titleColor: titleText.color

    signal backRequested

    readonly property real gap: Theme.margin
    // Where the title starts beside the button (and the pictogram).
    readonly property real besideX: back.width + gap + (icon.visible ? icon.width + gap : 0)
    // Under the button when the room beside it is less than 40 % of the width and the title
    // would not fit in it whole.
    readonly property bool stacked: width - besideX < Math.min(titleText.implicitWidth, width * 0.4)
    readonly property real rowHeight: Math.max(back.height, icon.visible ? icon.height : 0, titleText.height)

    implicitWidth: besideX + titleText.implicitWidth
    implicitHeight: stacked ? back.height + gap * 0.5 + titleText.height : rowHeight

    KioskButton {
        id: back

        objectName: header.backName
        x: 0
        y: header.stacked ? 0 : (header.rowHeight - height) / 2
        width: implicitWidth
        height: implicitHeight
        text: qsTr("Retour")
        pictogram: "back"
        onClicked: header.backRequested()
    }

    Pictogram {
        id: icon

        x: back.width + header.gap
        y: header.stacked ? (back.height - height) / 2 : (header.rowHeight - height) / 2
        name: header.pictogram
        size: Theme.touchTarget
    }

    // The title on one line at large text, when it holds there at three quarters of its size
    // (never smaller than at 100 %): two lines of title take a third of a short screen.
    TextMetrics {
        id: fullTitle

        font.family: Theme.fontFamily
        font.pixelSize: Theme.titleSize
        font.weight: Font.Bold
        text: header.title
    }

    ScreenTitle {
        id: titleText

        readonly property real room: header.width - header.besideX
        readonly property real smallest: Math.max(Theme.titleSize * 0.75, Theme.titleSize / Theme.textScale)

        objectName: "pageTitle"
        font.pixelSize: {
            const needed = fullTitle.advanceWidth + 2;
            if (needed <= room || needed * smallest / Theme.titleSize > room)
                return Theme.titleSize;
            return Math.floor(Theme.titleSize * room / needed);
        }
        x: header.stacked ? 0 : header.besideX
        y: header.stacked ? back.height + header.gap * 0.5 : (header.rowHeight - height) / 2
        width: header.width - x
        text: header.title
    }
}
