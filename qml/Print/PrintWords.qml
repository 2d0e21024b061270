// SPDX-License-Identifier: EUPL-1.2
pragma Singleton

import QtQuick
import Relais.Print

// The printer's and the scanner's states in plain French, the same words for the resident and
// for the mediator.
QtObject {
    readonly property string askMediator: qsTr("Le médiateur de l'accueil peut vous aider.")

    function printer(problem: int, busy: bool): string {
        switch (problem) {
        case PrintDesk.NoProblem:
            return busy ? qsTr("L'imprimante est en train d'imprimer.") : qsTr("L'imprimante est prête.");
        case PrintDesk.NoService:
            return qsTr("L'imprimante ne répond pas.");
        case PrintDesk.NoPrinter:
            return qsTr("Aucune imprimante n'est installée.");
        case PrintDesk.Offline:
            return qsTr("L'imprimante est hors ligne : elle est peut-être éteinte ou débranchée.");
        case PrintDesk.NoPaper:
            return qsTr("Il n'y a plus de papier dans l'imprimante.");
        case PrintDesk.PaperJam:
            return qsTr("Une feuille est coincée dans l'imprimante.");
        case PrintDesk.NoInk:
            return qsTr("L'imprimante n'a plus d'encre.");
        case PrintDesk.DoorOpen:
            return qsTr("Une porte de l'imprimante est ouverte.");
        case PrintDesk.Paused:
            return qsTr("L'imprimante est arrêtée.");
        case PrintDesk.NotAccepting:
            return qsTr("L'imprimante ne prend pas de documents pour le moment.");
        default:
            return qsTr("L'imprimante a un problème.");
        }
    }

    function scanner(problem: int): string {
        switch (problem) {
        case ScanSession.NoScanner:
            return qsTr("Le scanner ne répond pas : il est peut-être éteint ou débranché.");
        case ScanSession.Busy:
            return qsTr("Le scanner est occupé. Réessayez dans un instant.");
        case ScanSession.NoPaper:
            return qsTr("Il n'y a pas de papier dans le chargeur du scanner.");
        case ScanSession.Jammed:
            return qsTr("Une feuille est coincée dans le scanner.");
        case ScanSession.CoverOpen:
            return qsTr("Le capot du scanner est ouvert.");
        case ScanSession.Cancelled:
            return qsTr("Le scan a été arrêté.");
        case ScanSession.CannotSave:
            return qsTr("Le scan n'a pas pu être enregistré.");
        default:
            return qsTr("Le scan n'a pas marché.");
        }
    }
}
