// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import Relais.Theme

// Tiles of equal size in as many columns as fit at the current text size (fewer at 150 % and
// 200 %), growing to fill the height the screen gives them, centred. When they do not all fit,
// they are shown a page at a time, whole rows only, with "Page précédente" / "Page suivante"
// under them rather than a scroll bar: the rows of the other pages are clipped away (a tile out
// of sight cannot be pressed) and come up with the buttons, or when the keypad's focus reaches
// one of their tiles.
Item {
    id: tileGrid

    default property alias tiles: grid.data
    // The page asked for; the one shown stays within the pages there are when the text size
    // or the screen changes.
    property int page: 0
    readonly property int shownPage: Math.max(0, Math.min(page, pageCount - 1))
    // A tile grows up to this height when the screen has room: large, but still a tile.
    property real maximumTileHeight: Theme.touchTarget * 4.5
    // When all the tiles stand in one row, each is a block, its pictogram above its words
    // (Tile.upright): a screen's few main choices.
    property bool blocks: false

    readonly property real gap: Theme.targetGap
    readonly property int count: shownTiles().length
    readonly property int columns: Math.max(1, Math.min(count, narrowest, Math.floor((width + gap) / (Theme.touchTarget * 5.5 * Math.min(Theme.textScale, 1.6) + gap))))
    // Fewer columns than room for, when a tile's words made it taller than a page: wider
    // tiles wrap less. Found once the tiles are placed, forgotten when the width or the text
    // size changes.
    property int narrowest: 1000
    readonly property real tileWidth: Math.floor((width - (columns - 1) * gap) / columns)
    // Every tile as tall as the tallest, so rows line up whatever the text length.
    readonly property real naturalHeight: {
        let tallest = Theme.touchTarget;
        const shown = shownTiles();
        for (let i = 0; i < shown.length; ++i)
            tallest = Math.max(tallest, shown[i].implicitHeight);
        return tallest;
    }
    readonly property int rowsNeeded: Math.ceil(count / columns)
    readonly property bool paged: rowsNeeded * naturalHeight + (rowsNeeded - 1) * gap > height + 0.5
    // What the tiles have: everything, or everything above the page buttons.
    readonly property real viewHeight: Math.max(0, paged ? height - pageButtons.implicitHeight - gap : height)
    // Paged, each page takes as many whole rows as fit at the height of its own tallest tile
    // (one long name does not leave every page a single row): the first row of each page.
    readonly property list<int> pageRows: {
        if (!paged)
            return [0];
        const shown = shownTiles();
        let rows = [];
        for (let row = 0; row < rowsNeeded; ++row)
            rows.push(tallestIn(shown, row, row + 1));
        let starts = [0];
        let tallest = rows[0];
        let inPage = 1;
        for (let row = 1; row < rows.length; ++row) {
            const taller = Math.max(tallest, rows[row]);
            if ((inPage + 1) * taller + inPage * gap > viewHeight + 0.5) {
                starts.push(row);
                tallest = rows[row];
                inPage = 1;
            } else {
                tallest = taller;
                ++inPage;
            }
        }
        return starts;
    }
    readonly property int pageCount: pageRows.length
    // The rows on the first page (every page but the last holds as many when the tiles are
    // alike).
    readonly property int rowsPerPage: paged ? (pageCount > 1 ? pageRows[1] : rowsNeeded) : Math.max(1, rowsNeeded)
    // A page's place in the grid: pages stand one under the other, a page's height apart.
    readonly property real pageStep: viewHeight + gap
    // Not paged, the tiles grow to share the height, up to the largest a tile may be.
    readonly property real tileHeight: {
        const share = (viewHeight - (rowsNeeded - 1) * gap) / Math.max(1, rowsNeeded);
        return Math.floor(Math.max(naturalHeight, Math.min(maximumTileHeight, share)));
    }

    // The tallest of the tiles in rows [first, end), never less than a touch target.
    function tallestIn(shown: list<Tile>, first: int, end: int): real {
        let tallest = Theme.touchTarget;
        for (let i = first * columns; i < Math.min(shown.length, end * columns); ++i)
            tallest = Math.max(tallest, shown[i].implicitHeight);
        return tallest;
    }

    function pageOfRow(row: int): int {
        let page = 0;
        for (let i = 0; i < pageRows.length; ++i) {
            if (pageRows[i] <= row)
                page = i;
        }
        return page;
    }

    // The height of the tiles of a page: its rows share the page exactly, so that it ends on a
    // whole row, and are never less than its tallest tile.
    function pageTileHeight(page: int, shown: list<Tile>): real {
        const first = pageRows[page];
        const end = page + 1 < pageRows.length ? pageRows[page + 1] : rowsNeeded;
        const rows = end - first;
        return Math.floor(Math.max(tallestIn(shown, first, end), (viewHeight - (rows - 1) * gap) / rows));
    }

    // The tiles shown, in order: a Repeater's tiles come where the Repeater is.
    function shownTiles(): list<Tile> {
        let shown = [];
        for (let i = 0; i < grid.children.length; ++i) {
            const child = grid.children[i] as Tile;
            if (child && child.visible)
                shown.push(child);
        }
        return shown;
    }

    // At once, so that a tile is where it is drawn as soon as it is shown, and again once the
    // bindings above have all followed the change (`placing`): a handler of one of them may
    // run before the others have.
    function place(): void {
        layoutTiles(false);
        placing.restart();
    }

    // `settled`: from the timer, out of any binding's evaluation; only then may a tile change
    // its form (upright), which changes the heights the bindings above read.
    function layoutTiles(settled: bool): void {
        if (paged && naturalHeight > viewHeight && columns > 1) {
            // Only from the timer: a handler of `columns` that changed what `columns` reads
            // would run the binding again inside itself.
            if (settled)
                narrowest = columns - 1;
            return; // placed again as the columns change
        }
        const shown = shownTiles();
        let heights = [];
        for (let page = 0; page < pageCount; ++page)
            heights.push(paged ? pageTileHeight(page, shown) : tileHeight);
        // The last row, when shorter, sits in the middle like the others.
        for (let i = 0; i < shown.length; ++i) {
            const row = Math.floor(i / columns);
            const page = pageOfRow(row);
            const height = heights[page];
            const inRow = Math.min(columns, shown.length - row * columns);
            const left = (width - (inRow * tileWidth + (inRow - 1) * gap)) / 2;
            if (settled)
                shown[i].upright = blocks && columns === shown.length;
            shown[i].width = tileWidth;
            shown[i].height = height;
            shown[i].x = Math.round(left + (i % columns) * (tileWidth + gap));
            shown[i].y = paged ? page * pageStep + (row - pageRows[page]) * (height + gap) : row * (height + gap);
        }
    }

    // Shows the page holding `item` (a tile or something in one), for the keypad's focus.
    function reveal(item: Item): void {
        const shown = shownTiles();
        for (let it = item; it; it = it.parent) {
            const index = shown.indexOf(it);
            if (index >= 0) {
                page = pageOfRow(Math.floor(index / columns));
                return;
            }
        }
    }

    onTileWidthChanged: tileGrid.place()
    onTileHeightChanged: tileGrid.place()
    onPageRowsChanged: tileGrid.place()
    onColumnsChanged: tileGrid.place()
    onWidthChanged: {
        narrowest = 1000;
        tileGrid.place();
    }
    onCountChanged: tileGrid.place()
    onBlocksChanged: tileGrid.place()

    Connections {
        target: Theme

        function onMetricsChanged() {
            tileGrid.narrowest = 1000;
            tileGrid.place();
        }
    }

    readonly property Item focusedItem: Window.activeFocusItem
    onFocusedItemChanged: reveal(focusedItem)

    Timer {
        id: placing

        interval: 0
        onTriggered: tileGrid.layoutTiles(true)
    }

    Item {
        id: view

        objectName: "tilePage"
        width: tileGrid.width
        height: tileGrid.paged ? tileGrid.viewHeight : tileGrid.height
        // Out of the page, out of reach: clipped items receive no touch.
        clip: true

        Item {
            id: grid

            width: parent.width
            height: tileGrid.paged ? tileGrid.pageCount * tileGrid.pageStep - tileGrid.gap : tileGrid.rowsNeeded * (tileGrid.tileHeight + tileGrid.gap) - tileGrid.gap
            y: tileGrid.paged ? -tileGrid.shownPage * tileGrid.pageStep : Math.max(0, (view.height - height) / 2)
            onChildrenChanged: tileGrid.place()
        }
    }

    PageButtons {
        id: pageButtons

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: implicitHeight
        page: tileGrid.shownPage
        count: tileGrid.pageCount
        onPreviousRequested: tileGrid.page = tileGrid.shownPage - 1
        onNextRequested: tileGrid.page = tileGrid.shownPage + 1
    }
}
