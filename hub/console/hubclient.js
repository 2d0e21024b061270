// SPDX-License-Identifier: EUPL-1.2
// The agent's and the mediator's side of hub/PROTOCOL.md v1 over the hub's WebSocket: hello
// (with the password once, then the welcome's session token),
// then the agent's presence, queue, take and call signalling, or the mediator's calls for
// help. A dropped connection says hello again (with `resume_call` during a call, as the
// protocol's "Rebuilding a call" describes).

// A refused hello, in French for the person logging in.
function refusal(identity, error) {
  if (error.code === 'unauthorized' && identity.session) {
    return 'Votre session a pris fin. Reconnectez-vous avec votre mot de passe.';
  }
  if (error.code === 'unauthorized') {
    const scope = identity.role === 'mediator' ? 'Espace' : 'Organisme';
    const supervising = identity.role === 'supervisor'
      ? ' (la supervision demande un compte ouvert à la supervision par l\'administrateur)' : '';
    return `${scope}, identifiant ou mot de passe incorrect${supervising}.`;
  }
  if (error.code === 'throttled') {
    const seconds = error.retry_after_s ?? 60;
    const wait = seconds < 2 ? '1 seconde'
      : seconds < 120 ? `${seconds} secondes` : `${Math.ceil(seconds / 60)} minutes`;
    return `Trop d'essais de connexion manqués depuis ce poste. Réessayez dans ${wait}.`;
  }
  return `Le serveur a refusé la connexion (${error.code}).`;
}

// The hub let this account go while it was logged in (relais-hub disable-account,
// remove-account, or a new password given with add-agent again).
const ACCOUNT_CLOSED = "Votre compte a été désactivé ou son mot de passe a changé\u00a0: vous êtes déconnecté(e). Adressez-vous à l'administrateur du guichet.";

export class HubClient extends EventTarget {
  constructor(url) {
    super();
    this.url = url;
    this.socket = null;
    this.credentials = null;
    this.call = null;      // the call in progress, resumed after a dropped connection
    this.closing = false;
    this.nextId = 1;
  }

  // `identity`: the hello's role and credentials, { role: 'agent', agency, login, password }
  // or { role: 'mediator', site, login, password }, or `session` (a welcome's token) instead of
  // the password. Resolves with the welcome; rejects with an Error whose message is a French
  // sentence for the person logging in and whose `code` is the hub's error code. Once welcomed,
  // only the token is kept (for reconnections), never the password.
  login(identity, resumeCall = null) {
    this.credentials = identity;
    this.closing = false;
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url);
      this.socket = socket;
      let welcomed = false;
      const sayHello = () => {
        const hello = { type: 'hello', protocol: 1, ...identity };
        if (resumeCall) hello.resume_call = resumeCall;
        socket.send(JSON.stringify(hello));
      };
      socket.onopen = sayHello;
      socket.onmessage = (event) => {
        let message;
        try { message = JSON.parse(event.data); } catch { return; }
        if (!message || typeof message.type !== 'string') return;
        if (message.type === 'welcome') {
          welcomed = true;
          if (message.session) {
            const kept = { ...identity, session: message.session };
            delete kept.password;
            this.credentials = kept;
          }
          resolve(message);
        } else if (message.type === 'error' && message.code === 'busy' && !welcomed) {
          // The hub is checking many passwords (an attack, or everyone at nine): ask again.
          setTimeout(() => {
            if (this.socket === socket && socket.readyState === WebSocket.OPEN) sayHello();
          }, (message.retry_after_s ?? 1) * 1000);
        } else if (message.type === 'error' && message.fatal && !welcomed) {
          reject(Object.assign(new Error(refusal(identity, message)), { code: message.code }));
        } else if (message.type === 'error' && message.code === 'account_closed') {
          // Saying hello again would only be refused: the page asks for a login.
          this.closing = true;
          this.credentials = null;
          this.dispatchEvent(new CustomEvent('session_ended', { detail: { message: ACCOUNT_CLOSED } }));
          return;
        }
        this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
      };
      socket.onclose = () => {
        if (!welcomed) {
          reject(new Error('Le serveur du guichet ne répond pas. Vérifiez la connexion et réessayez.'));
          return;
        }
        if (this.socket === socket) this.dropped();
      };
    });
  }

  dropped() {
    this.socket = null;
    if (this.closing) return;
    this.dispatchEvent(new CustomEvent('connection_lost', { detail: { call: this.call } }));
    // About once a second, as the kiosk does; the hub keeps the call for its grace period.
    setTimeout(() => this.reconnect(), 1000);
  }

  async reconnect() {
    if (this.closing || !this.credentials) return;
    try {
      await this.login(this.credentials, this.call);
      this.dispatchEvent(new CustomEvent('reconnected', { detail: { call: this.call } }));
    } catch (error) {
      // A token the hub no longer honours (logged out elsewhere, expired, the hub restarted)
      // will not come back by trying again: the page asks for the password.
      if (error.code === 'unauthorized' || error.code === 'throttled') {
        this.closing = true;
        this.credentials = null;
        this.dispatchEvent(new CustomEvent('session_ended', { detail: { message: error.message } }));
        return;
      }
      setTimeout(() => this.reconnect(), 1000);
    }
  }

  send(message) {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    message.id = String(this.nextId++);
    this.socket.send(JSON.stringify(message));
    return true;
  }

  setPresence(state) { return this.send({ type: 'presence', state }); }
  take(request) { return this.send(request ? { type: 'take', request } : { type: 'take' }); }
  callbackDone(callback) { return this.send({ type: 'callback_done', callback }); }
  sendAnswer(call, sdp) { return this.send({ type: 'sdp', call, sdp: { type: 'answer', sdp } }); }
  sendCandidate(call, candidate, mline) {
    return this.send({ type: 'ice', call, candidate, sdp_mline_index: mline });
  }
  hangUp(call, reason = 'done') { return this.send({ type: 'hangup', call, reason }); }
  helpTaken(alert) { return this.send({ type: 'help_taken', alert }); }

  // Revokes the session token at the hub (`logout`) before closing.
  logout() {
    this.closing = true;
    this.credentials = null;
    this.call = null;
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'logout' }));
    if (this.socket) this.socket.close(1000);
    this.socket = null;
  }
}
