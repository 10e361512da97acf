// Fairway UI script: the only one, committed as it is (no build step, no third-party code).
// Live regions: an element with data-live="URL" and data-live-key="namespace/name" (or "*")
// is re-read from URL whenever the server's change stream names its key. The page never reloads.
// Logs: a button with data-follow="URL" streams log lines into the element named by aria-controls.
(function () {
  'use strict';
  const regions = Array.from(document.querySelectorAll('[data-live]'));
  const pending = new Set();
  let timer = null;
  let lastRun = 0;

  function refresh(region) {
    const url = region.getAttribute('data-live');
    fetch(url, { credentials: 'same-origin', headers: { 'X-Fairway-Fragment': '1' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        const focusedId = document.activeElement && document.activeElement.id;
        const tmp = document.createElement('div');
        tmp.innerHTML = html;
        const fresh = tmp.firstElementChild;
        if (fresh && fresh.id === region.id) {
          region.innerHTML = fresh.innerHTML;
        } else {
          region.innerHTML = html;
        }
        region.setAttribute('data-refreshed', String(Date.now()));
        if (focusedId) {
          const again = document.getElementById(focusedId);
          if (again && again !== document.activeElement) again.focus();
        }
      })
      .catch(() => { /* the next change tries again */ });
  }

  function schedule(keys) {
    regions.forEach((region) => {
      const key = region.getAttribute('data-live-key');
      if (key === '*' || keys.includes('*') || keys.includes(key)) pending.add(region);
    });
    if (timer || pending.size === 0) return;
    // at most one round of fetches a second, however busy the cluster
    const wait = Math.max(0, 1000 - (Date.now() - lastRun));
    timer = setTimeout(() => {
      timer = null;
      lastRun = Date.now();
      const todo = Array.from(pending);
      pending.clear();
      todo.forEach(refresh);
    }, wait);
  }

  if (regions.length > 0 && window.EventSource) {
    const keys = new Set(regions.map((r) => r.getAttribute('data-live-key')));
    const only = keys.size === 1 && !keys.has('*') ? Array.from(keys)[0] : '';
    const source = new EventSource('/ui/stream' + (only ? '?app=' + encodeURIComponent(only) : ''));
    source.addEventListener('change', (e) => schedule(e.data.split(' ')));
    source.addEventListener('open', () => document.body.setAttribute('data-live-connected', 'true'));
    // free the connection when leaving: browsers allow only six per server, and a kept page
    // (back/forward cache) would otherwise hold its stream open and stall the next pages
    window.addEventListener('pagehide', () => source.close());
  }

  document.querySelectorAll('button[data-follow]').forEach((button) => {
    let source = null;
    const target = document.getElementById(button.getAttribute('aria-controls'));
    button.addEventListener('click', () => {
      if (source) {
        source.close();
        source = null;
        button.textContent = 'Follow';
        button.setAttribute('aria-pressed', 'false');
        return;
      }
      source = new EventSource(button.getAttribute('data-follow'));
      button.textContent = 'Stop following';
      button.setAttribute('aria-pressed', 'true');
      source.addEventListener('line', (e) => {
        target.appendChild(document.createTextNode(e.data + '\n'));
        target.scrollTop = target.scrollHeight;
      });
      source.addEventListener('end', () => { source.close(); source = null; button.textContent = 'Follow'; });
      window.addEventListener('pagehide', () => { if (source) source.close(); }, { once: true });
    });
  });
})();
