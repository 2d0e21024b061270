// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// One row of the count grid: its name, then Monday to Sunday.
Row {
    id: line

    required property int index
    required property string kind
    required property string agency
    required property var automatic
    required property var desk
    property int labelWidth: 300
    readonly property int cellWidth: Math.max(Theme.touchTarget, (width - labelWidth - 24) / 7)

    height: Theme.touchTarget + 4

    HelpKindLabel {
        id: name

        width: line.labelWidth
        height: line.height
        kind: line.kind
        agency: line.agency
        verticalAlignment: Text.AlignVCenter
    }

    // Seven cells written out: a Repeater's delegate could not see this row's data.
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-1"; width: line.cellWidth; row: line.index; day: 1; automatic: line.automatic[0]; desk: line.desk[0]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-2"; width: line.cellWidth; row: line.index; day: 2; automatic: line.automatic[1]; desk: line.desk[1]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-3"; width: line.cellWidth; row: line.index; day: 3; automatic: line.automatic[2]; desk: line.desk[2]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-4"; width: line.cellWidth; row: line.index; day: 4; automatic: line.automatic[3]; desk: line.desk[3]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-5"; width: line.cellWidth; row: line.index; day: 5; automatic: line.automatic[4]; desk: line.desk[4]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-6"; width: line.cellWidth; row: line.index; day: 6; automatic: line.automatic[5]; desk: line.desk[5]; label: name.text }
    GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-7"; width: line.cellWidth; row: line.index; day: 7; automatic: line.automatic[6]; desk: line.desk[6]; label: name.text }
}
