// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Theme
import Relais.Guide
import Relais.Help

// The guide's side: the procedure, its steps with the current one highlighted, the buttons
// to move on or ask for help, and the documents received.
Rectangle {
    id: panel

    required property var procedure
    readonly property var steps: procedure.steps ?? []
    readonly property bool lastStep: GuideSession.step + 1 >= steps.length

    signal backRequested

    color: Theme.background
    border.color: Theme.border
    border.width: 2

    Flickable {
        id: scroller

        anchors.fill: parent
        anchors.margins: Math.round(Theme.margin * 0.6)
        clip: true
        contentWidth: width
        contentHeight: column.implicitHeight
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar {
            policy: scroller.contentHeight > scroller.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            implicitWidth: 20
        }

        ColumnLayout {
            id: column

            width: scroller.width - (scroller.contentHeight > scroller.height ? 28 : 0)
            spacing: Math.round(Theme.margin * 0.5)

            KioskButton {
                objectName: "backButton"
                text: qsTr("Retour")
                pictogram: "back"
                onClicked: panel.backRequested()
            }

            Text {
                text: panel.procedure.title ?? ""
                color: Theme.primary
                font.family: Theme.fontFamily
                font.pixelSize: Math.round(Theme.titleSize * 0.75)
                font.weight: Font.Bold
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }

            Text {
                objectName: "stepCounter"
                text: qsTr("Étape %1 sur %2").arg(GuideSession.step + 1).arg(panel.steps.length)
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                font.weight: Font.DemiBold
                Layout.fillWidth: true
            }

            Repeater {
                model: panel.steps

                Rectangle {
                    id: stepBox

                    required property var modelData
                    required property int index
                    readonly property bool current: index === GuideSession.step

                    objectName: current ? "currentStep" : "step-" + index
                    radius: Theme.radius
                    color: current ? Theme.primarySoft : Theme.surface
                    border.width: current ? 5 : 1
                    border.color: current ? Theme.primary : Theme.border
                    implicitHeight: line.implicitHeight + 24
                    Layout.fillWidth: true

                    GuideLineRow {
                        id: line

                        x: 12
                        y: 12
                        width: parent.width - 24
                        pictogram: stepBox.modelData.pictogram
                        text: (stepBox.index + 1) + ". " + stepBox.modelData.text
                        strong: stepBox.current
                        opacity: stepBox.current || stepBox.index > GuideSession.step ? 1 : 0.75
                    }
                }
            }

            KioskButton {
                objectName: "nextStepButton"
                visible: !panel.lastStep
                text: qsTr("Étape suivante")
                pictogram: "next"
                kind: KioskButton.Primary
                Layout.fillWidth: true
                onClicked: GuideSession.nextStep()
            }

            KioskButton {
                objectName: "previousStepButton"
                visible: GuideSession.step > 0
                text: qsTr("Étape précédente")
                pictogram: "back"
                Layout.fillWidth: true
                onClicked: GuideSession.previousStep()
            }

            KioskButton {
                objectName: "helpButton"
                visible: HelpCall.state === HelpCall.Idle
                text: qsTr("J'ai besoin d'aide")
                pictogram: "help"
                Layout.fillWidth: true
                onClicked: {
                    GuideSession.askForHelp();
                    HelpCall.call("guide", GuideSession.agency, GuideSession.procedureId, panel.procedure.title ?? "", GuideSession.step + 1);
                }
            }

            Notice {
                objectName: "helpComing"
                visible: HelpCall.state !== HelpCall.Idle
                pictogram: "mediator"
                text: HelpWords.state(HelpCall.state, HelpCall.mediatorName)
            }

            Repeater {
                model: GuideSession.downloads

                Notice {
                    required property string modelData

                    objectName: "documentReceived"
                    pictogram: "document"
                    text: qsTr("Document reçu : %1").arg(modelData)
                }
            }
        }
    }

    component Notice: Rectangle {
        property alias text: label.text
        property alias pictogram: label.pictogram

        radius: Theme.radius
        color: Theme.notice
        implicitHeight: label.implicitHeight + 24
        Layout.fillWidth: true

        GuideLineRow {
            id: label

            x: 12
            y: 12
            width: parent.width - 24
            strong: true
        }
    }
}
