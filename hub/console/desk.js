// SPDX-License-Identifier: EUPL-1.2
// The mediator's desk: the site's calls for help from its kiosks, live, with a sound when one
// arrives; "J'y vais" tells the resident's kiosk that the mediator is coming. The page keeps
// the hub's session token (never the password) in this tab's sessionStorage so that a reload
// logs in again.

import { Attention } from './attention.js';
import { HubClient } from './hubclient.js';

const $ = (id) => document.getElementById(id);
let hub = null;
let alerts = [];       // the last help_state's, with the time each was received
let receivedAt = 0;
let clock = null;
const attention = new Attention({
  idleTitle: 'Relais — accueil',
  waitingTitle: (n) => `(${n}) Demande d'aide — Relais`,
  soundButton: document.getElementById('sound'),
  storageKey: 'relais.desk.sound',
});

function notice(text, error = false) {
  $('notice').textContent = text;
  $('notice').classList.toggle('error', error);
}

function agencyName(id) {
  // The kiosks' agencies (kiosk/data/agencies.json); another is shown by its identifier.
  const names = {
    caf: 'CAF', cpam: 'Assurance Maladie', carsat: 'Assurance retraite', msa: 'MSA',
    'france-travail': 'France Travail', dgfip: 'Impôts', ants: "Papiers d'identité",
    udaf: 'UDAF', 'mission-locale': 'Mission locale',
  };
  return names[id] ?? id.toUpperCase();
}

function waited(seconds) {
  if (seconds < 60) return "à l'instant";
  const minutes = Math.floor(seconds / 60);
  return `depuis ${minutes} min`;
}

function describe(alert) {
  if (alert.topic === 'guide') {
    const what = alert.title || alert.procedure || 'une démarche en ligne';
    const agency = alert.agency ? ` (${agencyName(alert.agency)})` : '';
    const step = alert.step ? `, étape ${alert.step}` : '';
    return `Démarche guidée : ${what}${agency}${step}`;
  }
  if (alert.topic === 'visit') return "Demande à voir le médiateur";
  return `Demande d'aide (${alert.topic})`;
}

function render() {
  const list = $('alerts');
  list.replaceChildren();
  const elapsed = Math.floor((Date.now() - receivedAt) / 1000);
  for (const alert of alerts) {
    const item = document.createElement('li');
    item.className = alert.taken_by ? 'alert taken' : 'alert';
    item.dataset.alert = alert.alert;
    const text = document.createElement('div');
    const kiosk = document.createElement('strong');
    kiosk.textContent = `Borne ${alert.kiosk}`;
    const what = document.createElement('span');
    what.className = 'what';
    what.textContent = describe(alert);
    const when = document.createElement('span');
    when.className = 'when';
    when.textContent = alert.taken_by
      ? `${alert.taken_by} y va`
      : `Appel ${waited(alert.waiting_s + elapsed)}`;
    text.append(kiosk, what, when);
    item.append(text);
    if (!alert.taken_by) {
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'go';
      go.textContent = "J'y vais";
      go.addEventListener('click', () => {
        if (!hub.helpTaken(alert.alert)) notice('Connexion au serveur perdue ; reconnexion…', true);
      });
      item.append(go);
    }
    list.append(item);
  }
  $('alertsEmpty').hidden = alerts.length > 0;
  attention.update(alerts.filter((a) => !a.taken_by).map((a) => ({ id: a.alert, line: `Borne ${a.kiosk} : ${describe(a)}` })));
}

function wireHub() {
  hub.addEventListener('help_state', (event) => {
    alerts = event.detail.alerts ?? [];
    receivedAt = Date.now();
    $('siteName').textContent = event.detail.site_name ? `— ${event.detail.site_name}` : '';
    render();
  });
  hub.addEventListener('error', (event) => {
    if (event.detail.code === 'not_found') notice('Cette personne a quitté la borne.', true);
  });
  hub.addEventListener('connection_lost', () => notice('Connexion au serveur perdue ; reconnexion…', true));
  hub.addEventListener('reconnected', () => notice('Reconnecté.'));
  hub.addEventListener('session_ended', (event) => { showLogin(); notice(event.detail.message, true); });
}

// `secret`: { password } from the form, or { session } from this tab's storage.
async function login(site, loginName, secret) {
  const config = await (await fetch('/config.json')).json();
  hub = new HubClient(config.hub_url);
  wireHub();
  const welcome = await hub.login({ role: 'mediator', site, login: loginName, ...secret });
  sessionStorage.setItem('relais.desk', JSON.stringify({ site, loginName, session: welcome.session }));
  $('password').value = '';
  $('mediatorName').textContent = welcome.display_name ?? loginName;
  $('login').hidden = true;
  $('who').hidden = false;
  $('alertsPanel').hidden = false;
  notice('');
  clearInterval(clock);
  clock = setInterval(render, 15000);
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  notice('Connexion…');
  Attention.askNotifications();
  try {
    await login($('site').value.trim(), $('loginName').value.trim(), { password: $('password').value });
  } catch (error) {
    notice(error.message, true);
  }
});

function showLogin() {
  sessionStorage.removeItem('relais.desk');
  clearInterval(clock);
  alerts = [];
  attention.reset();
  $('alerts').replaceChildren();
  $('login').hidden = false;
  $('who').hidden = true;
  $('alertsPanel').hidden = true;
}

$('logout').addEventListener('click', () => {
  hub?.logout();
  showLogin();
  notice('Déconnecté.');
});

const saved = JSON.parse(sessionStorage.getItem('relais.desk') ?? 'null');
if (saved?.session) {
  login(saved.site, saved.loginName, { session: saved.session }).catch((error) => { sessionStorage.removeItem('relais.desk'); notice(error.message, true); });
} else if (saved) {
  sessionStorage.removeItem('relais.desk'); // an older page's, with the password: forgotten
}
