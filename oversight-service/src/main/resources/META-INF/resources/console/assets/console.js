// Refinery console: light enhancement only; every page and form works without it.
(function () {
  'use strict';

  // Times arrive as <time datetime="...Z">UTC text</time>; show them in the reader's time zone.
  function localTimes() {
    var format;
    try {
      format = new Intl.DateTimeFormat(undefined, {
        year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'
      });
    } catch (e) {
      return;
    }
    document.querySelectorAll('time[datetime]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        el.title = el.textContent.trim();
        el.textContent = format.format(when);
      }
    });
    var zone = document.querySelector('[data-reader-zone]');
    if (zone) {
      try {
        zone.textContent = ' (' + Intl.DateTimeFormat().resolvedOptions().timeZone + ')';
      } catch (e) { /* no zone name: the sentence still reads */ }
    }
  }

  // A form is sent once: a second click while the first post is on its way does nothing.
  function sendOnce() {
    document.querySelectorAll('form[method="post"]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (form.getAttribute('data-sent') === 'true') {
          event.preventDefault();
          return;
        }
        form.setAttribute('data-sent', 'true');
        form.setAttribute('aria-busy', 'true');
      });
    });
  }

  // After a refused post, take the reader to the field the message is about.
  function focusError() {
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    }
  }

  function start() {
    localTimes();
    sendOnce();
    focusError();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
