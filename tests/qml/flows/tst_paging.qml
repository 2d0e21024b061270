// SPDX-License-Identifier: EUPL-1.2
import QtQuick
import QtTest
import Relais.Theme
import Relais.Home

// Content that does not fit is shown a page at a time with "Page précédente" / "Page suivante":
// a grid of tiles and a column, pressed through with the mouse as a finger would.
Item {
    id: root

    width: 900
    height: 520

    property var pressed: []

    TileGrid {
        id: grid

        anchors.fill: parent
        visible: false

        Repeater {
            model: 9

            Tile {
                required property int index

                objectName: "tile-" + index
                text: "Démarche " + (index + 1)
                description: "Une phrase qui dit ce que fait la démarche."
                pictogram: "form"
                onClicked: root.pressed.push(objectName)
            }
        }
    }

    PageColumn {
        id: column

        anchors.fill: parent
        visible: false

        Repeater {
            model: 7

            KioskButton {
                required property int index

                objectName: "button-" + index
                text: "Choix " + (index + 1)
                onClicked: root.pressed.push(objectName)
            }
        }
    }

    TestCase {
        name: "Paging"
        when: windowShown

        function find(parent, name) {
            for (let i = 0; i < parent.children.length; ++i) {
                const child = parent.children[i];
                if (child.objectName === name)
                    return child;
                const found = find(child, name);
                if (found)
                    return found;
            }
            return null;
        }

        // Inside the window and inside every item that clips it: on screen, whole.
        function shownWhole(item) {
            let rect = item.mapToItem(root, 0, 0, item.width, item.height);
            for (let it = item.parent; it && it !== root; it = it.parent) {
                if (!it.clip)
                    continue;
                const box = it.mapToItem(root, 0, 0, it.width, it.height);
                if (rect.x < box.x - 0.5 || rect.y < box.y - 0.5 || rect.x + rect.width > box.x + box.width + 0.5 || rect.y + rect.height > box.y + box.height + 0.5)
                    return false;
            }
            return rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= root.width && rect.y + rect.height <= root.height;
        }

        // Presses "Page suivante" until the last page; returns the page each item was seen on.
        function pageThrough(view, names) {
            const seen = {};
            for (let page = 0; page < view.pageCount; ++page) {
                compare(view.shownPage, page);
                const number = find(view, "pageNumber");
                compare(number.text, "Page " + (page + 1) + " sur " + view.pageCount);
                for (let i = 0; i < names.length; ++i) {
                    if (shownWhole(find(view, names[i])) && seen[names[i]] === undefined)
                        seen[names[i]] = page;
                }
                const next = find(view, "nextPageButton");
                compare(next.visible, page < view.pageCount - 1);
                compare(find(view, "previousPageButton").visible, page > 0);
                if (next.visible)
                    mouseClick(next);
            }
            return seen;
        }

        function init() {
            root.pressed = [];
            grid.page = 0;
            column.page = 0;
        }

        function cleanup() {
            grid.visible = false;
            column.visible = false;
        }

        function test_gridPagesThroughEveryTile() {
            grid.visible = true;
            waitForRendering(grid);
            verify(grid.pageCount > 1, "nine tiles fit on one page of 900×520");
            const names = [];
            for (let i = 0; i < 9; ++i)
                names.push("tile-" + i);
            const seen = pageThrough(grid, names);
            for (let i = 0; i < 9; ++i)
                verify(seen[names[i]] !== undefined, names[i] + " was never shown whole");
            // In reading order: a tile is never on an earlier page than the one before it.
            for (let i = 1; i < 9; ++i)
                verify(seen[names[i]] >= seen[names[i - 1]]);
            // Only whole rows: every page but the last holds as many tiles.
            compare(seen["tile-" + grid.columns * grid.rowsPerPage], 1);

            // A tile of the last page answers a finger; one of the first, clipped away, does not.
            const last = find(grid, "tile-8");
            mouseClick(last);
            compare(root.pressed, ["tile-8"]);
            const first = find(grid, "tile-0");
            verify(!shownWhole(first));
            mouseClick(first);
            compare(root.pressed, ["tile-8"]);

            // And back to the first page.
            while (find(grid, "previousPageButton").visible)
                mouseClick(find(grid, "previousPageButton"));
            compare(grid.shownPage, 0);
            verify(shownWhole(first));
            mouseClick(first);
            compare(root.pressed, ["tile-8", "tile-0"]);
        }

        function test_gridFillsTheRoomWhenEverythingFits() {
            grid.visible = true;
            root.height = 1400;
            waitForRendering(grid);
            compare(grid.pageCount, 1);
            verify(!find(grid, "pageButtons").visible);
            // The tiles grow to share the height, up to the grid's largest tile.
            const tile = find(grid, "tile-0");
            verify(tile.height > tile.implicitHeight);
            verify(tile.height <= grid.maximumTileHeight);
            root.height = 520;
        }

        function test_columnPagesEndOnWholeItems() {
            column.visible = true;
            tryVerify(() => column.pageCount > 1, 2000, "seven buttons fit in 520 px");
            // Shown just now: its layout places the buttons in the next frame, and the column
            // pages again on them.
            waitForRendering(column);
            wait(100);
            const names = [];
            for (let i = 0; i < 7; ++i)
                names.push("button-" + i);
            const seen = pageThrough(column, names);
            for (let i = 0; i < 7; ++i)
                verify(seen[names[i]] !== undefined, names[i] + " was never shown whole");
            // On the first page, a button of the second is out of reach; then shown, it answers.
            while (find(column, "previousPageButton").visible)
                mouseClick(find(column, "previousPageButton"));
            const later = names.find(name => seen[name] === 1);
            verify(later !== undefined);
            verify(!shownWhole(find(column, later)));
            mouseClick(find(column, later));
            compare(root.pressed, []);
            if (column.shownPage === 0)
                mouseClick(find(column, "nextPageButton"));
            verify(shownWhole(find(column, later)));
            mouseClick(find(column, later));
            compare(root.pressed, [later]);
        }

        function test_focusShowsItsPage() {
            column.visible = true;
            tryVerify(() => column.pageCount > 1, 2000);
            root.forceActiveFocus();
            compare(column.shownPage, 0);
            const last = find(column, "button-6");
            verify(!shownWhole(last));
            last.forceActiveFocus();
            tryCompare(column, "shownPage", column.pageCount - 1);
            verify(shownWhole(last));
        }
    }
}
