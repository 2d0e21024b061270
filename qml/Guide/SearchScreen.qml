// SPDX-License-Identifier: EUPL-1.2
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// "Chercher une démarche": the resident's own words, with a few examples to touch.
KioskScreen {
    id: screen

    // The words typed, kept by the flow so that coming back from a procedure shows them.
    property string initialQuery: ""

    signal chosen(string id)
    signal backRequested
    signal queryEdited(string text)

    Component.onCompleted: field.text = initialQuery

    spokenText: qsTr("Chercher une démarche.") + " " + qsTr("Écrivez un mot, ou touchez un exemple.") + " " + (results.query === "" ? "" : results.count === 0 ? noResult.text : qsTr("%n démarches trouvées.", "", results.count))

    ProcedureModel {
        id: results

        query: field.text
    }

    // One column that scrolls as a whole: at 200 % text on a small screen the examples and
    // the results do not fit under the field.
    PageColumn {
        anchors.fill: parent
        spacing: Theme.targetGap

        PageHeader {
            titleColor: Theme.primary
            title: qsTr("Chercher une démarche")
            pictogram: "search"
            Layout.fillWidth: true
            onBackRequested: screen.backRequested()
        }

        TextField {
            id: field

            objectName: "searchField"
            placeholderText: qsTr("Écrivez un mot, ou touchez un exemple.")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.buttonSize
            color: Theme.text
            placeholderTextColor: Theme.textMuted
            inputMethodHints: Qt.ImhNoPredictiveText
            onTextChanged: screen.queryEdited(text)
            leftPadding: 20
            rightPadding: 20
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget * 1.2
            Accessible.name: qsTr("Chercher une démarche")
            background: Rectangle {
                radius: Theme.radius
                color: Theme.surface
                border.width: field.activeFocus ? 5 : 3
                border.color: field.activeFocus ? Theme.focus : Theme.primary
            }
        }

        Flow {
            spacing: Theme.targetGap
            Layout.fillWidth: true

            Repeater {
                model: [qsTr("carte vitale"), qsTr("retraite"), qsTr("impôts"), qsTr("CAF"), qsTr("carte d'identité")]

                KioskButton {
                    required property string modelData

                    objectName: "example-" + modelData
                    text: modelData
                    selected: field.text === modelData
                    onClicked: {
                        field.text = modelData;
                        // The keyboard closes: the results are what to look at now.
                        screen.forceActiveFocus();
                    }
                }
            }
        }

        Text {
            id: noResult

            objectName: "noResult"
            visible: results.query.trim() !== "" && results.count === 0
            text: qsTr("Aucune démarche ne correspond. Essayez un autre mot, ou demandez au médiateur.")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }

        Flow {
            id: resultTiles

            readonly property int columns: Math.max(1, Math.floor((width + spacing) / (Theme.touchTarget * 5.5 * Math.min(Theme.textScale, 1.6) + spacing)))

            spacing: Theme.targetGap
            Layout.fillWidth: true

            Repeater {
                model: results

                Tile {
                    width: Math.floor((resultTiles.width - (resultTiles.columns - 1) * resultTiles.spacing) / resultTiles.columns)
                    required property string procedureId
                    required property string title
                    required property string agencyName
                    required property int minutes
                    required pictogram

                    objectName: "result-" + procedureId
                    text: title
                    description: agencyName + " · " + qsTr("Environ %n minutes.", "", minutes)
                    onClicked: screen.chosen(procedureId)
                }
            }
        }
    }
}
