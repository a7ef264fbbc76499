// Learnings page: shows the "Print / save as PDF" button and opens the browser's print dialog (the print stylesheet
// in console.css leaves out the navigation and forms). Without scripts the button stays hidden and the page says to
// use the browser's Print. A separate file because the console's content security policy allows no inline script.
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      window.print();
    });
  });
}());
