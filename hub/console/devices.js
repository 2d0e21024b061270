// SPDX-License-Identifier: EUPL-1.2
// The adviser's camera, microphone and speaker: chosen in "Réglages audio et vidéo", kept in
// this browser by deviceId (an adviser keeps her post and her headset from day to day), and
// tried there before anyone is put through to her: her own picture, the microphone's level,
// a tone on the speaker. The stream is the one the calls send, changed in place: a new device
// replaces its kind's track, and `trackChanged` lets the call and the next call's connection
// follow without a new offer.

const STORAGE_KEY = 'relais.console.devices';
const KIND = { camera: 'videoinput', microphone: 'audioinput', speaker: 'audiooutput' };
const NAME = { camera: 'Caméra', microphone: 'Micro', speaker: 'Haut-parleur' };
// What each kind asks of the device, whichever is chosen: a picture the kiosk's screen shows
// sharply, and a voice without the room's echo.
const WANTED = {
  camera: { width: 1280, height: 720 },
  microphone: { echoCancellation: true, noiseSuppression: true },
};
const GONE = {
  camera: "La caméra choisie n'est plus branchée : la caméra par défaut est utilisée.",
  microphone: "Le micro choisi n'est plus branché : le micro par défaut est utilisé.",
  speaker: "Le haut-parleur choisi n'est plus branché : la sortie par défaut est utilisée.",
};

function trouble(kind, error) {
  const what = kind === 'camera' ? 'la caméra' : 'le micro';
  switch (error.name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return kind === 'camera'
        ? "Aucune caméra n'est branchée sur ce poste : la personne vous entendra sans vous voir."
        : "Aucun micro n'est branché sur ce poste : la personne ne pourra pas vous entendre.";
    case 'NotAllowedError':
    case 'SecurityError':
      return `Le navigateur refuse l'accès à ${what} : autorisez la caméra et le micro pour ce site (l'icône à gauche de l'adresse), puis rechargez la page.`;
    case 'NotReadableError':
    case 'AbortError':
      return kind === 'camera'
        ? 'La caméra est déjà utilisée par une autre application (Teams, Zoom…) : fermez-la, puis choisissez la caméra à nouveau dans « Audio et vidéo ».'
        : 'Le micro est déjà utilisé par une autre application (Teams, Zoom…) : fermez-la, puis choisissez le micro à nouveau dans « Audio et vidéo ».';
    default:
      return `${kind === 'camera' ? 'La caméra' : 'Le micro'} ne répond pas (${error.message || error.name}).`;
  }
}

export class Devices {
  // dialog: the "Réglages audio et vidéo" dialog; stream(): the promise of the stream the
  // calls send; trackChanged(track): a camera or microphone changed in it; notice(text,
  // error): the console's line for what goes wrong.
  constructor(dialog, { stream, trackChanged, notice }) {
    this.dialog = dialog;
    this.stream = stream;
    this.trackChanged = trackChanged;
    this.notice = notice;
    this.chosen = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') ?? {};
    this.sinks = [];
    this.audio = null;
    this.source = null;
    this.meterFrame = 0;
    const $ = (selector) => dialog.querySelector(selector);
    this.select = { camera: $('#cameraChoice'), microphone: $('#microphoneChoice'), speaker: $('#speakerChoice') };
    this.preview = $('#devicesPreview');
    this.meter = $('#devicesLevel');
    this.status = $('#devicesStatus');
    this.tone = $('#toneTest');
    this.speakerSupported = 'setSinkId' in HTMLMediaElement.prototype;
    $('#speakerChoiceLabel').hidden = !this.speakerSupported;
    $('#speakerUnsupported').hidden = this.speakerSupported;
    for (const [kind, select] of Object.entries(this.select)) {
      select.addEventListener('change', () => this.choose(kind, select.value));
    }
    this.tone.addEventListener('click', () => this.playTone());
    $('#devicesDone').addEventListener('click', () => { this.remember(); dialog.close(); });
    // Sound starts only after a gesture in the page; a click in the panel is one.
    dialog.addEventListener('click', () => this.audio?.resume());
    dialog.addEventListener('close', () => this.stopMeter());
    navigator.mediaDevices?.addEventListener('devicechange', () => { if (dialog.open) this.fill(); });
  }

  // Whether this browser already holds her choice: then nobody makes her wait for a test.
  remembered() {
    return localStorage.getItem(STORAGE_KEY) !== null;
  }

