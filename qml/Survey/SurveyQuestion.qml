// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The answers of the current question, laid out for its kind.
ColumnLayout {
    id: question

    readonly property SurveyController survey: Kiosk.survey
    readonly property bool faces: survey.kind === "satisfaction"
    readonly property bool confirmable: survey.kind === "multiple_choice" || survey.kind === "free_text"
    readonly property bool choices: survey.kind === "single_choice" || survey.kind === "multiple_choice" || survey.kind === "age_bracket"
    // The answers are the screen's main choice: they take the height it has.
    readonly property bool grows: faces || choices || survey.kind === "yes_no"

    function numbers(): list<int> {
        let values = [];
        for (let n = 0; n <= 10; ++n)
            values.push(n);
        return values;
    }

    spacing: Theme.margin * 0.75

    // The four faces with their words, best first, across the screen and as tall as it allows.
    GridLayout {
        visible: question.faces
        columns: question.width > 4 * 240 ? 4 : 2
        columnSpacing: Theme.targetGap
        rowSpacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true

        Repeater {
            model: question.faces ? question.survey.options : []

            AnswerButton {
                required property var modelData

                objectName: "answer-" + modelData.id
                text: modelData.label
                pictogram: "face-" + modelData.id
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: 1
                onClicked: Kiosk.survey.answer(modelData.value)
            }
        }
    }

    RowLayout {
        visible: question.survey.kind === "yes_no"
        spacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true

        Repeater {
            model: question.survey.kind === "yes_no" ? question.survey.options : []

            AnswerButton {
                required property var modelData

                objectName: "answer-" + modelData.value
                text: modelData.label
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumHeight: Math.max(Theme.touchTarget * 4, implicitHeight)
                Layout.preferredWidth: 1
                onClicked: Kiosk.survey.answer(modelData.value)
            }
        }
    }

    ColumnLayout {
        visible: question.survey.kind === "recommendation"
        spacing: 12
        Layout.fillWidth: true

        Flow {
            spacing: Theme.targetGap
            Layout.fillWidth: true

            Repeater {
                model: question.numbers()

                AnswerButton {
                    required property int modelData

                    objectName: "answer-" + modelData
                    text: String(modelData)
                    width: Math.max(Theme.touchTarget, implicitWidth)
                    onClicked: Kiosk.survey.answer(modelData)
                }
            }
        }

        Text {
            text: qsTr("0 : pas du tout satisfait. 10 : tout à fait satisfait.")
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }

    GridLayout {
        visible: question.choices
        columns: question.width > 1000 ? 3 : (question.width > 600 ? 2 : 1)
        columnSpacing: Theme.targetGap
        rowSpacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true

        Repeater {
            model: question.choices ? question.survey.options : []

            AnswerButton {
                required property var modelData

                objectName: "answer-" + modelData.id
                text: modelData.label
                selected: Kiosk.survey.chosen.indexOf(modelData.id) >= 0
                Layout.fillWidth: true
                Layout.fillHeight: true
                // Never below what its words need (200 % text): they would spill out of it.
                Layout.maximumHeight: Math.max(Theme.touchTarget * 3, implicitHeight)
                Layout.preferredWidth: 1
                onClicked: {
                    if (Kiosk.survey.kind === "multiple_choice")
                        Kiosk.survey.toggle(modelData.id);
                    else
                        Kiosk.survey.answer(modelData.value);
                }
            }
        }
    }

    Text {
        visible: question.survey.kind === "multiple_choice"
        text: qsTr("Vous pouvez toucher plusieurs réponses, puis « Valider ».")
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.smallSize
        wrapMode: Text.WordWrap
        Layout.fillWidth: true
    }

    ColumnLayout {
        visible: question.survey.kind === "free_text"
        spacing: 12
        Layout.fillWidth: true

        Rectangle {
            color: Theme.notice
            radius: Theme.radius
            implicitHeight: warning.implicitHeight + 32
            Layout.fillWidth: true

            Text {
                id: warning

                anchors.fill: parent
                anchors.margins: 16
                text: qsTr("N'écrivez pas votre nom, votre adresse, votre numéro ni rien qui permette de vous reconnaître.")
                color: Theme.onNotice
                font.family: Theme.fontFamily
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
            }
        }

        TextField {
            id: freeText

            objectName: "surveyFreeText"
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            maximumLength: 500
            implicitHeight: Theme.touchTarget
            Layout.fillWidth: true

            Connections {
                target: question.survey

                function onChanged() {
                    freeText.clear();
                }
            }
        }
    }

    KioskButton {
        objectName: "surveyConfirmButton"
        visible: question.confirmable
        text: qsTr("Valider")
        kind: KioskButton.Primary
        onClicked: question.survey.confirm(freeText.text)
    }
}
