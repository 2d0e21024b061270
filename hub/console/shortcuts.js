// SPDX-License-Identifier: EUPL-1.2
// The console's keyboard shortcuts: one letter each, as the buttons they press say, and "?" for
// their list. A key typed in a field (the message to the resident, the login) is that field's,
// never a shortcut; with Ctrl, Alt or Cmd held it is the browser's.

const $ = (id) => document.getElementById(id);

// key → the button it presses, and what the list says of it.
const KEYS = [
  { key: 's', button: 'takeNext', words: 'Prendre la personne suivante' },
  { key: 'm', button: 'mute', words: 'Couper ou rétablir le micro' },
  { key: 'c', button: 'camera', words: 'Couper ou rétablir la caméra' },
  { key: 'r', button: 'hangUp', words: 'Raccrocher' },
  { key: 't', field: 'chatText', words: 'Écrire un message à la personne' },
];

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

// Shown: not hidden itself nor inside something hidden.
function shown(element) {
  return element !== null && element.offsetParent !== null;
}

function fillList(list) {
  list.replaceChildren();
  for (const { key, words } of [...KEYS, { key: '?', words: 'Afficher ou fermer cette liste' }]) {
    const term = document.createElement('dt');
    const kbd = document.createElement('kbd');
    kbd.textContent = key.toUpperCase();
    term.append(kbd);
    const description = document.createElement('dd');
    description.textContent = words;
    list.append(term, description);
  }
}

// `active()`: whether the console is logged in (no shortcut on the login form).
export function installShortcuts(active) {
  const dialog = $('shortcuts');
  fillList($('shortcutList'));
  $('shortcutsClose').addEventListener('click', () => dialog.close());
  $('shortcutsOpen').addEventListener('click', () => dialog.showModal());
  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey || typing(event.target) || !active())
      return;
    if (event.key === '?') {
      if (dialog.open) dialog.close();
      else dialog.showModal();
      event.preventDefault();
      return;
    }
    // Over any open dialog (this list, a word to a waiting resident), letters are the dialog's.
    if (document.querySelector('dialog[open]')) return;
    const shortcut = KEYS.find((k) => k.key === event.key.toLowerCase());
    if (!shortcut) return;
    if (shortcut.field) {
      const field = $(shortcut.field);
      if (!shown(field)) return;
      field.focus();
    } else {
      const button = $(shortcut.button);
      if (!shown(button) || button.disabled) return;
      button.click();
    }
    event.preventDefault();
  });
}
