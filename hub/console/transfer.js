// SPDX-License-Identifier: EUPL-1.2
// Passing the resident on during a call: the hub lists where to (the site's other counters,
// the colleagues present; PROTOCOL.md, "Passing the call on") and the adviser picks one in a
// dialog. The kiosk tells her "On vous passe un autre conseiller"; this adviser's call ends.

const STATES = { available: 'disponible', paused: 'en pause' };

function agencyName(id) {
  return id.replace(/-/g, ' ').toUpperCase();
}

export class Transfer {
  // `hub`: () => the HubClient; `callId`: () => the current call's id.
  constructor(dialog, hub, callId) {
    this.dialog = dialog;
    this.hub = hub;
    this.callId = callId;
    this.colleagues = dialog.querySelector('.colleagues');
    this.agencies = dialog.querySelector('.agencies');
    this.status = dialog.querySelector('.status');
    dialog.querySelector('button.close').addEventListener('click', () => dialog.close());
  }

  open() {
    this.colleagues.replaceChildren();
    this.agencies.replaceChildren();
    this.status.textContent = 'Recherche des collègues et des organismes…';
    this.hub().send({ type: 'transfer_options', call: this.callId() });
    this.dialog.showModal();
  }

  // The hub's `transfer_options`.
  show(options) {
    if (!this.dialog.open || options.call !== this.callId()) return;
    this.colleagues.replaceChildren(...options.colleagues.map((c) => this.choice(
      `${c.display_name} (${c.login}) — ${c.in_call ? 'en appel' : STATES[c.state] ?? c.state}`,
      { login: c.login }, true)));
    this.agencies.replaceChildren(...options.agencies.map((a) => this.choice(
      `File ${agencyName(a.agency)}${a.open ? '' : ' — fermée'}`, { agency: a.agency }, a.open)));
    const none = options.colleagues.length === 0 && options.agencies.length === 0;
    this.status.textContent = none ? 'Aucun collègue connecté, et aucun autre organisme à cet espace.' : '';
  }

  // The hub refused (the colleague left, the counter closed): said in the dialog, call unchanged.
  refused(message) {
    if (this.dialog.open) this.status.textContent = `Transfert impossible : ${message}`;
  }

  choice(label, target, enabled) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.disabled = !enabled;
    b.dataset.target = target.login ?? target.agency;
    b.addEventListener('click', () => {
      this.hub().send({ type: 'transfer', call: this.callId(), ...target });
      this.status.textContent = 'Transfert en cours…';
    });
    li.append(b);
    return li;
  }

  close() {
    if (this.dialog.open) this.dialog.close();
  }
}
