// Otklik web chat. Anonymous: the browser keeps a random visitor token (localStorage) and sends it as a header.
// Every text from the server is put on the page with textContent, never as HTML.
(function () {
  'use strict';
  var root = document.getElementById('otklik-chat');
  var key = root.dataset.widgetKey;
  var api = '/widget/api/' + encodeURIComponent(key);
  var storageKey = 'otklik-visitor-' + key;
  var log = document.getElementById('chat-log');
  var form = document.getElementById('chat-form');
  var input = document.getElementById('chat-input');
  var nameInput = document.getElementById('chat-name');
  var errorBox = document.getElementById('chat-error');
  var statusBox = document.getElementById('chat-status');
  var lastRendered = '';
  var STATUS = {
    waiting: 'ожидание специалиста', assigned: 'специалист на связи', awaiting_user: 'ждём вашего ответа',
    resolution_proposed: 'подтвердите решение', closed: 'обращение закрыто'
  };

  function token() {
    return localStorage.getItem(storageKey);
  }

  function call(method, path, body) {
    var headers = { 'Content-Type': 'application/json' };
    if (token()) { headers['X-Visitor-Token'] = token(); }
    return fetch(api + path, { method: method, headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then(function (r) {
        return r.text().then(function (t) {
          var data = t ? JSON.parse(t) : null;
          if (!r.ok) { throw new Error(data && data.error ? data.error : 'HTTP ' + r.status); }
          return data;
        });
      });
  }

  function ensureVisitor() {
    if (token()) { return Promise.resolve(token()); }
    return call('POST', '/visitors').then(function (v) {
      localStorage.setItem(storageKey, v.visitorToken);
      return v.visitorToken;
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text != null) { e.textContent = text; }
    return e;
  }

  function render(state) {
    var fingerprint = JSON.stringify(state);
    if (fingerprint === lastRendered) { return; }
    lastRendered = fingerprint;
    statusBox.textContent = state.status ? STATUS[state.status] || state.status : '';
    if (state.status === 'waiting' && state.queue) {
      statusBox.textContent += ' · вы ' + state.queue.position + '-й в очереди, ~'
        + Math.max(1, Math.ceil(state.queue.estimatedWaitSeconds / 60)) + ' мин';
    }
    if (state.status === 'waiting') {
      // the visitor may stop waiting; the conversation closes as abandoned and leaves the queue
      var leave = el('button', 'chat-leave', 'Не ждать');
      leave.type = 'button';
      leave.id = 'chat-leave';
      leave.addEventListener('click', function () { call('POST', '/leave').then(render).catch(showError); });
      statusBox.appendChild(document.createTextNode(' '));
      statusBox.appendChild(leave);
    }
    log.replaceChildren();
    if (!state.messages.length) {
      log.appendChild(el('p', 'chat-hint', 'Здравствуйте! Опишите вопрос — специалист поддержки ответит здесь же.'));
    }
    var lastResolution = -1, lastCsat = -1;
    state.messages.forEach(function (m, i) {
      if (m.kind === 'resolution_request') { lastResolution = i; }
      if (m.kind === 'csat_request') { lastCsat = i; }
    });
    state.messages.forEach(function (m, i) {
      var cls = m.direction === 'in' ? 'bubble in' : (m.kind === 'text' ? 'bubble out' : 'bubble system');
      var b = el('div', cls, m.text);
      b.dataset.kind = m.kind;
      if (i === lastResolution && state.status === 'resolution_proposed') {
        var actions = el('div', 'actions');
        var yes = el('button', null, 'Да, решено');
        yes.id = 'confirm-yes';
        yes.onclick = function () { answer(true); };
        var no = el('button', 'secondary', 'Нет, не решено');
        no.id = 'confirm-no';
        no.onclick = function () { answer(false); };
        actions.append(yes, no);
        b.appendChild(actions);
      }
      if (i === lastCsat && state.status === 'closed') {
        if (state.csat) {
          b.appendChild(el('div', 'thanks', 'Спасибо за оценку: ' + state.csat.score + ' из 5'));
        } else {
          var stars = el('div', 'actions stars');
          [1, 2, 3, 4, 5].forEach(function (n) {
            var s = el('button', null, '★ ' + n);
            s.id = 'csat-' + n;
            s.title = n + ' из 5';
            s.onclick = function () { rate(n); };
            stars.appendChild(s);
          });
          b.appendChild(stars);
        }
      }
      log.appendChild(b);
    });
    log.scrollTop = log.scrollHeight;
  }

  function refresh() {
    if (!token()) { return Promise.resolve(); }
    return call('GET', '/conversation').then(render).catch(function () { /* retried on the next tick */ });
  }

  function answer(confirmed) {
    call('POST', '/confirmation', { confirmed: confirmed }).then(render).catch(showError);
  }

  function rate(score) {
    call('POST', '/csat', { score: score }).then(refresh).catch(showError);
  }

  function showError(e) {
    errorBox.textContent = e.message;
  }

  function uuid() {
    return (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(16).slice(2));
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    errorBox.textContent = '';
    var message = { clientMessageId: uuid(), text: text, name: nameInput.value.trim() || null };
    ensureVisitor()
      .then(function () { return call('POST', '/messages', message); })
      .then(function () { input.value = ''; return refresh(); })
      .catch(showError);
  });
  // a photo (e.g. for access recovery: yourself with the site on a screen) is sent as a message of its own
  var photo = document.getElementById('chat-photo');
  photo.addEventListener('change', function () {
    var file = photo.files && photo.files[0];
    if (!file) { return; }
    errorBox.textContent = '';
    var data = new FormData();
    data.append('clientMessageId', uuid());
    data.append('file', file);
    ensureVisitor()
      .then(function () {
        return fetch(api + '/photos', { method: 'POST', headers: { 'X-Visitor-Token': token() }, body: data });
      })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { throw new Error(body && body.error ? body.error : 'HTTP ' + r.status); }
          if (body.attachment && body.attachment.refused) { throw new Error('Фото не принято: ' + body.attachment.refused); }
        });
      })
      .then(function () { photo.value = ''; return refresh(); })
      .catch(showError);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });

  refresh();
  setInterval(refresh, 2000);
})();
