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
  document.addEventListener('htmx:afterSettle', function () {
    var thread = document.getElementById('thread');
    if (thread) { thread.scrollTop = thread.scrollHeight; }
  });
})();
