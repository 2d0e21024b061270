// SPDX-License-Identifier: EUPL-1.2
// An adviser in Debian's Chromium (headless, fake camera and microphone), driven by the
// agent-console tests through JSON lines: one command per line on stdin, one reply per line
// on stdout ({"ok": true, ...} or {"ok": false, "error": "..."}).
//
//   node browseragent.mjs --url https://127.0.0.1:PORT/ [--chromium /usr/bin/chromium]
//                         [--fake-video FILE.y4m] (the camera's picture, looped)
//                         [--no-loopback] (no ICE candidate on 127.0.0.1)
//                         [--fake-cameras N] (N fake cameras instead of one)
//
// Commands: login {agency, login, password, keepDevices} (says "C'est bon" to the devices'
// panel of a first login unless keepDevices); notice {}; presence {state}; canTake {};
// waitQueue {count}; take {}; waitCall {frames};
// stats {}; sendText {text}; waitText {text}; sendPdf {path}; waitDocument {}; hangUp {};
// waitEnded {}; reload {}; screenshot {path}; axe {url} (axe-core's serious and critical
// violations, on this page or on url); quit {}; viewport {width, height};
// storage {} (this tab's sessionStorage, every key and value); logout {};
// keyboardLogin {agency, login, password}; keyboardReach {selector, key};
// on the mediator's desk page (desk.html): deskLogin {site, login, password};
// waitAlerts {count, taken}; takeAlert {}; deskReload {}; on both pages: attention {} (the
// tab's title, the chimes played, the sound button's state and what this browser keeps of it),
// toggleSound {}; devices {} (the audio and video panel, opened, as it shows and as the stream
// is); chooseDevice {kind, index}; deviceLevels {ms}; testTone {}; devicesDone {};
// setLocal {key, value}; failMedia {name}; callSenders {} (after watchFirstFrames: the call's
// senders and its local description); keys {keys} (pressed one after the other, where the focus is), blur {},
// page {} (what has the focus, the shortcuts' list if open, the microphone's button, the call
// shown); sayWord {word | text} (to the first person waiting); transfer {login | agency};
// wrapUp {outcome} (after a call: the outcomes offered, then that one picked); on the
// supervision page (supervision.html): supervisionLogin {agency, login, password};
// supervision {advisers, queue, state, answered} (waits until the board shows that many
// advisers and people waiting, the first adviser in that state, that many calls answered,
// each when given, and reads it); and for
// relais-callbench: takeWhenQueued {}; holdPicture {on}; watchFirstFrames {}; firstFrame {};
// chromiumPair {calls, seconds, width, height}; and for the shaped-link tests and
// relais-linebench: linkSample {} (the console's latest call), pairAnswer {offer, iceServers,
// width, height}, pairSample {}, pairFirstFrame {}, pairClose {} (the reference's adviser, in
// this Chromium), and in the Chromium put in the kiosk's place (--url blank, no console):
// offerPrepare {width, height, iceServers, maxBitrate}, offerAccept {answer}, offerClose {}.

import { chromium } from 'playwright-core';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const browser = await chromium.launch({
  executablePath: option('chromium', '/usr/bin/chromium'),
  headless: true,
  args: [
    `--use-fake-device-for-media-stream${option('fake-cameras') ? `=device-count=${option('fake-cameras')}` : ''}`,
    '--use-fake-ui-for-media-stream',
    '--ignore-certificate-errors', // the hub's certificate is made for the test
    // The kiosk is on 127.0.0.1 in most tests; the line tests put it behind a link of its own.
    ...(args.includes('--no-loopback') ? [] : ['--allow-loopback-in-peer-connection']),
    '--no-sandbox',
    '--lang=fr-FR',
    '--autoplay-policy=no-user-gesture-required', // the reference's adviser page plays its call
    ...(option('fake-video') ? [`--use-file-for-fake-video-capture=${option('fake-video')}`] : []),
  ],
});
const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
await context.grantPermissions(['camera', 'microphone']);
// The pages' own helpers (linkSample, gatheredDescription below), in every page from its start.
await context.addInitScript({ content: `window.linkSample = ${linkSample}; window.gatheredDescription = ${gatheredDescription};` });
const page = await context.newPage();
const consoleLines = [];
page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
// --url blank: a page of its own on an HTTPS origin (getUserMedia needs a secure one) that no
// server holds, for a Chromium whose network reaches nothing but the TURN server.
const blankOrigin = 'https://kiosk.relais.invalid/';
if (option('url') === 'blank') {
  await context.route('**/*', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>relais</title>' }));
  await page.goto(blankOrigin);
} else {
  await page.goto(option('url'));
}

const timeout = 30000;
// axe-core's source, run in the page by page.evaluate: the pages' CSP allows no inline script,
// so page.addScriptTag would be refused, while what playwright evaluates is not held to it.
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;
const reply = (object) => process.stdout.write(`${JSON.stringify(object)}\n`);
const framesDecoded = async () => Number(await page.locator('#quality').getAttribute('data-frames-decoded') ?? 0);

// utime + stime, in clock ticks, of this process's descendants: the whole Chromium.
function chromiumTicks() {
  const parent = new Map();
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch { /* gone */ }
  }
  let sum = 0;
  for (const [pid, t] of ticks) {
    for (let p = parent.get(pid); p; p = parent.get(p)) {
      if (p === process.pid) { sum += t; break; }
    }
  }
  return sum;
}

