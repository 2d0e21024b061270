// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme
import Relais.Help

// The resident asked for a person: the mediator's desk is called at once, and the screen
// says where the call stands (or, when no desk has it, to wave to the mediator in the room).
KioskScreen {
    id: screen

    readonly property string stateText: HelpWords.state(HelpCall.state, HelpCall.mediatorName)

    spokenText: qsTr("Le médiateur va vous aider.") + " " + stateText

    Component.onCompleted: HelpCall.call("visit")

    PageColumn {
        anchors.fill: parent

        KioskButton {
            objectName: "backButton"
            text: qsTr("Retour")
            pictogram: "back"
            onClicked: Kiosk.session.back()
        }

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true

            Pictogram {
                name: "mediator"
                size: Math.round(Theme.displaySize * 2.5)
                Layout.alignment: Qt.AlignTop
            }

            ColumnLayout {
                spacing: 16
                Layout.fillWidth: true

                ScreenTitle {
                    text: qsTr("Le médiateur va vous aider.")
                    Layout.fillWidth: true
                }

                RowLayout {
                    spacing: Theme.margin
                    Layout.fillWidth: true

                    // Until the mediator is there: the call rings, then she is on her way.
                    WaitIndicator {
                        objectName: "mediatorWaitIndicator"
                        visible: HelpCall.state === HelpCall.Calling || HelpCall.state === HelpCall.Told || HelpCall.state === HelpCall.Coming
                        label: screen.stateText
                        Layout.alignment: Qt.AlignVCenter
                    }

                    Text {
                        objectName: "mediatorCallState"
                        text: screen.stateText
                        color: Theme.text
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        lineHeight: 1.3
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignVCenter
                    }
                }
            }
        }
    }
}
