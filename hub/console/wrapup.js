// SPDX-License-Identifier: EUPL-1.2
// After a call, how it ended: the adviser picks one of the outcomes the hub's welcome lists
// (`wrap_up_outcomes`, one list in common/callwrapup.h). The hub keeps it, naming no one, and
// sends it to the observatory, where it is counted per agency (PROTOCOL.md, "Wrap-up"). The
// panel waits beside the queue: taking the next person first loses nothing but this answer.

export class WrapUp {
  // `send(message)` sends to the hub and returns the message's id.
  constructor(panel, send) {
    this.panel = panel;
    this.send = send;
    this.buttons = panel.querySelector('.outcomes');
    this.status = panel.querySelector('.status');
    this.call = null;
    this.ref = null;
    panel.querySelector('button.later').addEventListener('click', () => this.hide());
  }

  setOutcomes(outcomes) {
    this.buttons.replaceChildren(...outcomes.map(({ outcome, text }) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.dataset.outcome = outcome;
      b.addEventListener('click', () => this.pick(outcome));
      return b;
    }));
  }

  // The call `callId` is over: ask how it ended.
  ask(callId) {
    if (!this.buttons.children.length) return;
    this.call = callId;
    this.ref = null;
    this.status.textContent = '';
    for (const b of this.buttons.children) b.disabled = false;
    this.panel.hidden = false;
  }

  pick(outcome) {
    if (!this.call) return;
    for (const b of this.buttons.children) b.disabled = true;
    this.status.textContent = 'Enregistrement…';
    this.ref = this.send({ type: 'wrap_up', call: this.call, outcome });
  }

  // The hub's `wrap_up_saved`: the text of the outcome kept, for the notice.
  saved(detail) {
    if (detail.call !== this.call) return null;
    const chosen = [...this.buttons.children].find((b) => b.dataset.outcome === detail.outcome);
    this.hide();
    return chosen?.textContent ?? detail.outcome;
  }

  // An error answering our wrap_up: said in the panel. True when it was ours.
  refused(error) {
    if (!this.ref || error.ref !== this.ref) return false;
    this.ref = null;
    this.status.textContent = error.code === 'not_found'
      ? "Cet appel ne peut plus être qualifié (il l'a déjà été, ou il est trop ancien)."
      : "L'issue de l'appel n'a pas été enregistrée ; réessayez.";
    for (const b of this.buttons.children) b.disabled = error.code === 'not_found';
    return true;
  }

  hide() {
    this.call = null;
    this.ref = null;
    this.panel.hidden = true;
  }
}