// Installed in a page before its calls: every RTCPeerConnection made there notes, on the wall
// clock (the clock relais-peer stamps its events with), when it had decoded its first video
// frame, polling getStats every 10 ms until then (30 s at most), and the ICE servers it was
// given. relais-callbench reads these to time both ends of a call alike.
function watchFirstFrames() {
  if (window.benchPeers) return;
  window.benchPeers = [];
  const Native = window.RTCPeerConnection;
  const records = new WeakMap();
  function Watched(...args) {
    const pc = new Native(...args);
    const record = { firstFrameAt: null, iceServers: args[0]?.iceServers ?? [], polling: false, pc };
    records.set(pc, record);
    window.benchPeers.push(record);
    return pc;
  }
  // A connection may be made well before its call (the console's spare): it is watched from
  // its offer on.
  const setRemote = Native.prototype.setRemoteDescription;
  Native.prototype.setRemoteDescription = function (...args) {
    const record = records.get(this);
    if (record && !record.polling) watch(this, record);
    return setRemote.apply(this, args);
  };
  const setConfiguration = Native.prototype.setConfiguration;
  Native.prototype.setConfiguration = function (configuration, ...rest) {
    const record = records.get(this);
    if (record) record.iceServers = configuration?.iceServers ?? [];
    return setConfiguration.call(this, configuration, ...rest);
  };
  function watch(pc, record) {
    record.polling = true;
    const started = Date.now();
    const poll = async () => {
      if (pc.connectionState === 'closed' || Date.now() - started > 30000) return;
      const report = await pc.getStats().catch(() => null);
      if (!report) return;
      let frames = 0;
      report.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0; });
      if (frames > 0) { record.firstFrameAt = Date.now(); return; }
      setTimeout(poll, 10);
    };
    setTimeout(poll, 10);
  }
  Watched.prototype = Native.prototype;
  Object.setPrototypeOf(Watched, Native);
  window.RTCPeerConnection = Watched;
}

// What the receiving side of a call has seen so far, as counters (the caller takes the
// differences): video bytes, frames decoded and freezes; audio samples played and of them
// concealed for lost packets; the round-trip times of the RTCP receiver reports about what this side sends
// (their sum and count: the far end's reports cross its upstream, so they queue behind its
// media); and the selected candidate pair.
async function linkSample(pc) {
  if (!pc) throw new Error('no call');
  const report = await pc.getStats();
  const out = {
    at: Date.now(), videoBytes: 0, framesDecoded: 0, freezes: 0, freezeSeconds: 0, width: 0, height: 0,
    audioSamples: 0, concealedSamples: 0, rttSum: 0, rttCount: 0, rttLast: -1, pair: null,
    // What this side sends, for a failing test to tell a silent sender from a lost path.
    sent: { videoPackets: 0, audioPackets: 0, limitation: '' }, state: `${pc.connectionState}/${pc.iceConnectionState}`,
  };
  let pairId = null;
  report.forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.videoBytes += s.bytesReceived ?? 0;
      out.framesDecoded += s.framesDecoded ?? 0;
      out.freezes += s.freezeCount ?? 0;
      out.freezeSeconds += s.totalFreezesDuration ?? 0;
      out.width = s.frameWidth ?? out.width;
      out.height = s.frameHeight ?? out.height;
    } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.audioSamples += s.totalSamplesReceived ?? 0;
      // Silence the sender left out (Opus DTX: nothing is sent between words) is concealed
      // with comfort noise and counted in concealedSamples too; it is no lost voice.
      out.concealedSamples += (s.concealedSamples ?? 0) - (s.silentConcealedSamples ?? 0);
    } else if (s.type === 'outbound-rtp') {
      out.sent[s.kind === 'video' ? 'videoPackets' : 'audioPackets'] += s.packetsSent ?? 0;
      if (s.kind === 'video') out.sent.limitation = s.qualityLimitationReason ?? '';
    } else if (s.type === 'remote-inbound-rtp') {
      out.rttSum += s.totalRoundTripTime ?? 0;
      out.rttCount += s.roundTripTimeMeasurements ?? 0;
      if (s.roundTripTime !== undefined) out.rttLast = Math.max(out.rttLast, s.roundTripTime);
    } else if (s.type === 'transport' && s.selectedCandidatePairId) {
      pairId = s.selectedCandidatePairId;
    }
  });
  const pair = pairId ? report.get(pairId) : null;
  if (pair) {
    const local = report.get(pair.localCandidateId) ?? {};
    const remote = report.get(pair.remoteCandidateId) ?? {};
    out.pair = {
      local: { type: local.candidateType, protocol: local.protocol, relayProtocol: local.relayProtocol ?? '', address: local.address, port: local.port },
      remote: { type: remote.candidateType, protocol: remote.protocol, address: remote.address, port: remote.port },
      state: pair.state, bytesSent: pair.bytesSent, bytesReceived: pair.bytesReceived,
      availableOutgoingBitrate: pair.availableOutgoingBitrate ?? -1,
    };
  }
  return out;
}

