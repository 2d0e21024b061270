// SPDX-License-Identifier: EUPL-1.2
// The "relais" data channel, version 1 (media/DATACHANNEL.md): text, real-time text (typing)
// and documents in 16 KiB chunks checked with SHA-256, both ways.

const CHUNK = 16384;
const MAX_SIZE = 20 * 1024 * 1024;
const HIGH_WATER = 512 * 1024;
const LOW_WATER = 128 * 1024;

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function uuidBytes(uuid) {
  const h = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(h.substr(i * 2, 2), 16));
}

function uuidString(bytes) {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// What the adviser reads of the kiosk's line ("line" message): the same words as the resident.
export function lineNotice(state) {
  if (state === 'reduced') return 'Connexion faible : image réduite';
  if (state === 'audio_only') return 'Connexion faible : son seulement';
  return '';
}

export class DocumentChannel extends EventTarget {
  constructor(channel) {
    super();
    this.channel = channel;
    channel.binaryType = 'arraybuffer';
    channel.bufferedAmountLowThreshold = LOW_WATER;
    this.incoming = new Map(); // doc id -> { name, mime, size, sha256, chunks, received, next }
    this.pendingAcks = new Map(); // doc id -> resolve
    channel.onmessage = (event) => this.onMessage(event.data);
    channel.onopen = () => this.dispatchEvent(new Event('open'));
    channel.onclose = () => this.dispatchEvent(new Event('close'));
  }

  get open() { return this.channel.readyState === 'open'; }

  sendControl(message) {
    if (!this.open) return false;
    this.channel.send(JSON.stringify(message));
    return true;
  }

  sendText(text) { return this.sendControl({ type: 'text', text: text.slice(0, 2000) }); }
  sendTyping(text) { return this.sendControl({ type: 'typing', text: text.slice(0, 2000) }); }

  async sendDocument(name, mime, bytes) {
    if (bytes.byteLength > MAX_SIZE) throw new Error('Le document dépasse 20 Mo.');
    if (!this.open) throw new Error("L'appel n'est pas établi.");
    const doc = crypto.randomUUID();
    const sha256 = hex(await crypto.subtle.digest('SHA-256', bytes));
    const acked = new Promise((resolve) => this.pendingAcks.set(doc, resolve));
    this.sendControl({ type: 'doc_start', doc, name, mime, size: bytes.byteLength, chunk_size: CHUNK, sha256 });
    const id = uuidBytes(doc);
    const total = Math.max(1, Math.ceil(bytes.byteLength / CHUNK));
    for (let index = 0; index * CHUNK < bytes.byteLength || (index === 0 && bytes.byteLength === 0); ++index) {
      if (this.channel.bufferedAmount > HIGH_WATER) {
        await new Promise((resolve) => { this.channel.onbufferedamountlow = resolve; });
      }
      if (!this.open) throw new Error("L'appel a été coupé pendant l'envoi.");
      const part = new Uint8Array(bytes, index * CHUNK, Math.min(CHUNK, bytes.byteLength - index * CHUNK));
      const frame = new Uint8Array(20 + part.byteLength);
      frame.set(id, 0);
      new DataView(frame.buffer).setUint32(16, index);
      frame.set(part, 20);
      this.channel.send(frame);
      this.dispatchEvent(new CustomEvent('progress', { detail: { doc, incoming: false, done: index + 1, total } }));
      if (bytes.byteLength === 0) break;
    }
    this.sendControl({ type: 'doc_end', doc });
    const ack = await acked;
    if (!ack.ok) throw new Error(`La borne a refusé le document (${ack.error}).`);
    return doc;
  }

  onMessage(data) {
    if (typeof data === 'string') {
      let message;
      try { message = JSON.parse(data); } catch { return; }
      if (!message || typeof message.type !== 'string') return;
      if (message.type === 'line') {
        // The kiosk's line as its rate control sees it; an unknown state says nothing.
        this.dispatchEvent(new CustomEvent('line', { detail: lineNotice(message.state) }));
      } else if (message.type === 'text' || message.type === 'typing') {
        this.dispatchEvent(new CustomEvent(message.type, { detail: String(message.text ?? '') }));
      } else if (message.type === 'doc_start') {
        this.startIncoming(message);
      } else if (message.type === 'doc_end') {
        this.finishIncoming(message.doc);
      } else if (message.type === 'doc_ack') {
        const resolve = this.pendingAcks.get(message.doc);
        this.pendingAcks.delete(message.doc);
        if (resolve) resolve(message);
      }
      return;
    }
    const frame = new Uint8Array(data);
    if (frame.byteLength < 20) return;
    const doc = uuidString(frame.subarray(0, 16));
    const index = new DataView(data).getUint32(16);
    const entry = this.incoming.get(doc);
    if (!entry) { this.sendControl({ type: 'doc_ack', doc, ok: false, error: 'unknown_document' }); return; }
    if (index !== entry.next) { this.fail(doc, 'out_of_order'); return; }
    entry.chunks.push(frame.slice(20));
    entry.received += frame.byteLength - 20;
    entry.next += 1;
    if (entry.received > entry.size) { this.fail(doc, 'size_mismatch'); return; }
    this.dispatchEvent(new CustomEvent('progress', { detail: { doc, incoming: true, done: entry.received, total: entry.size } }));
  }

  startIncoming(m) {
    const ok = typeof m.doc === 'string' && /^[0-9a-f-]{36}$/.test(m.doc);
    if (!ok) { this.sendControl({ type: 'doc_ack', doc: m.doc, ok: false, error: 'bad_id' }); return; }
    if (!(m.size >= 0 && m.size <= MAX_SIZE)) { this.sendControl({ type: 'doc_ack', doc: m.doc, ok: false, error: 'too_large' }); return; }
    if (!/^[0-9a-f]{64}$/.test(m.sha256 ?? '')) { this.sendControl({ type: 'doc_ack', doc: m.doc, ok: false, error: 'bad_digest' }); return; }
    this.incoming.set(m.doc, { name: String(m.name ?? 'document'), mime: String(m.mime ?? 'application/octet-stream'), size: m.size, sha256: m.sha256, chunks: [], received: 0, next: 0 });
  }

  async finishIncoming(doc) {
    const entry = this.incoming.get(doc);
    if (!entry) return;
    this.incoming.delete(doc);
    if (entry.received !== entry.size) { this.sendControl({ type: 'doc_ack', doc, ok: false, error: 'size_mismatch' }); return; }
    const blob = new Blob(entry.chunks, { type: entry.mime });
    const digest = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    if (digest !== entry.sha256) { this.sendControl({ type: 'doc_ack', doc, ok: false, error: 'sha256_mismatch' }); return; }
    this.sendControl({ type: 'doc_ack', doc, ok: true });
    this.dispatchEvent(new CustomEvent('document', { detail: { doc, name: entry.name, mime: entry.mime, blob, sha256: digest } }));
  }

  fail(doc, error) {
    this.incoming.delete(doc);
    this.sendControl({ type: 'doc_ack', doc, ok: false, error });
  }
}
