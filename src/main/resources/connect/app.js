// The connect page's handshake: ask HighLevel's shell (the parent frame) who the user is, trade the encrypted answer
// for a session of the bridge, then show the server-rendered view. No framework; the session lives in memory only.
(function () {
  'use strict';
  var main = document.getElementById('connect');
  var status = document.getElementById('status');
  var base = main.getAttribute('data-base');
  var session = null;

  function say(text, attention) {
    status.textContent = text;
    status.className = attention ? 'attention' : '';
  }

  function show(html) {
    // escaped by the server's templates: every string from HighLevel or iCloud
    document.getElementById('view').innerHTML = html;
    say('', false);
  }

  function view() {
    return fetch(base + '/view', { headers: { 'Authorization': 'Bearer ' + session }, credentials: 'omit' })
      .then(function (r) {
        if (r.status === 401) { session = null; return signIn(); }
        if (!r.ok) { throw new Error('view ' + r.status); }
        return r.text().then(show);
      });
  }

  function trade(payload) {
    return fetch(base + '/session', {
      method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ payload: payload })
    }).then(function (r) {
      if (r.status === 401) { say(main.getAttribute('data-refused'), true); return null; }
      if (!r.ok) { throw new Error('session ' + r.status); }
      return r.json();
    }).then(function (answer) {
      if (!answer) { return null; }
      if (answer.agency) { show(answer.view); return null; }
      session = answer.session;
      return view();
    });
  }

  function signIn() {
    if (window.parent === window) { say(main.getAttribute('data-outside'), true); return Promise.resolve(); }
    return new Promise(function (resolve) {
      function onMessage(event) {
        if (event.source !== window.parent || !event.data || event.data.message !== 'REQUEST_USER_DATA_RESPONSE') {
          return;
        }
        window.removeEventListener('message', onMessage);
        resolve(trade(event.data.payload));
      }
      window.addEventListener('message', onMessage);
      window.parent.postMessage({ message: 'REQUEST_USER_DATA' }, '*');
    });
  }

  signIn().catch(function () { say(main.getAttribute('data-unavailable'), true); });
}());
