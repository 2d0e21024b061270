// SPDX-License-Identifier: EUPL-1.2
// The agents' console: login, presence, the agency's live queue and callbacks, and the call.
// The page keeps the hub's session token (never the password) in this tab's sessionStorage so
// that a reload (or a dropped connection) resumes a call in progress instead of dropping it.

import { Attention } from './attention.js';
import { Devices } from './devices.js';
import { HubClient } from './hubclient.js';
import { installShortcuts } from './shortcuts.js';
import { Transfer } from './transfer.js';
import { WaitingWord } from './waitingword.js';
import { WrapUp } from './wrapup.js';
import { AgentCall, prepareConnection, qualityWords } from './agentcall.js';

const $ = (id) => document.getElementById(id);
const HELP_WORDS = { visio: 'Visio', procedure: 'Démarche en ligne', document: 'Document' };

let hub = null;
let call = null;
let localStream = null;
let cameraOpening = null;
let spare = null; // the next call's connection, made while the agent waits (prepareConnection)
let queue = { waiting: [], callbacks: [] };
let queueClock = null;
// Someone new in the queue: the tab's title, and a chime unless the adviser is in a call or
// not available.
const attention = new Attention({
  idleTitle: 'Relais — guichet visio',
  waitingTitle: (n) => `(${n}) en attente — Relais`,
  soundButton: document.getElementById('sound'),
  storageKey: 'relais.console.sound',
});

const transfer = new Transfer($('transferDialog'), () => hub, () => call?.id);
// Her camera, microphone and speaker, chosen in this browser: a new camera or microphone goes
// on the call's senders (no new offer) and on the next call's connection.
const devices = new Devices($('devicesDialog'), {
  stream: () => camera(),
  trackChanged: (track) => {
    call?.replaceTrack(track);
    spare?.close();
    spare = null;
    prepareNextCall();
  },
  notice,
});
devices.playOn($('remoteVideo'));
$('devicesOpen').addEventListener('click', () => devices.open());

const wrapUp = new WrapUp($('wrapUp'), (message) => hub.send(message));
const waitingWord = new WaitingWord($('wordDialog'), (request, what) => hub.send({ type: 'word', request, ...what }));

function notice(text, error = false) {
  $('notice').textContent = text;
  $('notice').classList.toggle('error', error);
}

function minutesSeconds(seconds) {
  const m = Math.floor(seconds / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return `${m} min ${s} s`;
}

function button(label, onClick, className = '') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
  return td;
}

