// Workspace helpers: CSRF header for htmx requests, canned replies into the reply box, Ctrl+Enter to send.
(function () {
  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }
  document.addEventListener('htmx:configRequest', function (e) {
    var c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });
  document.addEventListener('change', function (e) {
    var select = e.target;
    if (!select.matches('#canned-select') || !select.value) { return; }
    putCannedReplyInComposer(select.dataset.conversation, select.value);
    select.value = '';
  });
  document.addEventListener('click', function (e) {
    var button = e.target.closest('.suggestion');
    if (!button) { return; }
    putCannedReplyInComposer(button.dataset.conversation, button.dataset.reply);
  });
  function putCannedReplyInComposer(conversationId, replyId) {
    fetch('/workspace/conversations/' + conversationId + '/canned/' + replyId, { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (text) {
        var box = document.getElementById('reply-text');
        box.value = text;
        box.focus();
      });
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.id === 'reply-text') {
      e.preventDefault();
      htmx.trigger(document.getElementById('composer'), 'submit');
    }
  });
  // Facts the service promised never to reveal: not copied out of the page, not pasted into a reply (the server
  // refuses such a reply anyway).
  function insideNeverReveal(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest('.never-reveal'));
  }
  ['copy', 'cut'].forEach(function (type) {
    document.addEventListener(type, function (e) {
      var sel = document.getSelection();
      if (sel && (insideNeverReveal(sel.anchorNode) || insideNeverReveal(sel.focusNode))) { e.preventDefault(); }
    });
  });
  function normalised(s) {
    return (' ' + s.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim() + ' ');
  }
  document.addEventListener('paste', function (e) {
    if (e.target.id !== 'reply-text' || !e.clipboardData) { return; }
    var pasted = normalised(e.clipboardData.getData('text'));
    var secrets = document.querySelectorAll('.never-reveal .secret');
    for (var i = 0; i < secrets.length; i++) {
      var value = normalised(secrets[i].textContent).trim();
      if (value.length >= 3 && pasted.indexOf(' ' + value + ' ') >= 0) {
        e.preventDefault();
        var error = document.getElementById('pane-error');
        if (error) { error.textContent = secrets[i].closest('dd').title; }
        return;
      }
    }
  });
  document.addEventListener('htmx:afterSettle', function () {
    var thread = document.getElementById('thread');
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  });
})();
