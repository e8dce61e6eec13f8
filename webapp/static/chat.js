// The chat page's client: one WebSocket to /ws/chat, reconnected with backoff when it drops.
// Every message is rendered with textContent, never innerHTML: a message is text, whatever it
// looks like, so "<img src=x onerror=alert(1)>" shows as those characters and runs nothing.
(() => {
  'use strict';

  const MAX_BYTES = 4096;           // the server closes the connection (1009) above this
  const KEEPALIVE_MS = 25_000;      // an empty message: ignored by the server, keeps a quiet tab alive
  const BACKOFF_MIN_MS = 500;
  const BACKOFF_MAX_MS = 15_000;

  const statusEl = document.getElementById('status');
  const list = document.getElementById('messages');
  const form = document.getElementById('composer');
  const input = document.getElementById('message');
  const sendButton = document.getElementById('send');
  const note = document.getElementById('note');
  const encoder = new TextEncoder();

  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat';

  let socket = null;
  let attempt = 0;
  let keepalive = null;

  function showStatus(state, text) {
    statusEl.className = 'status ' + state;
    statusEl.textContent = text;
    sendButton.disabled = state !== 'open';
  }

  function append(text, kind) {
    const item = document.createElement('li');
    if (kind) {
      item.className = kind;
    }
    const time = document.createElement('time');
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = now.toLocaleTimeString();
    item.append(time, document.createTextNode(text));
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    if (atBottom) {
      list.scrollTop = list.scrollHeight;
    }
  }

  function describeClose(event) {
    switch (event.code) {
      case 1008: return 'dropped: this tab fell too far behind';
      case 1009: return 'closed: that message was too long';
      case 1006: return 'connection lost';
      default: return 'closed (' + event.code + ')';
    }
  }

  function connect() {
    showStatus('connecting', attempt === 0 ? 'connecting…' : 'reconnecting…');
    socket = new WebSocket(url);

    socket.addEventListener('open', () => {
      attempt = 0;
      showStatus('open', 'connected');
      note.textContent = '';
      keepalive = setInterval(() => socket.send(''), KEEPALIVE_MS);
    });

    socket.addEventListener('message', (event) => {
      const text = String(event.data);
      append(text, text === 'A user has left the chat.' ? 'system' : '');
    });

    socket.addEventListener('close', (event) => {
      clearInterval(keepalive);
      // Exponential backoff with jitter, so that many tabs do not all come back at once.
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt++;
      showStatus('closed', describeClose(event) + ' · retrying in ' + Math.ceil(delay / 1000) + ' s');
      setTimeout(connect, delay);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    if (!text.trim() || !socket || socket.readyState !== WebSocket.OPEN) {
      return;
    }
    if (encoder.encode(text).length > MAX_BYTES) {
      note.textContent = 'Too long: at most ' + MAX_BYTES + ' bytes.';
      return;
    }
    socket.send(text);
    input.value = '';
    note.textContent = '';
    input.focus();
  });

  connect();
})();
