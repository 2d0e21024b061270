// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import Relais.Theme

// Tiles of equal size in as many columns as fit at the current text size, scrolling when
// they do not all fit (200 % text on a small screen), with a scroll bar wide enough to see.
Flickable {
    id: flick

    default property alias tiles: grid.data
    readonly property bool scrolls: contentHeight > height
    readonly property int columns: Math.max(1, Math.floor((width + grid.spacing) / (Theme.touchTarget * 5.5 * Math.min(Theme.textScale, 1.6) + grid.spacing)))
    readonly property real tileWidth: Math.floor((grid.width - (columns - 1) * grid.spacing) / columns)
    // Every tile as tall as the tallest, so rows line up whatever the text length.
    readonly property real tileHeight: {
        let tallest = 0;
        for (let i = 0; i < grid.children.length; ++i) {
            const child = grid.children[i] as Item;
            if (child.visible)
                tallest = Math.max(tallest, child.implicitHeight);
        }
        return tallest;
    }

    function layoutTiles() {
        for (let i = 0; i < grid.children.length; ++i) {
            const child = grid.children[i] as Item;
            child.width = tileWidth;
            child.height = tileHeight;
        }
    }

    clip: true
    contentWidth: width
    contentHeight: grid.height
    boundsBehavior: Flickable.StopAtBounds
    onTileWidthChanged: layoutTiles()
    onTileHeightChanged: layoutTiles()
    ScrollBar.vertical: ScrollBar {
        policy: flick.scrolls ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        implicitWidth: 24
    }

    Grid {
        id: grid

        width: flick.width - (flick.scrolls ? 40 : 0)
        columns: flick.columns
        spacing: Theme.targetGap
        onChildrenChanged: flick.layoutTiles()
    }
}
