// SPDX-License-Identifier: EUPL-1.2
// What a finger does on the kiosk's screens, for the Qt Quick tests of every folder: find what
// is shown, and turn the pages of a screen that does not fit (TileGrid, PageColumn) until the
// target is on screen, as a resident would.
.pragma library

// The first visible item with that name: screens come and go in a Loader.
function findVisible(parent, name) {
    for (let i = 0; i < parent.children.length; ++i) {
        const child = parent.children[i];
        if (child.objectName === name && child.visible)
            return child;
        const found = findVisible(child, name);
        if (found)
            return found;
    }
    return null;
}

// The first visible item with that name under `root` (the window's content: the shell and the
// popups its overlay holds), once it is there; `test` is the TestCase.
function item(test, root, name, timeout) {
    test.tryVerify(() => findVisible(root, name) !== null, timeout, "no visible item named " + name);
    return findVisible(root, name);
}

// Whether `target` lies whole inside every clipping item between it and `shell`.
function shownWhole(shell, target) {
    const rect = target.mapToItem(shell, 0, 0, target.width, target.height);
    for (let it = target.parent; it && it !== shell; it = it.parent) {
        if (!it.clip)
            continue;
        const box = it.mapToItem(shell, 0, 0, it.width, it.height);
        if (rect.x < box.x - 0.5 || rect.y < box.y - 0.5 || rect.x + rect.width > box.x + box.width + 0.5 || rect.y + rect.height > box.y + box.height + 0.5)
            return false;
    }
    return true;
}

// "Page suivante" / "Page précédente" until the target is on screen; `test` is the TestCase.
function bringIntoView(test, shell, target) {
    let view = target.parent;
    while (view && view.pageCount === undefined)
        view = view.parent;
    if (!view || shownWhole(shell, target))
        return;
    for (let press = 0; press < 2 * view.pageCount && !shownWhole(shell, target); ++press) {
        const next = findVisible(view, "nextPageButton");
        test.mouseClick(next ? next : findVisible(view, "previousPageButton"));
    }
    test.verify(shownWhole(shell, target), target.objectName + " is on no page");
}
