// An adviser in Debian's Chromium (headless, fake camera and microphone), driven by the
// agent-console tests through JSON lines: one command per line on stdin, one reply per line
// on stdout ({"ok": true, ...} or {"ok": false, "error": "..."}).
//
//   node browseragent.mjs --url https://127.0.0.1:PORT/ [--chromium /usr/bin/chromium]
//
// Commands: login {agency, login, password}; notice {}; presence {state}; canTake {};
// waitQueue {count}; take {}; waitCall {frames};
// stats {}; sendText {text}; waitText {text}; sendPdf {path}; waitDocument {}; hangUp {};
// waitEnded {}; reload {}; screenshot {path}; quit {}.

import { chromium } from 'playwright-core';
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
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--ignore-certificate-errors', // the hub's certificate is made for the test
    '--allow-loopback-in-peer-connection', // the kiosk is on 127.0.0.1 in the tests
    '--no-sandbox',
    '--lang=fr-FR',
  ],
});
const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR', viewport: { width: 1400, height: 900 } });
await context.grantPermissions(['camera', 'microphone']);
const page = await context.newPage();
const consoleLines = [];
page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
await page.goto(option('url'));

const timeout = 30000;
const reply = (object) => process.stdout.write(`${JSON.stringify(object)}\n`);
const framesDecoded = async () => Number(await page.locator('#quality').getAttribute('data-frames-decoded') ?? 0);

const commands = {
  async login({ agency, login, password }) {
    await page.fill('#agency', agency);
    await page.fill('#loginName', login);
    await page.fill('#password', password);
    await page.click('#login button[type=submit]');
    await page.waitForFunction(() => !document.querySelector('#desk').hidden || document.querySelector('#notice').classList.contains('error'), null, { timeout });
    if (await page.isHidden('#desk')) throw new Error(await page.textContent('#notice'));
    return { name: await page.textContent('#agentName') };
  },
  async notice() {
    return { notice: await page.textContent('#notice') };
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
    return { rows: await page.locator('#waiting tr td:first-child').allTextContents() };
  },
  async take() {
    await page.click('#waiting tr button');
    await page.waitForSelector('#callPanel:not([hidden])', { timeout });
    return { title: await page.textContent('#callTitle') };
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
  async reload() {
    await page.reload();
    await page.waitForSelector('#desk:not([hidden])', { timeout });
    return {};
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
