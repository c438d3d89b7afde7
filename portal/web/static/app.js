/* gyqc portal: drag and drop for the upload forms and the live board. Plain ES5 so that
   old office browsers run it; every page works without it. */
(function () {
  'use strict';

  function byId(id) { return document.getElementById(id); }

  function show(el) { if (el) { el.className = el.className.replace(/\s*hidden/g, ''); } }

  // Upload forms: a busy note on submit (and no second submit), files dropped on the box.
  var form = byId('upload') || (byId('drop') && byId('drop').form) || null;
  if (!form && byId('file')) { form = byId('file').form; }
  if (form) {
    var input = byId('file'), drop = byId('drop'), sending = false;
    form.addEventListener('submit', function (e) {
      if (sending) { e.preventDefault(); return; }
      sending = true;
      show(byId('progress'));
      if (byId('send')) { byId('send').disabled = true; }
    });
    if (drop && input && 'ondrop' in drop && window.DataTransfer) {
      show(byId('dragnote'));
      var stop = function (e) { e.preventDefault(); e.stopPropagation(); };
      drop.addEventListener('dragover', function (e) { stop(e); drop.className = 'drop over'; });
      drop.addEventListener('dragleave', function (e) { stop(e); drop.className = 'drop'; });
      drop.addEventListener('drop', function (e) {
        stop(e);
        drop.className = 'drop';
        var files = e.dataTransfer && e.dataTransfer.files;
        if (!files || !files.length) { return; }
        try { input.files = files; } catch (err) { return; }
        if (!input.files || !input.files.length) { return; }
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      });
    }
  }

  // Forms that ask before they act (replacing a unit's link).
  var asks = document.querySelectorAll('form.confirm');
  for (var i = 0; i < asks.length; i++) {
    asks[i].addEventListener('submit', function (e) {
      if (!window.confirm(this.getAttribute('data-confirm'))) { e.preventDefault(); }
    });
  }

  // The live board: fetched again every few seconds and replaced in place.
  var board = byId('board');
  if (board && board.getAttribute('data-src')) {
    var src = board.getAttribute('data-src'), busy = false;
    var refresh = function () {
      if (busy || document.hidden) { return; }
      busy = true;
      var xhr = new XMLHttpRequest();
      xhr.open('GET', src, true);
      xhr.setRequestHeader('X-Requested-With', 'XMLHttpRequest');
      xhr.onreadystatechange = function () {
        if (xhr.readyState !== 4) { return; }
        busy = false;
        if (xhr.status === 200) {
          board.innerHTML = xhr.responseText;
          board.setAttribute('data-updated', String(new Date().getTime()));
        } else if (xhr.status === 401) {
          window.clearInterval(timer);
          board.insertAdjacentHTML('afterbegin', '<p class="error">登录已过期，请刷新页面重新登录。</p>');
        }
      };
      xhr.send();
    };
    var timer = window.setInterval(refresh, 5000);
  }
})();
