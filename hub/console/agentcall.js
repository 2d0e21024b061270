// SPDX-License-Identifier: EUPL-1.2
// One call as the agent's browser sees it: the answerer's RTCPeerConnection (the kiosk always
// offers, VP8 + Opus, bundled), remote candidates queued until the answer is set,
// the "relais" data channel, and the figures of getStats once a second.

import { DocumentChannel } from './documents.js';

export class AgentCall extends EventTarget {
  // localStream: the agent's camera and microphone, or the promise of them while the camera
  // opens (the first call of the day); the kiosk's offer waits for it instead of being lost.
  // prepared: a connection from prepareConnection() made while the agent waited, or null.
  constructor(hub, callMessage, localStream, prepared = null) {
    super();
    this.hub = hub;
    this.id = callMessage.call;
    this.peer = callMessage.peer ?? {};
    this.iceServers = (callMessage.ice_servers ?? []).map((s) => ({
      urls: s.urls, username: s.username, credential: s.credential,
    }));
    this.policy = callMessage.ice_transport_policy === 'relay' ? 'relay' : 'all';
    this.localStream = null;
    this.microphoneOn = true;
    this.cameraOn = true;
    this.streamReady = Promise.resolve(localStream).then((stream) => {
      this.localStream = stream;
      this.setMicrophone(this.microphoneOn);
      this.setCamera(this.cameraOn);
      return stream;
    });
    this.remoteStream = new MediaStream();
    this.channel = null;
    this.stats = { framesDecoded: 0, audioPackets: 0, audioEnergy: 0, rttMs: null, lossPercent: 0, inKbps: 0, outKbps: 0, pair: '' };
    this.lastBytes = null;
    this.timer = setInterval(() => this.readStats(), 1000);
    this.build(prepared);
  }

  build(prepared = null) {
    if (this.pc) this.pc.close();
    this.remoteSet = false;
    this.answered = false;
    this.pendingCandidates = [];
    const configuration = { iceServers: this.iceServers, iceTransportPolicy: this.policy, bundlePolicy: 'max-bundle' };
    let pc = null;
    if (prepared && prepared.signalingState === 'stable' && !prepared.remoteDescription) {
      pc = prepared;
      pc.setConfiguration(configuration); // the call's servers, before anything is gathered
    } else {
      pc = new RTCPeerConnection(configuration);
    }
    this.tracksAdded = pc === prepared;
    this.pc = pc;
    pc.onicecandidate = (event) => {
      if (this.pc !== pc) return;
      this.hub.sendCandidate(this.id, event.candidate ? event.candidate.candidate : '', event.candidate ? event.candidate.sdpMLineIndex ?? 0 : 0);
    };
    pc.ontrack = (event) => {
      if (this.pc !== pc) return;
      for (const old of this.remoteStream.getTracks().filter((t) => t.kind === event.track.kind)) this.remoteStream.removeTrack(old);
      this.remoteStream.addTrack(event.track);
      this.dispatchEvent(new Event('remotestream'));
    };
    pc.ondatachannel = (event) => {
      if (this.pc !== pc) return;
      this.channel = new DocumentChannel(event.channel);
      this.dispatchEvent(new CustomEvent('channel', { detail: this.channel }));
    };
    pc.onconnectionstatechange = () => {
      if (this.pc !== pc) return;
      this.dispatchEvent(new CustomEvent('state', { detail: pc.connectionState }));
    };
  }

  async onOffer(sdp) {
    // A second offer on the same call is the kiosk's rebuilt connection.
    if (this.remoteSet) this.build();
    const pc = this.pc;
    const stream = await this.streamReady;
    if (this.pc !== pc) return; // rebuilt meanwhile: the newer offer answers
    await pc.setRemoteDescription({ type: 'offer', sdp });
    this.remoteSet = true;
    if (!this.tracksAdded) {
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      this.tracksAdded = true;
    }
    const answer = await pc.createAnswer();
    // Sent before it is set: the kiosk applies it while this browser sets up its side, and
    // the answer says nothing that setting it could change (candidates trickle).
    this.hub.sendAnswer(this.id, answer.sdp);
    await pc.setLocalDescription(answer);
    this.answered = true;
    // The kiosk's early candidates are added after the answer: each one is a step of the
    // connection's queue of operations, which the answer would otherwise wait behind.
    for (const [candidate, mline] of this.pendingCandidates) await this.addCandidate(candidate, mline);
    this.pendingCandidates = [];
  }

