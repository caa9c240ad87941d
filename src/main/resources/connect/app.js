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
    var field = document.querySelector('#view input');
    if (field) { field.focus(); } // the form's first field, so the keyboard starts there
    var running = document.querySelector('#view [data-refresh]'); // long work: its progress is asked for again
    if (running) {
      setTimeout(function () { view().catch(function () { say(main.getAttribute('data-unavailable'), true); }); },
        +running.getAttribute('data-refresh'));
    }
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

  // The connect form: each step posts the form's fields as JSON with the session; the answer says where it goes
  // (X-Connect-Target: the whole view, the calendar choices, or the form's error line).
  function post(step, body) {
    return fetch(base + '/' + step, {
      method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + session },
      body: JSON.stringify(body)
    }).then(function (r) {
      if (r.status === 401) { session = null; return signIn(); }
      return r.text().then(function (html) {
        var target = r.headers.get('X-Connect-Target') || 'view';
        if (target === 'view') { show(html); return; }
        var error = document.getElementById('form-error');
        error.innerHTML = target === 'form-error' ? html : '';
        if (target === 'choices') {
          document.getElementById('choices').innerHTML = html;
          var first = document.querySelector('#choices input:not([disabled])');
          if (first) { first.focus(); }
        }
      });
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.hasAttribute('data-action')) { return; }
    event.preventDefault();
    var step = event.submitter && event.submitter.value ? event.submitter.value
      : (form.querySelector('button[type=submit]') || {}).value || 'calendars';
    if (event.submitter && event.submitter.hasAttribute('data-busy')) {
      say(event.submitter.getAttribute('data-busy'), false); // long work shows that it runs
    }
    var body = { conflictCalendars: [] };
    new FormData(form).forEach(function (value, key) {
      if (key === 'conflictCalendars') { body.conflictCalendars.push(value); } else if (key !== 'step') { body[key] = value; }
    });
    post(step, body).catch(function () { say(main.getAttribute('data-unavailable'), true); });
  });

  signIn().catch(function () { say(main.getAttribute('data-unavailable'), true); });
}());