  remember() {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(this.chosen));
  }

  say(text, error = false) {
    this.status.textContent = text;
    this.notice(text, error);
  }

  // The stream for the calls, with the devices chosen in this browser; never throws (an empty
  // stream when nothing opens: the notice says why).
  async openStream() {
    try {
      return await navigator.mediaDevices.getUserMedia({ audio: this.constraints('microphone'), video: this.constraints('camera') });
    } catch {
      // One device missing, refused, busy or gone: each on its own, so that the other still
      // works and the message names the one at fault.
      const stream = new MediaStream();
      for (const kind of ['microphone', 'camera']) {
        const track = await this.openTrack(kind);
        if (track) stream.addTrack(track);
      }
      return stream;
    }
  }

  constraints(kind) {
    const id = this.chosen[kind];
    return { ...WANTED[kind], ...(id ? { deviceId: { exact: id } } : {}) };
  }

  async openTrack(kind) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ [kind === 'camera' ? 'video' : 'audio']: this.constraints(kind) });
      return stream.getTracks()[0];
    } catch (error) {
      if (this.chosen[kind] && (error.name === 'OverconstrainedError' || error.name === 'NotFoundError')) {
        delete this.chosen[kind];
        if (this.remembered()) this.remember();
        const track = await this.openTrack(kind);
        if (track) this.say(GONE[kind], true);
        return track;
      }
      this.say(trouble(kind, error), true);
      return null;
    }
  }

  // The media elements that play the resident's sound, on the chosen speaker.
  async playOn(element) {
    this.sinks.push(element);
    await this.applySpeaker(element);
  }

  async applySpeaker(element) {
    if (!this.speakerSupported) return;
    try {
      await element.setSinkId(this.chosen.speaker ?? '');
    } catch {
      delete this.chosen.speaker;
      if (this.remembered()) this.remember();
      this.say(GONE.speaker, true);
      await element.setSinkId('').catch(() => {});
    }
  }

  // The panel, with her picture and level live; resolves when she closes it. `first`: her
  // first login in this browser, told why the panel comes before the queue.
  async open({ first = false } = {}) {
    this.dialog.querySelector('.first').hidden = !first;
    this.status.textContent = '';
    if (!this.dialog.open) this.dialog.showModal();
    const closed = new Promise((resolve) => this.dialog.addEventListener('close', resolve, { once: true }));
    const stream = await this.stream();
    this.preview.srcObject = stream;
    await this.fill();
    if (this.dialog.open) this.startMeter(stream);
    return closed;
  }

  // The three lists, from what the browser finds (names once the camera was allowed).
  async fill() {
    const stream = await this.stream();
    const devices = await navigator.mediaDevices.enumerateDevices();
    const inUse = {
      camera: stream.getVideoTracks()[0]?.getSettings().deviceId,
      microphone: stream.getAudioTracks()[0]?.getSettings().deviceId,
      speaker: this.sinks[0]?.sinkId || 'default',
    };
    for (const [kind, select] of Object.entries(this.select)) {
      const found = devices.filter((d) => d.kind === KIND[kind] && d.deviceId);
      select.replaceChildren(...found.map((d, i) => new Option(d.label || `${NAME[kind]} ${i + 1}`, d.deviceId)));
      if (found.length === 0) select.append(new Option(`${NAME[kind]} : aucun appareil trouvé`, ''));
      select.disabled = found.length === 0;
      const wanted = inUse[kind] ?? this.chosen[kind];
      if (found.some((d) => d.deviceId === wanted)) select.value = wanted;
    }
  }

  async choose(kind, deviceId) {
    this.chosen[kind] = deviceId;
    this.remember();
    this.status.textContent = '';
    if (kind === 'speaker') {
      for (const element of this.sinks) await this.applySpeaker(element);
      return;
    }
    const track = await this.openTrack(kind);
    if (!track) return;
    const stream = await this.stream();
    for (const old of stream.getTracks().filter((t) => t.kind === track.kind)) {
      stream.removeTrack(old);
      old.stop();
    }
    stream.addTrack(track);
    if (track.kind === 'audio' && this.dialog.open) this.startMeter(stream);
    this.trackChanged(track);
  }

  // The microphone's level, as the peak of each frame's samples, falling back slowly so that
  // the eye can follow a word.
  startMeter(stream) {
    this.stopMeter();
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    try {
      this.audio ??= new AudioContext();
      this.audio.resume().catch(() => {});
      this.source = this.audio.createMediaStreamSource(new MediaStream([track]));
    } catch {
      return; // no sound in this browser: the picture is still shown
    }
    const analyser = this.audio.createAnalyser();
    analyser.fftSize = 1024;
    this.source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let shown = 0;
    const draw = () => {
      analyser.getFloatTimeDomainData(samples);
      let peak = 0;
      for (const s of samples) peak = Math.max(peak, Math.abs(s));
      shown = Math.max(Math.min(peak, 1), shown * 0.85);
      this.meter.value = shown;
      this.meterFrame = requestAnimationFrame(draw);
    };
    draw();
  }

  stopMeter() {
    cancelAnimationFrame(this.meterFrame);
    this.source?.disconnect();
    this.source = null;
  }

  // A short two-note tone on the chosen speaker, as the resident's voice will be played.
  async playTone() {
    this.audio ??= new AudioContext();
    await this.audio.resume().catch(() => {});
    const out = this.audio.createMediaStreamDestination();
    const now = this.audio.currentTime;
    for (const [i, frequency] of [523.25, 659.25].entries()) {
      const tone = this.audio.createOscillator();
      const gain = this.audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, now + i * 0.4);
      gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.4 + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.4 + 0.38);
      tone.connect(gain).connect(out);
      tone.start(now + i * 0.4);
      tone.stop(now + i * 0.4 + 0.4);
    }
    const player = new Audio();
    player.srcObject = out.stream;
    await this.applySpeaker(player);
    await player.play().catch(() => {});
    // Counted on the page, with where it played, for the tests, which cannot hear it.
    this.tone.dataset.played = String(Number(this.tone.dataset.played ?? 0) + 1);
    this.tone.dataset.sink = player.sinkId ?? '';
    setTimeout(() => { player.srcObject = null; }, 1000);
  }
}
