import QtQuick
import QtQuick.Layouts
import Relais.Theme

// "Retour", a pictogram and the title: the top of every page of the guide.
RowLayout {
    id: header

    property string title: ""
    property string pictogram: ""

    signal backRequested

    spacing: Theme.margin

    KioskButton {
        objectName: "backButton"
        text: qsTr("Retour")
        pictogram: "back"
        onClicked: header.backRequested()
    }

    Pictogram {
        name: header.pictogram
        size: Theme.touchTarget
    }

    ScreenTitle {
        text: header.title
        color: Theme.primary
        Layout.fillWidth: true
    }
}
