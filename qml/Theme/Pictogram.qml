import QtQuick
import Relais.Theme

// A pictogram from the kiosk's set, optionally on a white disc so it stays legible on
// coloured buttons.
Item {
    id: pictogram

    property string name: ""
    property int size: 64
    property bool onDisc: false

    implicitWidth: size
    implicitHeight: size
    visible: name !== ""

    Rectangle {
        anchors.fill: parent
        visible: pictogram.onDisc
        radius: width / 2
        color: Theme.surface
    }

    Image {
        anchors.centerIn: parent
        width: pictogram.onDisc ? parent.width * 0.72 : parent.width
        height: width
        sourceSize.width: width
        sourceSize.height: height
        source: pictogram.name === "" ? "" : "qrc:/Relais/Theme/pictograms/" + pictogram.name + ".svg"
        fillMode: Image.PreserveAspectFit
        smooth: true
    }
}
