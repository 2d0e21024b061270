// SPDX-License-Identifier: EUPL-1.2
// A word to a resident waiting in the queue ("Je suis à vous dans 5 minutes"): the hub's ready
// words, or a short text of the adviser's own, chosen in a dialog opened from her row
// (PROTOCOL.md, "A word to a waiting resident"). The kiosk shows it and reads it aloud.

export class WaitingWord {
  // `send(request, { word } | { text })` passes it to the hub.
  constructor(dialog, send) {
    this.dialog = dialog;
    this.send = send;
    this.request = null;
    this.list = dialog.querySelector('.ready');
    this.form = dialog.querySelector('form');
    this.text = this.form.querySelector('input');
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.text.value.trim();
      if (text) this.say({ text });
    });
    dialog.querySelector('button.close').addEventListener('click', () => dialog.close());
  }

  // The welcome's `ready_words`: one button each.
  setWords(words) {
    this.list.replaceChildren();
    for (const { word, text } of words) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = text;
      b.dataset.word = word;
      b.addEventListener('click', () => this.say({ word }));
      this.list.append(b);
    }
  }

  open(waiting) {
    this.request = waiting.request;
    this.dialog.querySelector('.for').textContent = `À la personne de ${waiting.site_name}${waiting.commune ? ` (${waiting.commune})` : ''}.`;
    this.text.value = '';
    this.dialog.showModal();
  }

  // Her row has left the queue (taken, gone): nothing to say to it any more.
  forget(waitingRequests) {
    if (this.dialog.open && !waitingRequests.includes(this.request)) this.dialog.close();
  }

  say(what) {
    this.send(this.request, what);
    this.dialog.close();
  }
}
