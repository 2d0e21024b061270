// SPDX-License-Identifier: EUPL-1.2
// An agency's supervision page: the live queue, each adviser's state and current call length,
// and the day's calls, waits (median and 90th percentile), abandons and callbacks, from the
// hub's `counter_state` (PROTOCOL.md, "Supervision"). It watches only: no call is taken here,
// and its supervisor is not counted among the advisers. Its login is loginpage.js's.

import { loginPage } from './loginpage.js';

const $ = (id) => document.getElementById(id);
const STATES = { in_call: 'En appel', available: 'Disponible', paused: 'En pause', offline: 'Hors ligne' };
let hub = null;
let state = null;
let receivedAt = 0;
let serverOffsetMs = 0; // the hub's clock minus this browser's, from the state's server_time
let clock = null;

function notice(text, error = false) {
  $('notice').textContent = text;
  $('notice').classList.toggle('error', error);
}

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
}

function render() {
  if (!state) return;
  const elapsed = (Date.now() - receivedAt) / 1000;
  const today = state.today ?? {};
  const waiting = state.waiting ?? [];
  $('day').textContent = today.day ? `(${new Date(`${today.day}T12:00:00`).toLocaleDateString('fr-FR', { weekday: 'long', day: 'numeric', month: 'long' })})` : '';
  $('waitingCount').textContent = String(waiting.length);
  $('answered').textContent = String(today.answered ?? 0);
  $('waitMedian').textContent = duration(today.wait_median_s);
  $('waitP90').textContent = duration(today.wait_p90_s);
  $('abandoned').textContent = String(today.abandoned ?? 0);
  $('callbacks').textContent = String(today.callbacks ?? 0);

  const advisers = $('advisers').tBodies[0];
  advisers.replaceChildren(...(state.advisers ?? []).map((adviser) => {
    const row = document.createElement('tr');
    row.dataset.login = adviser.login;
    cell(row, `${adviser.display_name} (${adviser.login})`);
    cell(row, STATES[adviser.state] ?? adviser.state, `state ${adviser.state}`);
    const started = adviser.call_started_at ? Date.parse(adviser.call_started_at) : null;
    cell(row, started ? duration((Date.now() + serverOffsetMs - started) / 1000) : '—', 'length');
    return row;
  }));
  $('advisersEmpty').hidden = advisers.rows.length > 0;

  const queue = $('queue').tBodies[0];
  queue.replaceChildren(...waiting.map((request) => {
    const row = document.createElement('tr');
    row.dataset.request = request.request;
    cell(row, `${request.site_name} (${request.commune})`);
    cell(row, duration(request.waiting_s + elapsed), 'waited');
    cell(row, request.title || (request.procedure === 'other' ? 'Autre question' : '—'), 'reason');
    return row;
  }));
  $('queueEmpty').hidden = waiting.length > 0;
}

function wireHub() {
  hub.addEventListener('counter_state', (event) => {
    state = event.detail;
    receivedAt = Date.now();
    serverOffsetMs = state.server_time ? Date.parse(state.server_time) - receivedAt : 0;
    render();
  });
}

loginPage({
  storageKey: 'relais.supervision',
  read: () => ({ agency: $('agency').value.trim(), loginName: $('loginName').value.trim() }),
  identity: ({ agency, loginName }) => ({ role: 'supervisor', agency, login: loginName }),
  wire: (client) => { hub = client; wireHub(); },
  shown: (welcome, { agency, loginName }) => {
    $('supervisorName').textContent = `${welcome.display_name ?? loginName} — ${agency.toUpperCase()}`;
    $('board').hidden = false;
    clearInterval(clock);
    clock = setInterval(render, 1000);
  },
  hidden: () => {
    clearInterval(clock);
    state = null;
    $('board').hidden = true;
  },
  notice,
});