// Non-trickle signalling for the reference pair, whose two pages are in two Chromiums (one in
// the kiosk's network namespace): each description is handed over with its candidates, once
// gathering is complete or 100 ms after the first candidate (Chromium also tries the TURN
// server from every other interface of the machine, which takes up to 40 s to give up).
function gatheredDescription(pc) {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => { if (!done) { done = true; resolve(pc.localDescription.sdp); } };
    if (pc.iceGatheringState === 'complete') return finish();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') finish(); });
    pc.addEventListener('icecandidate', (e) => { if (e.candidate) setTimeout(finish, 100); });
  });
}

let pairPage = null; // the reference's adviser: a console page running AgentCall

// Fills the login form and submits it; resolves with the name the page shows once `panel`
// appears, throws the page's notice when the login is refused.
async function submitLogin(fields, panel, name) {
  for (const [selector, value] of Object.entries(fields)) await page.fill(selector, value);
  await page.click('#login button[type=submit]');
  await page.waitForFunction((p) => !document.querySelector(p).hidden || document.querySelector('#notice').classList.contains('error'), panel, { timeout });
  if (await page.isHidden(panel)) throw new Error(await page.textContent('#notice'));
  return page.textContent(name);
}

// The wall-clock time the page's latest peer connection decoded its first video frame.
async function firstFrameAt(page) {
  // The latest connection that received an offer: the console may have made its next call's
  // spare connection since.
  const handle = await page.waitForFunction(() => window.benchPeers?.filter((r) => r.polling).at(-1)?.firstFrameAt, null, { timeout: 30000, polling: 20 });
  return handle.jsonValue();
}

// Two pages of this Chromium calling each other, the reference the kiosk is compared with, set
// up as the kiosk's call is. Page a is the offerer, prepared as a queued kiosk is
// (CallSession::prepare()): camera open, tracks and data channel added, offer made but not
// set. Page b is the agents' console waiting for a call: its camera open and its next call's
// connection made (prepareConnection), and its own answerer, AgentCall, whose hub is this
// script passing messages between the pages. Both use the ICE servers (STUN and TURN) the hub
// gave the console's last call. Timed from the hand-over (b makes its call, a sets and sends
// its offer, candidates trickle) to the first decoded video frame on both pages.
async function pairCall(a, b, width, height, iceServers) {
  await a.evaluate(async ({ width, height, iceServers }) => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width, height, frameRate: 30 } });
    const pc = new RTCPeerConnection({ iceServers, bundlePolicy: 'max-bundle' });
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    // The same picture as the kiosk sends: full size, up to 1.2 Mbit/s, never scaled down.
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const params = sender.getParameters();
      params.degradationPreference = 'maintain-resolution';
      if (params.encodings?.length) params.encodings[0].maxBitrate = 1200000;
      await sender.setParameters(params).catch(() => {});
    }
    for (const t of pc.getTransceivers()) {
      if (t.sender.track?.kind === 'video') {
        const vp8 = RTCRtpReceiver.getCapabilities('video').codecs.filter((c) => c.mimeType === 'video/VP8');
        t.setCodecPreferences(vp8);
      }
    }
    pc.createDataChannel('relais', { ordered: true });
    pc.onicecandidate = (e) => window.toPeer({ ice: e.candidate ? e.candidate.candidate : '', mline: e.candidate?.sdpMLineIndex ?? 0 });
    const pending = [];
    let remoteSet = false;
    window.pairReceive = async (m) => {
      if (m.answer) {
        await pc.setRemoteDescription({ type: 'answer', sdp: m.answer });
        remoteSet = true;
        for (const c of pending.splice(0)) await pc.addIceCandidate(c);
      } else if (m.ice) {
        const c = { candidate: m.ice, sdpMLineIndex: m.mline };
        if (remoteSet) await pc.addIceCandidate(c); else pending.push(c);
      }
    };
    window.pairOffer = await pc.createOffer();
    window.pair = pc;
    window.pairStream = stream;
  }, { width, height, iceServers });
  await b.evaluate(async ({ width, height }) => {
    window.pairStream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: { width, height } });
    window.agentCall ??= await import(new URL('agentcall.js', location.href).href);
    window.pairSpare = window.agentCall.prepareConnection(window.pairStream);
  }, { width, height });

  const start = Date.now();
  await b.evaluate((iceServers) => {
    const hub = {
      sendAnswer: (id, sdp) => window.toPeer({ answer: sdp }),
      sendCandidate: (id, candidate, mline) => window.toPeer({ ice: candidate, mline }),
    };
    window.pairCall = new window.agentCall.AgentCall(hub, { call: 'pair', ice_servers: iceServers }, window.pairStream, window.pairSpare);
    window.pairReceive = (m) => {
      if (m.offer) window.pairCall.onOffer(m.offer);
      else if (m.ice !== undefined) window.pairCall.onCandidate(m.ice, m.mline);
    };
    window.pair = window.pairCall.pc;
  }, iceServers);
  await a.evaluate(async () => {
    await window.pair.setLocalDescription(window.pairOffer);
    window.toPeer({ offer: window.pair.localDescription.sdp });
  });
  const [atA, atB] = await Promise.all([firstFrameAt(a), firstFrameAt(b)]);
  return Math.max(atA, atB) - start;
}

