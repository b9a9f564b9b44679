// Otklik widget loader: <script src="https://support.example/widget.js" data-key="WIDGET_KEY" defer></script>
// Adds a chat button to the page; the chat itself runs in a frame served by Otklik.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.key) { return; }
  var origin = new URL(script.src).origin;
  var frame = document.createElement('iframe');
  frame.src = origin + '/widget/' + encodeURIComponent(script.dataset.key);
  frame.title = 'Чат поддержки';
  frame.id = 'otklik-widget-frame';
  frame.style.cssText = 'position:fixed;right:20px;bottom:84px;width:370px;height:540px;max-height:80vh;'
    + 'border:1px solid #d0d5dd;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.18);display:none;'
    + 'z-index:2147483646;background:#fff';
  var button = document.createElement('button');
  button.type = 'button';
  button.id = 'otklik-widget-button';
  button.textContent = 'Написать в поддержку';
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;z-index:2147483647;background:#1f6feb;color:#fff;'
    + 'border:0;border-radius:24px;padding:12px 18px;font:14px system-ui,sans-serif;cursor:pointer;'
    + 'box-shadow:0 4px 14px rgba(0,0,0,.2)';
  button.addEventListener('click', function () {
    frame.style.display = frame.style.display === 'none' ? 'block' : 'none';
  });
  document.body.appendChild(frame);
  document.body.appendChild(button);
})();