function renderQueue() {
  const inCall = call !== null;
  const waiting = $('waiting');
  waiting.replaceChildren();
  for (const w of queue.waiting) {
    const row = document.createElement('tr');
    cell(row, w.site_name);
    cell(row, w.commune);
    const since = cell(row, minutesSeconds(w.waiting_s));
    since.dataset.base = String(w.waiting_s);
    since.dataset.at = String(Date.now());
    since.className = 'waited';
    cell(row, HELP_WORDS[w.help] ?? w.help);
    // Why she calls, as she chose it on the kiosk, and what an adviser already told her.
    const reason = cell(row, w.title || 'Non précisé');
    reason.className = 'reason';
    // Passed on by a colleague, and to whom: the row says so.
    if (w.transferred_by) {
      const passed = document.createElement('span');
      passed.className = 'passed';
      passed.textContent = `Transféré par ${w.transferred_by}${w.reserved_for ? ` pour ${w.reserved_for}` : ''}`;
      reason.append(passed);
    }
    if (w.said) {
      const said = document.createElement('span');
      said.className = 'said';
      said.textContent = `Dit : « ${w.said} »`;
      reason.append(said);
    }
    const take = button('Prendre', () => hub.take(w.request));
    take.disabled = inCall || $('presence').value !== 'available';
    take.setAttribute('aria-label', `Prendre la demande de ${w.site_name}`);
    const word = button('Un mot…', () => waitingWord.open(w), 'word');
    word.setAttribute('aria-label', `Envoyer un mot à la personne de ${w.site_name}`);
    const td = document.createElement('td');
    td.append(take, word);
    row.append(td);
    waiting.append(row);
  }
  waitingWord.forget(queue.waiting.map((w) => w.request));
  $('queueEmpty').hidden = queue.waiting.length > 0;
  $('takeNext').disabled = inCall || queue.waiting.length === 0 || $('presence').value !== 'available';
  attention.update(
    queue.waiting.map((w) => ({ id: w.request, line: `${w.site_name} — ${HELP_WORDS[w.help] ?? w.help}` })),
    inCall || $('presence').value !== 'available');

  const callbacks = $('callbacks');
  callbacks.replaceChildren();
  for (const c of queue.callbacks) {
    const row = document.createElement('tr');
    cell(row, c.site_name);
    cell(row, c.commune);
    cell(row, new Date(c.requested_at).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' }));
    const td = document.createElement('td');
    td.append(button('Marquer traité', () => hub.callbackDone(c.callback)));
    row.append(td);
    callbacks.append(row);
  }
  $('callbacksEmpty').hidden = queue.callbacks.length > 0;
}

// Waiting times tick between the hub's updates.
function tickQueue() {
  for (const td of document.querySelectorAll('td.waited')) {
    const seconds = Number(td.dataset.base) + Math.floor((Date.now() - Number(td.dataset.at)) / 1000);
    td.textContent = minutesSeconds(seconds);
  }
}

function camera() {
  cameraOpening ??= openCamera();
  return cameraOpening;
}

async function openCamera() {
  localStream = await devices.openStream();
  $('localVideo').srcObject = localStream;
  return localStream;
}

// While the agent waits: the camera open (it stays open between calls) and the next call's
// connection made, so that the kiosk's offer is answered at once.
async function prepareNextCall() {
  const stream = await camera();
  if (!spare && !call && hub) spare = prepareConnection(stream);
}

function addMessage(text, mine) {
  const li = document.createElement('li');
  li.textContent = (mine ? 'Vous : ' : 'La personne : ') + text;
  if (mine) li.className = 'mine';
  $('messages').append(li);
  li.scrollIntoView({ block: 'nearest' });
}

function addDocument({ name, mime, blob, sha256 }) {
  const li = document.createElement('li');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.textContent = `Télécharger ${name} (${Math.ceil(blob.size / 1024)} Ko)`;
  link.dataset.sha256 = sha256;
  li.append(link);
  if (mime === 'image/jpeg' || mime === 'image/png') {
    const img = document.createElement('img');
    img.src = url;
    img.alt = `Aperçu de ${name}`;
    li.prepend(img);
  } else if (mime === 'application/pdf') {
    const frame = document.createElement('iframe');
    frame.src = url;
    frame.title = `Aperçu de ${name}`;
    li.prepend(frame);
  }
  $('documents').append(li);
}

function wireChannel(channel) {
  channel.addEventListener('text', (e) => { $('typing').textContent = ''; addMessage(e.detail, false); });
  channel.addEventListener('line', (e) => { $('lineNotice').textContent = e.detail; $('lineNotice').hidden = !e.detail; });
  channel.addEventListener('typing', (e) => { $('typing').textContent = e.detail ? `La personne écrit : ${e.detail}` : ''; });
  channel.addEventListener('document', (e) => { addDocument(e.detail); $('docProgress').textContent = `Document reçu : ${e.detail.name}.`; });
  channel.addEventListener('progress', (e) => {
    const { incoming, done, total } = e.detail;
    const percent = total > 0 ? Math.round((100 * done) / total) : 100;
    $('docProgress').textContent = incoming ? `Réception d'un document… ${percent} %` : `Envoi du PDF… ${percent} %`;
  });
}

function describePeer(peer) {
  return peer.site_name ? `${peer.site_name}${peer.commune ? ` (${peer.commune})` : ''}` : 'une borne';
}

function startCall(message) {
  wrapUp.hide();
  if (call && call.id === message.call) {
    // Resumed after a reload or a dropped connection: fresh credentials, rebuilt connection.
    call.close();
  }
  // The call exists before the camera is open, so that the kiosk's offer and candidates,
  // which follow at once, find it.
  call = new AgentCall(hub, message, camera(), spare);
  spare = null;
  hub.call = call.id;
  sessionStorage.setItem('relais.call', call.id);
  $('callPanel').hidden = false;
  $('idlePanel').hidden = true;
  $('callTitle').textContent = `Appel avec ${describePeer(call.peer)}`;
  $('callReason').textContent = call.peer.title ? `Motif : ${call.peer.title}` : 'Motif non précisé par la personne.';
  $('callState').textContent = 'Connexion à la borne…';
  $('messages').replaceChildren();
  $('remoteVideo').srcObject = call.remoteStream;
  call.addEventListener('remotestream', () => { $('remoteVideo').srcObject = call.remoteStream; });
  call.addEventListener('channel', (e) => wireChannel(e.detail));
  call.addEventListener('state', (e) => {
    const words = { connected: 'En communication.', connecting: 'Connexion à la borne…', disconnected: 'Connexion perdue, reprise en cours…', failed: 'La connexion a échoué ; la borne va la reconstruire.' };
    $('callState').textContent = words[e.detail] ?? $('callState').textContent;
  });
  call.addEventListener('stats', (e) => {
    const s = e.detail;
    const rtt = s.rttMs != null ? `${Math.round(s.rttMs)} ms` : '—';
    $('quality').textContent = `Qualité ${qualityWords(s)} : aller-retour ${rtt}, pertes ${s.lossPercent.toFixed(1).replace('.', ',')} %, reçu ${Math.round(s.inKbps)} kbit/s, envoyé ${Math.round(s.outKbps)} kbit/s${s.pair ? `, chemin ${s.pair === 'relay' ? 'relayé' : 'direct'}` : ''}.`;
    // The figures, readable by assistive tools and by the tests.
    $('quality').dataset.framesDecoded = String(s.framesDecoded);
    $('quality').dataset.audioPackets = String(s.audioPackets);
    $('quality').dataset.audioEnergy = String(s.audioEnergy);
    $('quality').dataset.pair = s.pair;
  });
  renderQueue();
}

function endCall(text) {
  transfer.close();
  if (call) call.close();
  call = null;
  hub.call = null;
  sessionStorage.removeItem('relais.call');
  $('callPanel').hidden = true;
  $('idlePanel').hidden = false;
  $('documents').replaceChildren();
  $('typing').textContent = '';
  $('lineNotice').textContent = '';
  $('lineNotice').hidden = true;
  $('docProgress').textContent = '';
  notice(text);
  renderQueue();
  prepareNextCall();
}

function wireHub() {
  hub.addEventListener('queue_state', (e) => { queue = e.detail; renderQueue(); });
  hub.addEventListener('call', (e) => { notice(''); startCall(e.detail); });
  hub.addEventListener('sdp', (e) => { if (call && e.detail.call === call.id && e.detail.sdp?.type === 'offer') call.onOffer(e.detail.sdp.sdp); });
  hub.addEventListener('ice', (e) => { if (call && e.detail.call === call.id) call.onCandidate(e.detail.candidate, e.detail.sdp_mline_index); });
  hub.addEventListener('restart', (e) => { if (call && e.detail.call === call.id) { call.restart(); $('callState').textContent = 'La borne reconstruit la connexion…'; } });
  hub.addEventListener('peer_reconnecting', () => { $('callState').textContent = 'La borne a perdu sa connexion ; elle revient…'; });
  hub.addEventListener('ended', (e) => {
    const why = { done: e.detail.by === 'kiosk' ? 'La personne a raccroché.' : 'Appel terminé.', peer_lost: 'La borne ne répond plus : appel terminé.', failed: "L'appel a échoué.", transferred: 'Appel transféré : la personne attend en tête de file.' };
    endCall(why[e.detail.reason] ?? 'Appel terminé.');
    if (e.detail.reason !== 'transferred') wrapUp.ask(e.detail.call);
  });
  hub.addEventListener('wrap_up_saved', (e) => {
    const text = wrapUp.saved(e.detail);
    if (text) notice(`Issue de l'appel enregistrée : ${text}.`);
  });
  hub.addEventListener('callback_closed', () => notice('Rappel marqué comme traité.'));
  hub.addEventListener('transfer_options', (e) => transfer.show(e.detail));
  hub.addEventListener('word_sent', () => notice('Message envoyé : la borne l\'affiche et le lit.'));
  hub.addEventListener('error', (e) => {
    if (wrapUp.refused(e.detail)) return;
    if (e.detail.code === 'not_found' && e.detail.message?.includes('call')) { endCall('Cet appel est terminé.'); return; }
    if (e.detail.code === 'unavailable' || e.detail.code === 'unknown_agency') {
      transfer.refused(e.detail.code === 'unavailable' ? "ce collègue n'est plus connecté, ou ce guichet est fermé ou sans conseiller." : "cet organisme n'a pas de guichet à cet espace.");
      return;
    }
    if (e.detail.code === 'not_found') notice("Cette demande n'est plus dans la file.", true);
    else if (e.detail.code === 'out_of_order') notice("Action impossible pour l'instant (êtes-vous disponible, ou déjà en appel ?).", true);
  });
  hub.addEventListener('connection_lost', () => notice('Connexion au serveur perdue ; reconnexion…', true));
  hub.addEventListener('session_ended', (e) => endSession(e.detail.message));
  hub.addEventListener('reconnected', () => { notice('Reconnecté.'); hub.setPresence($('presence').value); });
}

// `secret`: { password } from the form, or { session } from this tab's storage.
async function login(agency, loginName, secret) {
  const config = await (await fetch('/config.json')).json();
  hub = new HubClient(config.hub_url);
  wireHub();
  const resume = sessionStorage.getItem('relais.call');
  const welcome = await hub.login({ role: 'agent', agency, login: loginName, ...secret }, resume);
  hub.call = resume;
  sessionStorage.setItem('relais.login', JSON.stringify({ agency, loginName, session: welcome.session }));
  $('password').value = '';
  $('agentName').textContent = welcome.display_name ?? loginName;
  waitingWord.setWords(welcome.ready_words ?? []);
  wrapUp.setOutcomes(welcome.wrap_up_outcomes ?? []);
  $('login').hidden = true;
  $('who').hidden = false;
  $('desk').hidden = false;
  const presence = sessionStorage.getItem('relais.presence') ?? 'available';
  $('presence').value = presence;
  if (presence !== 'available') hub.setPresence(presence);
  notice('');
  clearInterval(queueClock);
  queueClock = setInterval(tickQueue, 1000);
  if (!resume) prepareNextCall();
  if (!resume && !devices.remembered()) checkDevicesFirst();
}

// Her first login in this browser: she tries her picture and sound before anyone is put
// through to her, in pause until she closes the panel ("C'est bon" keeps her choice).
async function checkDevicesFirst() {
  const presence = $('presence').value;
  if (presence === 'available') {
    $('presence').value = 'paused';
    hub.setPresence('paused');
    renderQueue();
  }
  await devices.open({ first: true });
  if ($('presence').value !== presence) {
    $('presence').value = presence;
    hub.setPresence(presence);
    renderQueue();
  }
}

$('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  notice('Connexion…');
  Attention.askNotifications();
  try {
    await login($('agency').value.trim(), $('loginName').value.trim(), { password: $('password').value });
  } catch (error) {
    notice(error.message, true);
  }
});