async function closePair(page) {
  await page.evaluate(() => {
    window.pairCall?.close();
    window.pair?.close();
    window.pairStream?.getTracks().forEach((t) => t.stop());
    window.pair = null;
    window.pairCall = null;
  });
}

// A first login in this browser opens the devices' panel before she is available; she says
// "C'est bon" with `press` (a click, or the keyboard). Whether it was open.
async function confirmDevices(press) {
  if (!await page.evaluate(() => document.getElementById('devicesDialog')?.open)) return false;
  await press();
  await page.waitForFunction(() => !document.getElementById('devicesDialog').open
    && document.getElementById('presence').value === 'available', null, { timeout });
  return true;
}

const commands = {
  async login({ agency, login, password, keepDevices }) {
    const name = await submitLogin({ '#agency': agency, '#loginName': login, '#password': password }, '#desk', '#agentName');
    const devicesAsked = await page.evaluate(() => document.getElementById('devicesDialog')?.open ?? false);
    if (!keepDevices) await confirmDevices(() => page.click('#devicesDone'));
    return { name, devicesAsked };
  },
  async notice() {
    return { notice: await page.textContent('#notice') };
  },
  // Waits until the page's notice (which survives a reload) says `text`.
  async waitNotice({ text }) {
    await page.waitForFunction((t) => (document.querySelector('#notice')?.textContent ?? '').includes(t), text, { timeout });
    return { notice: await page.textContent('#notice') };
  },
  async deskLogin({ site, login, password }) {
    return { name: await submitLogin({ '#site': site, '#loginName': login, '#password': password }, '#alertsPanel', '#mediatorName') };
  },
  async supervisionLogin({ agency, login, password }) {
    return { name: await submitLogin({ '#agency': agency, '#loginName': login, '#password': password }, '#board', '#supervisorName') };
  },
  async supervision({ advisers, queue, state, answered }) {
    await page.waitForFunction(({ a, q, s, n }) => {
      const rows = (id) => [...document.querySelectorAll(`#${id} tbody tr`)];
      return (a === undefined || rows('advisers').length === a)
        && (q === undefined || rows('queue').length === q)
        && (s === undefined || rows('advisers')[0]?.querySelector('.state')?.textContent === s)
        && (n === undefined || document.getElementById('answered').textContent === String(n));
    }, { a: advisers, q: queue, s: state, n: answered }, { timeout });
    return await page.evaluate(() => {
      const table = (id) => [...document.querySelectorAll(`#${id} tbody tr`)].map((tr) => [...tr.cells].map((td) => td.textContent));
      const figures = Object.fromEntries([...document.querySelectorAll('#today div')].map((d) => [d.querySelector('dd').id, d.querySelector('dd').textContent]));
      return { advisers: table('advisers'), queue: table('queue'), figures, title: document.title };
    });
  },
  // Waits for `count` calls on the desk (of which `taken` answered), and reads them as shown.
  async waitAlerts({ count, taken = 0 }) {
    await page.waitForFunction(({ n, t }) => document.querySelectorAll('#alerts li').length === n
      && document.querySelectorAll('#alerts li.taken').length === t, { n: count, t: taken }, { timeout });
    return {
      alerts: await page.locator('#alerts li').allInnerTexts(),
      title: await page.title(),
      emptyShown: await page.isVisible('#alertsEmpty'),
    };
  },
  async takeAlert() {
    await page.click('#alerts li:not(.taken) button.go');
    return {};
  },
  async deskReload() {
    await page.reload();
    await page.waitForSelector('#alertsPanel:not([hidden])', { timeout });
    return {};
  },
  async presence({ state }) {
    await page.selectOption('#presence', state);
    return {};
  },
  async canTake() {
    return { enabled: await page.isEnabled('#takeNext') };
  },
  async waitQueue({ count }) {
    await page.waitForFunction((n) => document.querySelectorAll('#waiting tr').length >= n, count, { timeout });
    return {
      rows: await page.locator('#waiting tr td:first-child').allTextContents(),
      reasons: await page.locator('#waiting tr td.reason').allTextContents(),
    };
  },
  // Passes the call on to a colleague (`login`) or another agency's queue (`agency`) from the
  // call's "Transférer…" dialog; returns the console's notice once the call has ended here.
  async transfer({ login, agency }) {
    await page.click('#transfer');
    const target = login ?? agency;
    const choice = page.locator(`#transferDialog button[data-target="${target}"]`);
    await choice.waitFor({ timeout });
    const label = await choice.textContent();
    await choice.click();
    return { label, ...(await this.waitEnded()) };
  },
  // A word to the first person waiting: a ready word by its code, or a text of one's own.
  async sayWord({ word, text }) {
    await page.click('#waiting tr button.word');
    await page.waitForSelector('#wordDialog[open]', { timeout });
    if (word) {
      await page.click(`#wordDialog button[data-word="${word}"]`);
    } else {
      await page.fill('#wordText', text);
      await page.click('#wordDialog form button[type="submit"]');
    }
    await page.waitForFunction(() => document.querySelector('#notice').textContent.startsWith('Message envoyé'), null, { timeout });
    await page.waitForFunction(() => document.querySelector('#waiting tr td.reason .said') !== null, null, { timeout });
    return { said: await page.textContent('#waiting tr td.reason .said') };
  },
  async wrapUp({ outcome }) {
    await page.waitForSelector('#wrapUp:not([hidden]) .outcomes button', { timeout });
    const offered = await page.$$eval('#wrapUp .outcomes button', (bs) => bs.map((b) => b.textContent));
    await page.click(`#wrapUp button[data-outcome="${outcome}"]`);
    await page.waitForSelector('#wrapUp', { state: 'hidden', timeout });
    return { offered, notice: await page.textContent('#notice') };
  },
  async take() {
    await page.click('#waiting tr button');
    await page.waitForSelector('#callPanel:not([hidden])', { timeout });
    return { title: await page.textContent('#callTitle'), reason: await page.textContent('#callReason') };
  },
  async waitCall({ frames }) {
    await page.waitForFunction((n) => Number(document.querySelector('#quality')?.dataset.framesDecoded ?? 0) > n, frames, { timeout, polling: 250 });
    return this.stats();
  },
  async stats() {
    return page.evaluate(async () => {
      const video = document.querySelector('#remoteVideo');
      return {
        framesDecoded: Number(document.querySelector('#quality').dataset.framesDecoded ?? 0),
        quality: document.querySelector('#quality').textContent,
        state: document.querySelector('#callState').textContent,
        videoWidth: video.videoWidth,
        videoHeight: video.videoHeight,
        audioTracks: video.srcObject ? video.srcObject.getAudioTracks().length : 0,
      };
    });
  },
  async audioIn() {
    // Audio really arriving: the inbound audio stream's packets and energy, from getStats.
    return page.evaluate(() => {
      const q = document.querySelector('#quality').dataset;
      return { packets: Number(q.audioPackets ?? 0), energy: Number(q.audioEnergy ?? 0), pair: q.pair ?? '' };
    });
  },
  async sendText({ text }) {
    await page.fill('#chatText', text);
    await page.click('#chat button[type=submit]');
    return {};
  },
  async waitText({ text }) {
    await page.waitForFunction((t) => [...document.querySelectorAll('#messages li')].some((li) => li.textContent.includes(t)), text, { timeout });
    return {};
  },
  async waitLineNotice({ text }) {
    await page.waitForFunction((t) => { const n = document.querySelector('#lineNotice'); return n && !n.hidden && n.textContent === t; }, text, { timeout });
    return { text: await page.textContent('#lineNotice') };
  },
  async sendPdf({ path }) {
    await page.setInputFiles('#sendPdf', path);
    await page.waitForFunction(() => document.querySelector('#docProgress').textContent.startsWith('PDF envoyé'), null, { timeout });
    return { progress: await page.textContent('#docProgress') };
  },
  async waitDocument() {
    await page.waitForSelector('#documents a[data-sha256]', { timeout });
    const link = page.locator('#documents a[data-sha256]').last();
    return { sha256: await link.getAttribute('data-sha256'), name: await link.getAttribute('download'), preview: await page.locator('#documents img, #documents iframe').count() };
  },
  async hangUp() {
    await page.click('#hangUp');
    return this.waitEnded();
  },
  async waitEnded() {
    await page.waitForSelector('#callPanel', { state: 'hidden', timeout: 60000 });
    return { notice: await page.textContent('#notice') };
  },
  async attention() {
    return await page.evaluate(() => ({
      title: document.title,
      chimes: Number(document.body.dataset.chimes ?? -1),
      sound: document.getElementById('sound').getAttribute('aria-pressed') === 'true',
      soundText: document.getElementById('sound').textContent,
      kept: Object.fromEntries(Object.entries(localStorage)),
    }));
  },
  async keys({ keys }) {
    for (const key of keys) await page.keyboard.press(key);
    return {};
  },
  async blur() {
    await page.evaluate(() => document.activeElement?.blur());
    return {};
  },
  async page() {
    return await page.evaluate(() => ({
      focused: document.activeElement?.id ?? '',
      shortcutsOpen: document.getElementById('shortcuts')?.open ?? false,
      shortcuts: [...document.querySelectorAll('#shortcutList dt, #shortcutList dd')].map((e) => e.textContent),
      micMuted: document.getElementById('mute')?.getAttribute('aria-pressed') === 'true',
      chatText: document.getElementById('chatText')?.value ?? '',
      inCall: !(document.getElementById('callPanel')?.hidden ?? true),
    }));
  },
  async devices() {
    const wasOpen = await page.evaluate(() => document.getElementById('devicesDialog').open);
    if (!wasOpen) await page.click('#devicesOpen');
    // Filled once the stream is open (with its picture, if any) and the devices are listed.
    await page.waitForFunction(() => {
      const preview = document.querySelector('#devicesPreview');
      return document.querySelector('#cameraChoice').options.length > 0 && preview.srcObject
        && (preview.videoWidth > 0 || preview.srcObject.getVideoTracks().length === 0);
    }, null, { timeout });
    return page.evaluate((wasOpen) => {
      const list = (id) => [...document.getElementById(id).options].map((o) => ({ label: o.label, id: o.value }));
      const stream = document.getElementById('devicesPreview').srcObject;
      return {
        open: document.getElementById('devicesDialog').open,
        first: !document.querySelector('#devicesDialog .first').hidden,
        presence: document.getElementById('presence').value,
        cameras: list('cameraChoice'),
        microphones: list('microphoneChoice'),
        speakers: list('speakerChoice'),
        chosen: { camera: document.getElementById('cameraChoice').value, microphone: document.getElementById('microphoneChoice').value, speaker: document.getElementById('speakerChoice').value },
        speakerShown: !document.getElementById('speakerChoiceLabel').hidden,
        inUse: { camera: stream?.getVideoTracks()[0]?.getSettings().deviceId ?? '', microphone: stream?.getAudioTracks()[0]?.getSettings().deviceId ?? '' },
        // The call's self-view and the panel show the very stream the calls send.
        sameStream: document.getElementById('localVideo').srcObject === stream,
        callSink: document.getElementById('remoteVideo').sinkId,
        previewWidth: document.getElementById('devicesPreview').videoWidth,
        status: document.getElementById('devicesStatus').textContent,
        notice: document.getElementById('notice').textContent,
        kept: localStorage.getItem('relais.console.devices'),
        wasOpen,
      };
    }, wasOpen);
  },
  // Chooses the index-th device of a kind (camera, microphone, speaker) in the panel and
  // waits for the stream (or the call's speaker) to have it.
  async chooseDevice({ kind, index }) {
    const select = `#${kind}Choice`;
    const id = await page.evaluate(({ select, index }) => document.querySelector(select).options[index].value, { select, index });
    await page.selectOption(select, id);
    await page.waitForFunction(({ kind, id }) => {
      const stream = document.getElementById('devicesPreview').srcObject;
      if (kind === 'speaker') return document.getElementById('remoteVideo').sinkId === id;
      const track = kind === 'camera' ? stream?.getVideoTracks()[0] : stream?.getAudioTracks()[0];
      return track?.readyState === 'live' && track.getSettings().deviceId === id;
    }, { kind, id }, { timeout });
    return { id };
  },
  // The microphone's level bar, read every 50 ms for `ms`.
  async deviceLevels({ ms }) {
    const levels = [];
    for (let t = 0; t < ms; t += 50) {
      levels.push(await page.evaluate(() => document.getElementById('devicesLevel').value));
      await page.waitForTimeout(50);
    }
    return { levels, min: Math.min(...levels), max: Math.max(...levels) };
  },
  async testTone() {
    const before = Number(await page.getAttribute('#toneTest', 'data-played') ?? 0);
    await page.click('#toneTest');
    await page.waitForFunction((n) => Number(document.getElementById('toneTest').dataset.played ?? 0) > n, before, { timeout });
    return { played: before + 1, sink: await page.getAttribute('#toneTest', 'data-sink') };
  },
  async devicesDone() {
    await page.click('#devicesDone');
    await page.waitForFunction(() => !document.getElementById('devicesDialog').open, null, { timeout });
    return { presence: await page.inputValue('#presence') };
  },
  // From now on every getUserMedia of the page fails with the DOMException `name`, as when the
  // person refuses the camera or another application holds it; the page is reloaded.
  async failMedia({ name }) {
    await page.addInitScript((n) => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused by the test', n));
    }, name);
    return this.reload();
  },
  async setLocal({ key, value }) {
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), { key, value });
    return {};
  },
  async callSenders() {
    return page.evaluate(() => {
      const pc = window.benchPeers?.filter((r) => r.polling).at(-1)?.pc;
      if (!pc) throw new Error('no call');
      return {
        senders: pc.getSenders().map((s) => ({ kind: s.track?.kind ?? '', state: s.track?.readyState ?? '', deviceId: s.track?.getSettings().deviceId ?? '' })),
        sdp: pc.localDescription?.sdp ?? '',
        signalingState: pc.signalingState,
        connectionState: pc.connectionState,
      };
    });
  },
  async toggleSound() {
    await page.click('#sound');
    return {};
  },
  async storage() {
    return { storage: await page.evaluate(() => Object.fromEntries(Object.entries(sessionStorage))) };
  },
  async logout() {
    await page.click('#logout');
    await page.waitForSelector('#login:not([hidden])', { timeout });
    return {};
  },
  async reload() {
    await page.reload();
    await page.waitForSelector('#desk:not([hidden])', { timeout });
    return {};
  },
  // The benchmark's fixed 720p30 call: the console sends its full picture at up to 1.2 Mbit/s
  // and never scales it down, as the kiosk does with --fixed-rate and the Chromium pair does.
  // Chromium would otherwise shrink its picture on a busy machine.
  async holdPicture({ on }) {
    await page.evaluate((hold) => {
      const proto = RTCPeerConnection.prototype;
      proto.originalSetLocalDescription ??= proto.setLocalDescription;
      if (!hold) { proto.setLocalDescription = proto.originalSetLocalDescription; return; }
      proto.setLocalDescription = async function (...args) {
        const result = await proto.originalSetLocalDescription.apply(this, args);
        for (const sender of this.getSenders()) {
          if (sender.track?.kind !== 'video') continue;
          const params = sender.getParameters();
          params.degradationPreference = 'maintain-resolution';
          if (params.encodings?.length) params.encodings[0].maxBitrate = 1200000;
          await sender.setParameters(params);
        }
        return result;
      };
    }, on);
    return {};
  },
  async pressed({ selector }) {
    return { pressed: await page.getAttribute(selector, 'aria-pressed') };
  },
  async viewport({ width, height }) {
    await page.setViewportSize({ width, height });
    // Nothing cut off or pushed sideways at this width.
    return page.evaluate(() => ({ overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth }));
  },
  // The keyboard only, from a fresh page: Tab to each field in order, type, Enter.
  async keyboardLogin({ agency, login, password }) {
    await page.reload();
    const order = [];
    for (const value of [agency, login, password]) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => document.activeElement?.id ?? ''));
      await page.keyboard.type(value);
    }
    await page.keyboard.press('Enter');
    await page.waitForSelector('#desk:not([hidden])', { timeout });
    let devicesTabs = 0;
    const devicesAsked = await confirmDevices(async () => {
      while (await page.evaluate(() => document.activeElement?.id) !== 'devicesDone') {
        if (++devicesTabs > 20) throw new Error("C'est bon is not reachable with Tab");
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
    });
    return { order, devicesAsked, devicesTabs };
  },
  // Tab (at most 60 times) to the first element matching selector, then press key on it.
  async keyboardReach({ selector, key }) {
    for (let i = 0; i < 60; ++i) {
      await page.keyboard.press('Tab');
      const here = await page.evaluate((sel) => {
        const active = document.activeElement;
        return { match: !!active && active.matches(sel), outline: active ? getComputedStyle(active).outlineStyle : '' };
      }, selector);
      if (here.match) {
        if (key) await page.keyboard.press(key);
        return { tabs: i + 1, outline: here.outline };
      }
    }
    throw new Error(`${selector} is not reachable with Tab`);
  },
  async takeWhenQueued() {
    const button = page.locator('#waiting tr button').first();
    await button.waitFor({ timeout: 60000 });
    await button.click();
    return {};
  },
  // The console's peer connections note their first decoded frame (watchFirstFrames).
  async watchFirstFrames() {
    await page.evaluate(watchFirstFrames);
    return {};
  },
  // When the console's latest call decoded its first video frame, on the wall clock.
  async firstFrame() {
    return { at: await firstFrameAt(page) };
  },
  // The ICE servers the hub gave the console's latest call.
  async callIceServers() {
    return { iceServers: await page.evaluate(() => window.benchPeers?.filter((r) => r.polling).at(-1)?.iceServers ?? []) };
  },
  async linkSample() {
    // The console keeps its next call's connection ready: the call is the latest with an offer.
    return page.evaluate(async () => window.linkSample(window.benchPeers?.filter((r) => r.polling).at(-1)?.pc));
  },
  // The Chromium in the kiosk's place: camera open, tracks and data channel added, up to the
  // kiosk's bitrate, relayed only (as the kiosk in the benchmark), offer made with all its
  // candidates. Timed from here on the wall clock: `at`.
  async offerPrepare({ width, height, iceServers, maxBitrate }) {
    const at = Date.now();
    await page.evaluate(watchFirstFrames);
    const sdp = await page.evaluate(async ({ width, height, iceServers, maxBitrate }) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width, height, frameRate: 30 } });
      const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay', bundlePolicy: 'max-bundle' });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const params = sender.getParameters();
        if (params.encodings?.length) params.encodings[0].maxBitrate = maxBitrate;
        await sender.setParameters(params).catch(() => {});
      }
      for (const t of pc.getTransceivers()) {
        if (t.sender.track?.kind === 'video') {
          t.setCodecPreferences(RTCRtpReceiver.getCapabilities('video').codecs.filter((c) => c.mimeType === 'video/VP8'));
        }
      }
      pc.createDataChannel('relais', { ordered: true });
      await pc.setLocalDescription();
      window.offerer = { pc, stream };
      return window.gatheredDescription(pc);
    }, { width, height, iceServers, maxBitrate });
    return { sdp, at };
  },
  async offerAccept({ answer }) {
    await page.evaluate((sdp) => window.offerer.pc.setRemoteDescription({ type: 'answer', sdp }), answer);
    return {};
  },
  // What the Chromium in the kiosk's place has seen of its own call (the round trips of the
  // receiver reports about what it sends, as linkSample).
  async offerSample() {
    return page.evaluate(() => window.linkSample(window.offerer?.pc));
  },
  async offerClose() {
    await page.evaluate(() => {
      window.offerer?.pc.close();
      window.offerer?.stream.getTracks().forEach((t) => t.stop());
      window.offerer = null;
    });
    return {};
  },
  // The console's own answerer (AgentCall) with the console's camera, in a page of its own.
  async pairAnswer({ offer, iceServers, width, height }) {
    if (!pairPage) {
      pairPage = await context.newPage();
      await pairPage.goto(option('url'));
      await pairPage.evaluate(watchFirstFrames);
    }
    const sdp = await pairPage.evaluate(async ({ offer, iceServers, width, height }) => {
      window.pairStream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: { width, height } });
      window.agentCall ??= await import(new URL('agentcall.js', location.href).href);
      const hub = { sendAnswer: () => {}, sendCandidate: () => {} };
      window.pairCall = new window.agentCall.AgentCall(hub, { call: 'pair', ice_servers: iceServers }, window.pairStream, null);
      // Played, as the console plays its call: Chromium counts the sound it plays (and conceals).
      window.pairCall.addEventListener('remotestream', () => {
        let video = document.querySelector('video#pairRemote');
        if (!video) {
          video = document.createElement('video');
          video.id = 'pairRemote';
          video.autoplay = true;
          document.body.append(video);
        }
        if (video.srcObject !== window.pairCall.remoteStream) video.srcObject = window.pairCall.remoteStream;
        video.play().catch(() => {});
      });
      await window.pairCall.onOffer(offer);
      return window.gatheredDescription(window.pairCall.pc);
    }, { offer, iceServers, width, height });
    return { sdp };
  },
  async pairSample() {
    return pairPage.evaluate(() => window.linkSample(window.pairCall?.pc));
  },
  async pairFirstFrame() {
    return { at: await firstFrameAt(pairPage) };
  },
  async pairClose() {
    await pairPage?.evaluate(() => {
      window.pairCall?.close();
      window.pairStream?.getTracks().forEach((t) => t.stop());
      window.pairCall = null;
    });
    return {};
  },
  async chromiumPair({ calls, seconds, width, height }) {
    const iceServers = await page.evaluate(() => window.benchPeers?.at(-1)?.iceServers ?? []);
    const a = await context.newPage();
    const b = await context.newPage();
    for (const [from, to] of [[a, b], [b, a]]) {
      await from.exposeFunction('toPeer', (m) => { to.evaluate((message) => window.pairReceive(message), m).catch(() => {}); });
    }
    await a.goto(option('url'));
    await b.goto(option('url'));
    await a.evaluate(watchFirstFrames);
    await b.evaluate(watchFirstFrames);
    const setups = [];
    for (let i = 0; i < calls; ++i) {
      setups.push(await pairCall(a, b, width, height, iceServers));
      await closePair(a);
      await closePair(b);
    }
    await pairCall(a, b, width, height, iceServers);
    // The console's side sends its full picture too, as in the kiosk's fixed-rate call.
    await b.evaluate(async () => {
      for (const sender of window.pair.getSenders()) {
        if (sender.track?.kind !== 'video') continue;
        const params = sender.getParameters();
        params.degradationPreference = 'maintain-resolution';
        if (params.encodings?.length) params.encodings[0].maxBitrate = 1200000;
        await sender.setParameters(params);
      }
    });
    const before = chromiumTicks();
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const ticks = chromiumTicks() - before;
    const wall = (Date.now() - started) / 1000;
    const frames = await a.evaluate(async () => {
      const report = await window.pair.getStats();
      let f = 0; let w = 0;
      report.forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') { f += s.framesDecoded ?? 0; w = s.frameWidth ?? w; } });
      return { f, w };
    });
    await closePair(a);
    await closePair(b);
    await a.close();
    await b.close();
    // Clock ticks are 1/100 s on Linux (sysconf(_SC_CLK_TCK)).
    return { setups, cpuPercentPerSide: (ticks / 100) / wall * 100 / 2, framesDecoded: frames.f, width: frames.w };
  },
  // The partners' dashboard in a tab of its own, logged in, pictured whole.
  async dashboard({ url, login, password, path }) {
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForSelector('#login:not([hidden])');
    await tab.fill('#login-name', login);
    await tab.fill('#login-password', password);
    await tab.click('#login-form button[type=submit]');
    await tab.waitForSelector('body[data-ready="yes"]');
    await tab.screenshot({ path, fullPage: true });
    const text = await tab.locator('main').innerText();
    await tab.close();
    return { text };
  },
  // axe-core on the page as it is now (or on `url`, in a tab of its own): fails on any serious
  // or critical violation, naming each rule, its impact and the elements to fix; the minor
  // ones are returned for review.
  async axe({ url }) {
    const tab = url ? await context.newPage() : page;
    if (url) await tab.goto(new URL(url, page.url()).href);
    const found = await tab.evaluate(async (source) => {
      if (!window.axe) (0, eval)(source);
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    }, axeSource);
    if (url) await tab.close();
    const describe = (list) => list.map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')}`).join(' | ');
    const grave = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    if (grave.length) throw new Error(`axe-core ${axeVersion}: ${describe(grave)}`);
    return { version: axeVersion, minor: describe(found) };
  },
  async screenshot({ path }) {
    await page.screenshot({ path, fullPage: true });
    return {};
  },
  async quit() {
    await browser.close();
    return {};
  },
};

reply({ ok: true, ready: true });
for await (const line of createInterface({ input: process.stdin })) {
  let request;
  try { request = JSON.parse(line); } catch { reply({ ok: false, error: 'not JSON' }); continue; }
  const run = commands[request.cmd];
  if (!run) { reply({ ok: false, error: `unknown command ${request.cmd}` }); continue; }
  try {
    reply({ ok: true, ...(await run.call(commands, request)) });
  } catch (error) {
    reply({ ok: false, error: String(error.message ?? error).split('\n')[0], console: consoleLines.slice(-20) });
  }
  if (request.cmd === 'quit') break;
}
process.exit(0);
