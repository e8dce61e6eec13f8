// The live clock of /stream-demo: one EventSource on /stream-time.
// EventSource reconnects by itself (after the server's "retry:" hint) and sends Last-Event-ID;
// this script only shows what happens.
(function () {
  "use strict";
  const state = document.getElementById("state");
  const time = document.getElementById("time");
  const lastId = document.getElementById("last-id");
  const received = document.getElementById("received");
  const reconnects = document.getElementById("reconnects");
  let count = 0;
  let drops = 0;

  function show(text, kind) {
    state.textContent = text;
    state.className = "status " + kind;
  }

  const source = new EventSource("/stream-time");

  source.onopen = function () {
    show("open", "open");
  };

  // Unnamed events arrive here: data is {"time":"HH:MM:SS"}.
  source.onmessage = function (event) {
    time.textContent = JSON.parse(event.data).time;
    lastId.textContent = event.lastEventId;
    received.textContent = String(++count);
  };

  source.onerror = function () {
    if (source.readyState === EventSource.CONNECTING) {
      drops++;
      reconnects.textContent = String(drops);
      show("reconnecting…", "closed");
    } else {
      show("closed", "closed");
    }
  };

  window.addEventListener("pagehide", function () {
    source.close();
  });
})();