  async onCandidate(candidate, mline) {
    if (!candidate) return; // end of candidates
    if (!this.answered) { this.pendingCandidates.push([candidate, mline]); return; }
    await this.addCandidate(candidate, mline);
  }

  async addCandidate(candidate, mline) {
    try {
      await this.pc.addIceCandidate({ candidate, sdpMLineIndex: mline });
    } catch (error) {
      console.warn('candidate refused', candidate, error);
    }
  }

  // The kiosk rebuilds its side (hub `restart`): drop ours and wait for its next offer.
  restart() {
    this.channel = null;
    this.build();
  }

  setMicrophone(on) {
    this.microphoneOn = on;
    for (const t of this.localStream?.getAudioTracks() ?? []) t.enabled = on;
  }

  setCamera(on) {
    this.cameraOn = on;
    for (const t of this.localStream?.getVideoTracks() ?? []) t.enabled = on;
  }

  // Another camera or microphone chosen during the call: the same sender carries it, so the
  // kiosk sees no new offer; it is on or off as the one it replaces was.
  async replaceTrack(track) {
    track.enabled = track.kind === 'audio' ? this.microphoneOn : this.cameraOn;
    for (const sender of this.pc?.getSenders() ?? []) {
      if (sender.track?.kind === track.kind) await sender.replaceTrack(track);
    }
  }

  async readStats() {
    if (!this.pc) return;
    const report = await this.pc.getStats();
    let framesDecoded = 0; let lost = 0; let received = 0; let bytesIn = 0; let bytesOut = 0;
    let audioPackets = 0; let audioEnergy = 0;
    let rtt = null; let pairId = null; const candidates = new Map();
    report.forEach((s) => {
      if (s.type === 'inbound-rtp') {
        if (s.kind === 'video') framesDecoded += s.framesDecoded ?? 0;
        if (s.kind === 'audio') { audioPackets += s.packetsReceived ?? 0; audioEnergy += s.totalAudioEnergy ?? 0; }
        lost += Math.max(0, s.packetsLost ?? 0); received += s.packetsReceived ?? 0; bytesIn += s.bytesReceived ?? 0;
      } else if (s.type === 'outbound-rtp') {
        bytesOut += s.bytesSent ?? 0;
      } else if (s.type === 'transport' && s.selectedCandidatePairId) {
        pairId = s.selectedCandidatePairId;
      } else if (s.type === 'local-candidate') {
        candidates.set(s.id, s.candidateType);
      }
    });
    if (pairId) {
      const pair = report.get(pairId);
      if (pair) {
        rtt = pair.currentRoundTripTime != null ? pair.currentRoundTripTime * 1000 : null;
        this.stats.pair = candidates.get(pair.localCandidateId) ?? '';
      }
    }
    const now = performance.now();
    if (this.lastBytes) {
      const seconds = (now - this.lastBytes.at) / 1000;
      this.stats.inKbps = Math.max(0, (bytesIn - this.lastBytes.in) * 8 / 1000 / seconds);
      this.stats.outKbps = Math.max(0, (bytesOut - this.lastBytes.out) * 8 / 1000 / seconds);
    }
    this.lastBytes = { at: now, in: bytesIn, out: bytesOut };
    this.stats.framesDecoded = framesDecoded;
    this.stats.audioPackets = audioPackets;
    this.stats.audioEnergy = audioEnergy;
    this.stats.rttMs = rtt;
    this.stats.lossPercent = received + lost > 0 ? (100 * lost) / (received + lost) : 0;
    this.dispatchEvent(new CustomEvent('stats', { detail: this.stats }));
  }

  close() {
    clearInterval(this.timer);
    if (this.pc) this.pc.close();
    this.pc = null;
    this.channel = null;
  }
}

// A connection for the next call, made while the agent waits, with her camera and microphone
// already on it: building a connection and its certificate, and adding tracks, then happen
// before the kiosk's offer instead of between the offer and the answer. The call's ICE
// servers are set when it comes (AgentCall's build()).
export function prepareConnection(localStream) {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  for (const track of localStream.getTracks()) pc.addTrack(track, localStream);
  return pc;
}

// The call's quality in plain words, as the kiosk says it.
export function qualityWords(stats) {
  if (stats.lossPercent >= 8 || (stats.rttMs ?? 0) > 800) return 'mauvaise';
  if (stats.lossPercent >= 2 || (stats.rttMs ?? 0) > 300) return 'moyenne';
  return 'bonne';
}
