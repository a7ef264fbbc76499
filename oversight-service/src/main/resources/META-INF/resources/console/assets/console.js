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

  // What a person types into a textarea marked data-draft is kept in this tab (sessionStorage) until the page no
  // longer offers the field: a session that expires while they write sends them through sign-in and back to the
  // page, and the text is put back. Drafts older than a day are dropped.
  var DRAFT_PREFIX = 'refinery-draft:';
  var DRAFT_MAX_AGE_MS = 24 * 3600 * 1000;

  function drafts() {
    var store;
    try {
      store = window.sessionStorage;
      store.getItem('x');
    } catch (e) {
      return;
    }
    Object.keys(store).forEach(function (name) {
      if (name.indexOf(DRAFT_PREFIX) === 0) {
        try {
          var saved = JSON.parse(store.getItem(name));
          if (!saved || Date.now() - saved.at > DRAFT_MAX_AGE_MS) {
            store.removeItem(name);
          }
        } catch (e) {
          store.removeItem(name);
        }
      }
    });
    var done = document.querySelector('[data-draft-done]');
    if (done) {
      store.removeItem(DRAFT_PREFIX + done.getAttribute('data-draft-done'));
    }
    document.querySelectorAll('textarea[data-draft]').forEach(function (field) {
      var name = DRAFT_PREFIX + field.getAttribute('data-draft');
      var saved = null;
      try {
        saved = JSON.parse(store.getItem(name));
      } catch (e) { /* unreadable: ignored */ }
      if (saved && typeof saved.text === 'string' && field.value.trim() === '' && saved.text.trim() !== '') {
        field.value = saved.text;
        var note = document.createElement('p');
        note.className = 'hint draft-restored';
        note.setAttribute('role', 'status');
        note.textContent = 'Your unsent text was put back.';
        field.insertAdjacentElement('afterend', note);
      }
      field.addEventListener('input', function () {
        if (field.value.trim() === '') {
          store.removeItem(name);
        } else {
          store.setItem(name, JSON.stringify({ text: field.value, at: Date.now() }));
        }
      });
    });
  }

  function start() {
    localTimes();
    sendOnce();
    focusError();
    drafts();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
