// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtQuick.Layouts
import Relais.Theme

// A screen's content as one column, in the middle of the screen when asked and when it fits.
// When it does not fit (200 % text on a small screen) it is shown a page at a time with
// "Page précédente" / "Page suivante" under it, never with a scroll bar the resident may not
// see. A page ends above the first thing that would be cut (a button, a line of a form, a row
// of a Flow), which starts the next page; what is below the end of a page is clipped away and
// cannot be pressed. The page holding the keypad's focus, or a field being typed in, is shown
// by itself (reveal()).
Item {
    id: column

    default property alias content: layout.data
    property alias spacing: layout.spacing
    property bool centered: false
    // When it fits, the column takes the screen's whole height and shares what is left among
    // the items that ask for it (Layout.fillHeight): the main choices grow with the screen.
    property bool fill: false
    // The page asked for; the one shown stays within the pages there are.
    property int page: 0
    readonly property int shownPage: Math.max(0, Math.min(page, pageCount - 1))
    readonly property int pageCount: starts.length
    readonly property bool paged: pageCount > 1
    // Where each page starts, in the column's own coordinates.
    property list<real> starts: [0]

    readonly property real gap: Theme.margin
    // The column's height a page shows when paging: what is left above the buttons.
    readonly property real room: height - 2 * gap - pageButtons.implicitHeight - gap
    readonly property real pageTop: shownPage < starts.length ? starts[shownPage] : 0
    readonly property real pageEnd: shownPage + 1 < pageCount ? starts[shownPage + 1] : layout.height

    // Top of `item` in the column, following it down its parents.
    function topOf(item: Item): real {
        return item.mapToItem(layout, 0, 0).y;
    }

    // The first thing a page starting at `start` would cut, by its top: among everything in the
    // column below `start`, the highest item that goes past the page's end.
    function nextStart(parent: Item, start: real, end: real): real {
        let best = Infinity;
        for (let i = 0; i < parent.children.length; ++i) {
            const child = parent.children[i] as Item;
            if (!child || !child.visible || child.height <= 0)
                continue;
            const top = topOf(child);
            const bottom = top + child.height;
            if (bottom <= end + 0.5 || top >= best)
                continue;
            if (top > start + 0.5)
                best = top;
            else
                best = Math.min(best, nextStart(child, start, end));
        }
        return best;
    }

    function repage(): void {
        const height = layout.implicitHeight;
        let found = [0];
        if (height + 2 * gap > column.height + 0.5 && room > Theme.touchTarget) {
            let start = 0;
            while (start + room < height - 0.5 && found.length < 50) {
                let next = nextStart(layout, start, start + room);
                // Something taller than a page (a long text) is cut where the page ends.
                if (!(next > start + 0.5 && next < Infinity))
                    next = start + room;
                found.push(next);
                start = next;
            }
        }
        if (found.length !== starts.length || found.some((value, i) => Math.abs(value - starts[i]) > 0.5)) {
            starts = found;
            // A field being typed in stays in view when the keyboard takes half the screen.
            reveal(focusedItem);
            // Once more after the next frame: a layout just shown places its items in it, and
            // pages found on items not yet placed would cut them.
            repageSoon();
        }
    }

    // Shows the page holding `item`, something in the column.
    function reveal(item: Item): void {
        if (!paged || !item)
            return;
        for (let it = item; it; it = it.parent) {
            if (it === layout) {
                const top = topOf(item);
                let found = 0;
                for (let i = 0; i < starts.length; ++i) {
                    if (starts[i] <= top + 0.5)
                        found = i;
                }
                page = found;
                return;
            }
        }
    }

    // Once the layouts inside have placed their items, which they do before the next frame.
    function repageSoon(): void {
        framePending = true;
        repaging.restart();
    }
    property bool framePending: false

    onWidthChanged: repageSoon()
    onHeightChanged: repageSoon()
    // Shown again (a page of mediator mode), it starts on its first page.
    onVisibleChanged: {
        if (!visible)
            page = 0;
        else
            repageSoon();
    }

    readonly property Item focusedItem: Window.activeFocusItem
    onFocusedItemChanged: reveal(focusedItem)

    Connections {
        target: column.Window.window
        enabled: column.framePending

        function onFrameSwapped() {
            column.framePending = false;
            column.repage();
        }
    }

    // Should no frame come (nothing else changed on the screen).
    Timer {
        id: repaging

        interval: 50
        onTriggered: column.repage()
    }

    Item {
        id: view

        objectName: "columnPage"
        // Paged, exactly the page: the bottom of the page before it must not show in the margin
        // above it.
        y: column.paged ? column.gap : 0
        width: column.width
        height: column.paged ? Math.min(column.room, column.pageEnd - column.pageTop) : column.height
        // Out of the page, out of reach: clipped items receive no touch.
        clip: column.paged

        ColumnLayout {
            id: layout

            x: column.gap
            y: {
                if (column.paged)
                    return -column.pageTop;
                if (column.centered)
                    return Math.max(column.gap, (column.height - implicitHeight) / 2);
                return column.gap;
            }
            width: column.width - 2 * column.gap
            height: column.fill && !column.paged ? Math.max(implicitHeight, column.height - 2 * column.gap) : implicitHeight
            spacing: Theme.margin
            onImplicitHeightChanged: column.repageSoon()
            onWidthChanged: column.repageSoon()
        }
    }

    PageButtons {
        id: pageButtons

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: column.gap
        height: implicitHeight
        page: column.shownPage
        count: column.pageCount
        onPreviousRequested: column.page = column.shownPage - 1
        onNextRequested: column.page = column.shownPage + 1
    }
}
