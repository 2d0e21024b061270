// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// One row of the count grid: its name, then its days from `firstDay`, `days` of them, a
// finger's gap apart. The other days lie beside them, clipped away: out of sight, out of reach.
Item {
    id: line

    required property int index
    required property string kind
    required property string agency
    required property var automatic
    required property var desk
    property int labelWidth: 300
    property real cellWidth: Theme.touchTarget
    property int firstDay: 1
    property int days: 7
    readonly property real gap: Theme.targetGap
    readonly property real step: cellWidth + gap

    height: Theme.touchTarget

    HelpKindLabel {
        id: name

        width: line.labelWidth
        height: line.height
        kind: line.kind
        agency: line.agency
        verticalAlignment: Text.AlignVCenter
    }

    Item {
        x: line.labelWidth + line.gap
        width: line.days * line.step - line.gap
        height: line.height
        clip: true

        Item {
            x: -(line.firstDay - 1) * line.step

            // Seven cells written out: a Repeater's delegate could not see this row's data.
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-1"; x: 0 * line.step; width: line.cellWidth; row: line.index; day: 1; automatic: line.automatic[0]; desk: line.desk[0]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-2"; x: 1 * line.step; width: line.cellWidth; row: line.index; day: 2; automatic: line.automatic[1]; desk: line.desk[1]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-3"; x: 2 * line.step; width: line.cellWidth; row: line.index; day: 3; automatic: line.automatic[2]; desk: line.desk[2]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-4"; x: 3 * line.step; width: line.cellWidth; row: line.index; day: 4; automatic: line.automatic[3]; desk: line.desk[3]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-5"; x: 4 * line.step; width: line.cellWidth; row: line.index; day: 5; automatic: line.automatic[4]; desk: line.desk[4]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-6"; x: 5 * line.step; width: line.cellWidth; row: line.index; day: 6; automatic: line.automatic[5]; desk: line.desk[5]; label: name.text }
            GridCell { objectName: "cell-" + line.kind + "-" + line.agency + "-7"; x: 6 * line.step; width: line.cellWidth; row: line.index; day: 7; automatic: line.automatic[6]; desk: line.desk[6]; label: name.text }
        }
    }
}
