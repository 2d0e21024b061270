// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// The part of a scan to keep, over the picture: the rest is dimmed, and two large round
// handles (top-left and bottom-right corners) move the frame's corners. `crop` is in fractions
// of the picture.
Item {
    id: frame

    property rect crop: Qt.rect(0, 0, 1, 1)
    // Where the picture is drawn inside this item.
    property rect area: Qt.rect(0, 0, width, height)

    signal moved(rect crop)

    readonly property real edgeLeft: frame.area.x + frame.crop.x * frame.area.width
    readonly property real edgeTop: frame.area.y + frame.crop.y * frame.area.height
    readonly property real edgeRight: frame.area.x + (frame.crop.x + frame.crop.width) * frame.area.width
    readonly property real edgeBottom: frame.area.y + (frame.crop.y + frame.crop.height) * frame.area.height

    function fraction(value: real, origin: real, extent: real): real {
        return Math.max(0, Math.min(1, (value - origin) / extent));
    }

    // The dimmed parts outside the frame.
    Rectangle {
        x: frame.area.x
        y: frame.area.y
        width: frame.area.width
        height: frame.edgeTop - frame.area.y
        color: "#99000000"
    }
    Rectangle {
        x: frame.area.x
        y: frame.edgeBottom
        width: frame.area.width
        height: frame.area.y + frame.area.height - frame.edgeBottom
        color: "#99000000"
    }
    Rectangle {
        x: frame.area.x
        y: frame.edgeTop
        width: frame.edgeLeft - frame.area.x
        height: frame.edgeBottom - frame.edgeTop
        color: "#99000000"
    }
    Rectangle {
        x: frame.edgeRight
        y: frame.edgeTop
        width: frame.area.x + frame.area.width - frame.edgeRight
        height: frame.edgeBottom - frame.edgeTop
        color: "#99000000"
    }

    Rectangle {
        x: frame.edgeLeft
        y: frame.edgeTop
        width: frame.edgeRight - frame.edgeLeft
        height: frame.edgeBottom - frame.edgeTop
        color: "transparent"
        border.width: 4
        border.color: Theme.focus
    }

    CropHandle {
        objectName: "cropHandle-topLeft"
        centre: Qt.point(frame.edgeLeft, frame.edgeTop)
        Accessible.name: qsTr("Coin en haut à gauche du cadre")
        onDragged: point => {
            const c = frame.crop;
            // The corner stays a tenth of the picture away from the other one.
            const x = Math.min(frame.fraction(point.x, frame.area.x, frame.area.width), c.x + c.width - 0.1);
            const y = Math.min(frame.fraction(point.y, frame.area.y, frame.area.height), c.y + c.height - 0.1);
            frame.moved(Qt.rect(x, y, c.x + c.width - x, c.y + c.height - y));
        }
    }

    CropHandle {
        objectName: "cropHandle-bottomRight"
        centre: Qt.point(frame.edgeRight, frame.edgeBottom)
        Accessible.name: qsTr("Coin en bas à droite du cadre")
        onDragged: point => {
            const c = frame.crop;
            const x = frame.fraction(point.x, frame.area.x, frame.area.width);
            const y = frame.fraction(point.y, frame.area.y, frame.area.height);
            frame.moved(Qt.rect(c.x, c.y, Math.max(x - c.x, 0.1), Math.max(y - c.y, 0.1)));
        }
    }
}
