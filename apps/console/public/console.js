// The console's only browser code: keep each section live from the server's events, send the
// summary filter, and press the buttons. The server renders all HTML; nothing here builds markup.
const live = document.getElementById('live');
const form = document.getElementById('summary-filter');
let source = null;

const filterQuery = () => {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim() !== '') params.set(k, String(v).trim());
  return params.toString();
};

const connect = () => {
  if (source) source.close();
  const query = filterQuery();
  source = new EventSource(`/events${query ? `?${query}` : ''}`);
  source.addEventListener('section', (e) => {
    const { id, html } = JSON.parse(e.data);
    const el = document.getElementById(id);
    if (el) el.innerHTML = html;
  });
  source.addEventListener('tick', (e) => {
    live.textContent = `live · updated ${new Date(Number(e.data)).toISOString().slice(11, 19)} UTC`;
    live.className = 'good';
  });
  source.onerror = () => {
    live.textContent = 'disconnected from the console server; reconnecting…';
    live.className = 'bad';
  };
};

form.addEventListener('submit', (e) => {
  e.preventDefault();
  history.replaceState(null, '', `${location.pathname}${filterQuery() ? `?${filterQuery()}` : ''}`);
  connect();
});
form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));

const post = async (button, url) => {
  button.disabled = true;
  const label = button.textContent;
  button.textContent = `${label}…`;
  try {
    const res = await fetch(url, { method: 'POST' });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) alert(body.error ?? `${url} answered ${res.status}`);
  } finally {
    button.textContent = label;
    button.disabled = false;
  }
};

// A summary row: why it has its value (GET /api/explain renders the explanation).
const explain = async (key) => {
  const panel = document.getElementById('explain');
  panel.textContent = `explaining ${key}…`;
  const res = await fetch(`/api/explain?key=${encodeURIComponent(key)}`);
  panel.innerHTML = await res.text();
  panel.scrollIntoView({ block: 'nearest' });
};

// A DLQ reason's buttons: what a redrive would do (dry run), or the redrive; the server renders the outcome.
const redrive = async (button) => {
  const { reason, dryRun } = button.dataset;
  const panel = document.getElementById('dlq-redrive');
  button.disabled = true;
  panel.textContent = `${dryRun ? 'dry run of' : 'redriving'} ${reason}…`;
  try {
    const res = await fetch(`/api/dlq/redrive?reason=${encodeURIComponent(reason)}${dryRun ? '&dryRun=true' : ''}`, { method: 'POST' });
    panel.innerHTML = await res.text();
  } finally {
    button.disabled = false;
  }
};

document.addEventListener('click', (e) => {
  const row = e.target.closest('#summaries tr[data-key]');
  if (row) {
    void explain(row.dataset.key);
    return;
  }
  const button = e.target.closest('button[data-action]');
  if (!button) return;
  if (button.dataset.action === 'connector-fix') void post(button, '/api/connector/fix');
  if (button.dataset.action === 'verify') void post(button, '/api/verify');
  if (button.dataset.action === 'dlq-redrive') void redrive(button);
});

connect();