$('presence').addEventListener('change', () => {
  hub.setPresence($('presence').value);
  sessionStorage.setItem('relais.presence', $('presence').value);
  renderQueue();
});
// The hub no longer knows this tab's token: back to the login form, with the reason.
function endSession(message) {
  sessionStorage.clear();
  sessionStorage.setItem('relais.notice', message);
  location.reload();
}

$('logout').addEventListener('click', () => {
  if (call) hub.hangUp(call.id);
  hub.logout();
  sessionStorage.clear();
  location.reload();
});
$('takeNext').addEventListener('click', () => hub.take());
$('hangUp').addEventListener('click', () => { if (call) hub.hangUp(call.id); });
$('transfer').addEventListener('click', () => { if (call) transfer.open(); });
$('mute').addEventListener('click', () => {
  const muted = $('mute').getAttribute('aria-pressed') !== 'true';
  call?.setMicrophone(!muted);
  $('mute').setAttribute('aria-pressed', String(muted));
  $('mute').textContent = muted ? 'Rétablir le micro' : 'Couper le micro';
});
$('camera').addEventListener('click', () => {
  const off = $('camera').getAttribute('aria-pressed') !== 'true';
  call?.setCamera(!off);
  $('camera').setAttribute('aria-pressed', String(off));
  $('camera').textContent = off ? 'Rétablir la caméra' : 'Couper la caméra';
});
let typingTimer = null;
$('chatText').addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => call?.channel?.sendTyping($('chatText').value), 150);
});
$('chat').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('chatText').value.trim();
  if (!text || !call?.channel?.sendText(text)) return;
  addMessage(text, true);
  $('chatText').value = '';
  call.channel.sendTyping('');
});
$('sendPdf').addEventListener('change', async () => {
  const file = $('sendPdf').files[0];
  $('sendPdf').value = '';
  if (!file || !call?.channel) return;
  if (file.type !== 'application/pdf') { notice('Seuls les PDF peuvent être envoyés à la borne.', true); return; }
  try {
    await call.channel.sendDocument(file.name, 'application/pdf', await file.arrayBuffer());
    $('docProgress').textContent = `PDF envoyé : ${file.name}. La borne demande à la personne de confirmer.`;
  } catch (error) {
    $('docProgress').textContent = error.message;
  }
});

// A reload in the same tab logs in again and resumes a call in progress.
const saved = JSON.parse(sessionStorage.getItem('relais.login') ?? 'null');
const ended = sessionStorage.getItem('relais.notice');
sessionStorage.removeItem('relais.notice');
if (ended) notice(ended, true);
if (saved?.session) {
  login(saved.agency, saved.loginName, { session: saved.session }).catch((error) => { sessionStorage.clear(); notice(error.message, true); });
} else if (saved) {
  sessionStorage.removeItem('relais.login'); // an older page's, with the password: forgotten
}

installShortcuts(() => !$('desk').hidden);
