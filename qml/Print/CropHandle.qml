// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// A large round handle of the crop frame, centred on a corner; dragging it says where the
// finger is, in the coordinates of the handle's parent.
MouseArea {
    id: handle

    property point centre

    signal dragged(point point)

    x: centre.x - width / 2
    y: centre.y - height / 2
    width: Theme.touchTarget
    height: Theme.touchTarget
    preventStealing: true
    onPositionChanged: mouse => handle.dragged(mapToItem(parent, mouse.x, mouse.y))

    Rectangle {
        anchors.fill: parent
        radius: width / 2
        color: Theme.focus
        border.width: 4
        border.color: Theme.onPrimary
    }
}
