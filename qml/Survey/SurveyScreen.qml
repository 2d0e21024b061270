// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Core
import Relais.Theme

// The satisfaction survey: the offer, one question per screen with "Passer" and "Terminer"
// always there, then thanks. Answers are anonymous; the screen says so before the first one.
KioskScreen {
    id: screen

    readonly property SurveyController survey: Kiosk.survey

    spokenText: {
        switch (survey.phase) {
        case SurveyController.Offer:
            return offerTitle.text + " " + offerText.text;
        case SurveyController.Question:
            return progressText.text + ". " + survey.questionText;
        case SurveyController.Thanks:
            return thanksTitle.text;
        default:
            return "";
        }
    }

    PageColumn {
        anchors.fill: parent
        visible: screen.survey.phase === SurveyController.Offer

        ScreenTitle {
            id: offerTitle

            text: screen.survey.afterCall ? qsTr("L'appel est terminé. Votre avis nous intéresse.") : qsTr("Avant de partir, votre avis nous intéresse.")
            Layout.fillWidth: true
        }

        Text {
            id: offerText

            text: qsTr("Quelques questions, moins d'une minute.") + "\n" + qsTr("Vos réponses sont anonymes : personne ne saura qui a répondu.")
            color: Theme.text
            font.family: Theme.fontFamily
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            lineHeight: 1.3
            Layout.fillWidth: true
        }

        Flow {
            spacing: Theme.targetGap
            Layout.fillWidth: true

            KioskButton {
                objectName: "surveyStartButton"
                text: qsTr("Donner mon avis")
                kind: KioskButton.Primary
                onClicked: screen.survey.start()
            }

            KioskButton {
                objectName: "surveyDeclineButton"
                text: screen.survey.endsSession ? qsTr("Non merci, terminer") : qsTr("Non merci")
                onClicked: screen.survey.decline()
            }
        }
    }

    PageColumn {
        anchors.fill: parent
        visible: screen.survey.phase === SurveyController.Question
        spacing: Theme.targetGap
        fill: true

        RowLayout {
            spacing: Theme.margin
            Layout.fillWidth: true

            Text {
                id: progressText

                objectName: "surveyProgress"
                text: qsTr("Question %1 sur %2").arg(screen.survey.index + 1).arg(screen.survey.count)
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.smallSize
                font.weight: Font.DemiBold
            }

            // The same progress as a bar, for those who do not read the numbers.
            Rectangle {
                color: Theme.primarySoft
                radius: height / 2
                implicitHeight: 16
                Layout.fillWidth: true

                Rectangle {
                    width: parent.width * (screen.survey.index + 1) / Math.max(1, screen.survey.count)
                    height: parent.height
                    radius: height / 2
                    color: Theme.primary
                }
            }
        }

        ScreenTitle {
            objectName: "surveyQuestionText"
            text: screen.survey.questionText
            Layout.fillWidth: true
        }

        SurveyQuestion {
            id: answers

            Layout.fillWidth: true
            Layout.fillHeight: answers.grows
        }

        Flow {
            spacing: Theme.targetGap
            Layout.fillWidth: true

            KioskButton {
                objectName: "surveySkipButton"
                text: qsTr("Passer")
                onClicked: screen.survey.skip()
            }

            KioskButton {
                objectName: "surveyFinishButton"
                text: qsTr("Terminer")
                onClicked: screen.survey.finish()
            }
        }
    }

    PageColumn {
        anchors.fill: parent
        visible: screen.survey.phase === SurveyController.Thanks
        centered: true

        ScreenTitle {
            id: thanksTitle

            text: qsTr("Merci pour votre avis !")
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }

        KioskButton {
            objectName: "surveyHomeButton"
            text: qsTr("Retour à l'accueil")
            pictogram: "home"
            kind: KioskButton.Primary
            Layout.alignment: Qt.AlignHCenter
            onClicked: screen.survey.leaveThanks()
        }
    }
}
