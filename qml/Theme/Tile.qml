import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme

// A large choice on a menu screen: a pictogram, a short name and one plain sentence.
AbstractButton {
    id: tile

    property string pictogram: ""
    property string description: ""
    // A short remark shown as a label, e.g. that the service is not offered yet.
    property string note: ""

    implicitWidth: 420
    implicitHeight: Math.max(Theme.touchTarget * 2, implicitContentHeight + topPadding + bottomPadding)
    padding: 22
    focusPolicy: Qt.StrongFocus
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: description

    contentItem: RowLayout {
        spacing: 22

        Pictogram {
            name: tile.pictogram
            size: Math.round(Theme.touchTarget * 1.4)
            Layout.alignment: Qt.AlignVCenter
        }

        ColumnLayout {
            spacing: 6
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter

            Text {
                text: tile.text
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Math.round(Theme.buttonSize * 1.1)
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                text: tile.description
                visible: text !== ""
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Label {
                text: tile.note
                visible: text !== ""
                color: Theme.onNotice
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                font.weight: Font.DemiBold
                wrapMode: Text.WordWrap
                padding: 6
                leftPadding: 12
                rightPadding: 12
                Layout.maximumWidth: parent.width
                background: Rectangle {
                    color: Theme.notice
                    radius: 8
                }
            }
        }
    }

    background: Rectangle {
        radius: Theme.radius
        color: tile.down ? Theme.primarySoft : Theme.surface
        border.width: tile.visualFocus ? 5 : 2
        border.color: tile.visualFocus ? Theme.focus : Theme.border
    }
}
