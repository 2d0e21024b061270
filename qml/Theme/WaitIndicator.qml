// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// Wherever the resident waits (for the kiosk, the network, a printer, a person), so that a wait
// never looks like a freeze: a large ring whose dark arc turns slowly, once every 2.4 s, with no
// blinking and no change of brightness. The ring is drawn once; the drawn picture is turned a
// twelfth of a turn every 0.2 s by an animation that runs only while the indicator is visible.
// Five frames a second rather than sixty: a RotationAnimator turning it smoothly made the whole
// scene redraw at every frame, 3.4 % of a core with the software renderer against 0.8 % so
// (tests/bench/waitcpu.cpp, qml/README.md).
Item {
    id: indicator

    // What is spoken for it; a screen may say what is being waited for.
    property string label: qsTr("Veuillez patienter.")
    // The arc, and the ring it turns on: the theme's on light screens, others over pictures.
    property color color: Theme.primary
    property color trackColor: Theme.primarySoft
    property int size: Math.round(Theme.touchTarget * 1.4)
    readonly property alias running: turn.running

    implicitWidth: size
    implicitHeight: size
    Accessible.role: Accessible.Animation
    Accessible.name: label

    // A twelfth of a turn.
    function step(): void {
        ring.rotation = (ring.rotation + 30) % 360;
    }

    onColorChanged: ring.requestPaint()
    onTrackColorChanged: ring.requestPaint()

    SequentialAnimation {
        id: turn

        loops: Animation.Infinite
        running: indicator.visible

        ScriptAction {
            script: indicator.step()
        }

        PauseAnimation {
            duration: 200
        }
    }

    Canvas {
        id: ring

        anchors.fill: parent
        onWidthChanged: requestPaint()
        onHeightChanged: requestPaint()
        onPaint: {
            const context = getContext("2d");
            context.reset();
            const line = Math.max(6, Math.round(width * 0.13));
            const radius = (Math.min(width, height) - line) / 2;
            context.lineWidth = line;
            context.lineCap = "round";
            context.strokeStyle = indicator.trackColor;
            context.beginPath();
            context.arc(width / 2, height / 2, radius, 0, 2 * Math.PI);
            context.stroke();
            context.strokeStyle = indicator.color;
            context.beginPath();
            context.arc(width / 2, height / 2, radius, -Math.PI / 2, Math.PI / 6);
            context.stroke();
        }

    }
}
