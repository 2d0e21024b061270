// SPDX-License-Identifier: EUPL-1.2
// The mediator's desk: the site's calls for help from its kiosks, live, with a sound when one
// arrives; "J'y vais" tells the resident's kiosk that the mediator is coming. Its login is
// loginpage.js's.

import { Attention } from './attention.js';
import { loginPage } from './loginpage.js';

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
}

loginPage({
  storageKey: 'relais.desk',
  read: () => ({ site: $('site').value.trim(), loginName: $('loginName').value.trim() }),
  identity: ({ site, loginName }) => ({ role: 'mediator', site, login: loginName }),
  wire: (client) => { hub = client; wireHub(); },
  shown: (welcome, { loginName }) => {
    $('mediatorName').textContent = welcome.display_name ?? loginName;
    $('alertsPanel').hidden = false;
    clearInterval(clock);
    clock = setInterval(render, 15000);
  },
  hidden: () => {
    clearInterval(clock);
    alerts = [];
    attention.reset();
    $('alerts').replaceChildren();
    $('alertsPanel').hidden = true;
  },
  notice,
  beforeLogin: () => Attention.askNotifications(),
});
