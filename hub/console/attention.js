// SPDX-License-Identifier: EUPL-1.2
// What tells someone working in another tab that a person waits, for the advisers' console and
// the mediator's desk alike: the count in the tab's title, a short chime and, when the browser
// allows it, a desktop notification, each time someone new arrives. The sound can be turned
// off with a button; the choice is remembered in this browser.

let audio = null;

// A short two-tone chime; the browser allows sound once the page has been clicked (the login
// does).
function chime() {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.35 + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.35 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + i * 0.35);
      tone.stop(now + i * 0.35 + 0.32);
    }
  } catch { /* no sound device: the page still shows who waits */ }
}

export class Attention {
  // idleTitle: the tab's title when nobody waits; waitingTitle(n): when n people wait;
  // soundButton: the button that turns the chime off and on; storageKey: where that choice is
  // kept.
  constructor({ idleTitle, waitingTitle, soundButton, storageKey }) {
    this.idleTitle = idleTitle;
    this.waitingTitle = waitingTitle;
    this.button = soundButton;
    this.storageKey = storageKey;
    this.known = new Set();
    this.silent = localStorage.getItem(storageKey) === 'off';
    // Counted on the page for the tests, which cannot hear the chime.
    document.body.dataset.chimes = '0';
    this.showSound();
    this.button.addEventListener('click', () => {
      this.silent = !this.silent;
      localStorage.setItem(this.storageKey, this.silent ? 'off' : 'on');
      this.showSound();
    });
  }

  showSound() {
    this.button.textContent = this.silent ? 'Son coupé' : 'Son activé';
    this.button.setAttribute('aria-pressed', String(!this.silent));
    this.button.title = this.silent ? 'Remettre le son des arrivées' : 'Couper le son des arrivées';
  }

  // Asked once, from a click (the login): browsers ask the person only then.
  static askNotifications() {
    if ('Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission().catch(() => {});
    }
  }

  // `waiting`: [{ id, line }] of who waits now, `line` saying who it is in a few words.
  // `quiet`: no sound now (the adviser is in a call); the title still counts.
  update(waiting, quiet = false) {
    const fresh = waiting.filter((w) => !this.known.has(w.id));
    this.known = new Set(waiting.map((w) => w.id));
    document.title = waiting.length > 0 ? this.waitingTitle(waiting.length) : this.idleTitle;
    if (fresh.length === 0) return;
    if (!this.silent && !quiet) {
      chime();
      document.body.dataset.chimes = String(Number(document.body.dataset.chimes) + 1);
    }
    if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
      const note = new Notification(this.waitingTitle(waiting.length), { body: fresh.map((w) => w.line).join('\n'), tag: 'relais-attention' });
      note.onclick = () => { window.focus(); note.close(); };
    }
  }

  reset() {
    this.known = new Set();
    document.title = this.idleTitle;
  }
}
