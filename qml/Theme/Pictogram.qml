// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// A pictogram from the kiosk's set, optionally on a white disc so it stays legible on
// coloured buttons.
Item {
    id: pictogram

    property string name: ""
    property int size: 64
    property bool whiteDisc: false

    implicitWidth: size
    implicitHeight: size
    visible: name !== ""

    Rectangle {
        anchors.fill: parent
        visible: pictogram.whiteDisc
        radius: width / 2
        color: Theme.surface
    }

    Image {
        anchors.centerIn: parent
        width: pictogram.whiteDisc ? parent.width * 0.72 : parent.width
        height: width
        sourceSize.width: width
        sourceSize.height: height
        source: pictogram.name === "" ? "" : "qrc:/Relais/Theme/pictograms/" + pictogram.name + ".svg"
        fillMode: Image.PreserveAspectFit
        smooth: true
    }
}
