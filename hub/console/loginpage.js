// SPDX-License-Identifier: EUPL-1.2
// The login of the hub's pages that watch (the mediator's desk, the agency's supervision):
// hello with the form's password; the tab keeps the hub's session token (never the password)
// in its sessionStorage, so that a reload logs in again with it; "Se déconnecter" revokes it.
// The page says who says hello (`identity`), what to listen to on the hub (`wire`), what to
// show once in (`shown`) and what to clear when back at the form (`hidden`); the connection's
// loss and return, and a session the hub ended, are said here for both.

import { HubClient } from './hubclient.js';

const $ = (id) => document.getElementById(id);

export function loginPage({ storageKey, read, identity, wire, shown, hidden, notice, beforeLogin }) {
  let hub = null;

  // `kept`: the scope and login, from the form or this tab's storage; `secret`: { password }
  // from the form, or { session }.
  async function login(kept, secret) {
    const config = await (await fetch('/config.json')).json();
    hub = new HubClient(config.hub_url);
    hub.addEventListener('connection_lost', () => notice('Connexion au serveur perdue ; reconnexion…', true));
    hub.addEventListener('reconnected', () => notice('Reconnecté.'));
    hub.addEventListener('session_ended', (event) => { showLogin(); notice(event.detail.message, true); });
    wire(hub);
    const welcome = await hub.login({ ...identity(kept), ...secret });
    sessionStorage.setItem(storageKey, JSON.stringify({ ...kept, session: welcome.session }));
    $('password').value = '';
    $('login').hidden = true;
    $('who').hidden = false;
    notice('');
    shown(welcome, kept);
  }

  function showLogin() {
    sessionStorage.removeItem(storageKey);
    $('login').hidden = false;
    $('who').hidden = true;
    hidden();
  }

  $('login').addEventListener('submit', async (event) => {
    event.preventDefault();
    notice('Connexion…');
    beforeLogin?.();
    try {
      await login(read(), { password: $('password').value });
    } catch (error) {
      notice(error.message, true);
    }
  });

  $('logout').addEventListener('click', () => {
    hub?.logout();
    showLogin();
    notice('Déconnecté.');
  });

  const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null');
  if (saved?.session) {
    const { session, ...kept } = saved;
    login(kept, { session }).catch((error) => { sessionStorage.removeItem(storageKey); notice(error.message, true); });
  } else if (saved) {
    sessionStorage.removeItem(storageKey); // an older page's, with the password: forgotten
  }
}
