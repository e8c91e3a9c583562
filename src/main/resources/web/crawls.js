// The crawls page: each crawl definition with its schedule in words and its runs (live counts, polled every
// 2 s while a run is RUNNING, errors grouped by cause); "Start a run" for operators; the change feed
// (NEW / CHANGED / GONE) with an inline diff of the main text and links to both archived copies.
import { can, mountShell } from './shell.js';
import { api, ApiError, describe } from './api.js';
import { el, fillSelect, formatInstant, formatTimestamp, link, pageLink, say, unsay } from './dom.js';
import { countsInWords, scheduleInWords } from './crawl-words.js';
import { renderDiff, viewPath } from './crawl-diff.js';

const POLL_MS = 2000;
const RUNS_SHOWN = 10;
const COUNT_COLUMNS = [
  ['discovered', 'Discovered'], ['captured', 'Captured'], ['new', 'New'], ['changed', 'Changed'], ['unchanged', 'Unchanged'],
  ['gone', 'Gone'], ['failed', 'Failed'], ['blockedByRobots', 'Blocked by robots.txt'], ['pending', 'Pending'],
];

const ui = {
  notice: document.getElementById('crawls-notice'),
  list: document.getElementById('crawl-list'),
  live: document.getElementById('crawls-live'),
  feedForm: document.getElementById('feed-filters'),
  feedNotice: document.getElementById('feed-notice'),
  feed: document.getElementById('change-feed'),
};

const state = { session: null, crawls: [], runs: new Map(), timer: null, openErrors: new Set() };

// ---- crawls and their runs ----

async function loadCrawls() {
  if (!state.session) {
    state.crawls = [];
    ui.list.replaceChildren();
    say(ui.notice, 'info', 'Sign in (top of the page) to see the crawls.');
    return;
  }
  say(ui.notice, 'info', 'Loading crawls…');
  try {
    state.crawls = (await api('/api/crawls')).items || [];
    await Promise.all(state.crawls.map((c) => loadRuns(c.definition.name)));
    if (state.crawls.length === 0) say(ui.notice, 'info', 'No crawl is defined yet: add one under config/crawls/ or with POST /api/crawls.');
    else unsay(ui.notice);
  } catch (error) {
    state.crawls = [];
    say(ui.notice, 'error', describe(error));
  }
  fillSelect(ui.feedForm.elements.crawl, state.crawls.map((c) => ({ id: c.definition.name, label: c.definition.name })), { any: 'All crawls' });
  renderCrawls();
  pollWhileRunning();
}

async function loadRuns(name) {
  const runs = await api(`/api/crawls/${encodeURIComponent(name)}/runs?limit=${RUNS_SHOWN}`);
  state.runs.set(name, runs.items || []);
}

/** Redraws the cards (every poll while a run is RUNNING), keeping the keyboard focus where it was. */
function renderCrawls() {
  const focused = ui.list.contains(document.activeElement) && document.activeElement.id ? document.activeElement.id : null;
  ui.list.replaceChildren(...state.crawls.map((c) => crawlCard(c.definition)));
  const again = focused ? document.getElementById(focused) : null;
  if (again) again.focus();
}

function crawlCard(d) {
  const runs = state.runs.get(d.name) || [];
  const words = scheduleInWords(d.schedule);
  const running = runs.some((r) => r.status === 'RUNNING');
  const start = can(state.session, 'crawl')
    ? el('button', { type: 'button', class: 'start-run', id: `start-${d.name}`, disabled: running, 'aria-describedby': running ? `running-${d.name}` : null,
      onclick: (event) => startRun(d.name, event.currentTarget) }, 'Start a run')
    : null;
  return el('article', { class: 'card crawl', 'aria-labelledby': `crawl-${d.name}`, dataset: { crawl: d.name } },
    el('div', { class: 'card-head' },
      el('h3', { id: `crawl-${d.name}` }, d.name),
      start,
      running ? el('span', { id: `running-${d.name}`, class: 'hint' }, 'A run is in progress.') : null),
    el('dl', { class: 'facts facts-compact' },
      el('dt', {}, 'Schedule'), el('dd', {}, d.schedule ? [words ? `${words} ` : '', el('code', {}, d.schedule)] : 'none (started by hand)'),
      sources('Seeds', d.seeds), sources('Sitemaps', d.sitemaps), sources('Feeds', d.feeds),
      el('dt', {}, 'Limits'), el('dd', {}, `depth ${d.maxDepth ?? 2}, at most ${d.maxPages ?? 1000} pages`),
      d.scope && (d.scope.include || []).length ? [el('dt', {}, 'In scope'), el('dd', {}, d.scope.include.join(', '))] : null,
      d.scope && (d.scope.exclude || []).length ? [el('dt', {}, 'Excluded'), el('dd', {}, d.scope.exclude.join(', '))] : null),
    runsTable(d.name, runs));
}

function sources(label, urls) {
  if (!Array.isArray(urls) || urls.length === 0) return null;
  return [el('dt', {}, label), el('dd', {}, el('ul', { class: 'plain-list' }, urls.map((u) => el('li', {}, link(u, u)))))];
}

function runsTable(name, runs) {
  if (runs.length === 0) return el('p', { class: 'muted' }, 'Never run.');
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Run'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Started'),
    el('th', { scope: 'col' }, 'Ended'), COUNT_COLUMNS.map(([, label]) => el('th', { scope: 'col', class: 'num' }, label)));
  const rows = [];
  for (const r of runs) {
    rows.push(el('tr', { dataset: { run: r.id, status: r.status } },
      el('th', { scope: 'row' }, `#${r.id}`),
      el('td', {}, el('span', { class: `run-status run-status-${String(r.status).toLowerCase()}` }, r.status)),
      el('td', {}, formatInstant(r.startedAt)),
      el('td', {}, r.endedAt ? formatInstant(r.endedAt) : '—'),
      COUNT_COLUMNS.map(([key]) => el('td', { class: 'num', dataset: { count: key } }, String(r.counts?.[key] ?? 0)))));
    const problems = runProblems(r);
    if (problems) rows.push(el('tr', { class: 'run-errors' }, el('td', { colspan: String(4 + COUNT_COLUMNS.length) }, problems)));
  }
  return el('div', { class: 'table-scroll' },
    el('table', { class: 'data-table runs', 'aria-label': `Runs of ${name}, newest first` }, el('thead', {}, head), el('tbody', {}, rows)));
}

/** The run's own error, the robots.txt override it ran under, and its pages' errors grouped by cause. */
function runProblems(r) {
  const causes = Object.entries(r.errors || {});
  if (!r.error && !r.robotsOverride && causes.length === 0) return null;
  return [
    r.error ? el('p', { class: 'error-text' }, `Run failed: ${r.error}`) : null,
    r.robotsOverride ? el('p', { class: 'hint' }, `robots.txt not obeyed: ${r.robotsOverride}`) : null,
    causes.length ? el('details', {
      id: `errors-${r.crawl}-${r.id}`,
      open: state.openErrors.has(r.id),
      ontoggle: (event) => (event.currentTarget.open ? state.openErrors.add(r.id) : state.openErrors.delete(r.id)),
    }, el('summary', {}, `Errors by cause (${causes.reduce((n, [, k]) => n + k, 0)} pages)`),
      el('ul', {}, causes.map(([cause, n]) => el('li', {}, el('strong', {}, `${n} ×`), ' ', cause)))) : null,
  ];
}

async function startRun(name, button) {
  button.disabled = true;
  try {
    const started = await api(`/api/crawls/${encodeURIComponent(name)}/runs`, { method: 'POST', body: {} });
    // Shown at once, before the first poll: the server has the run, its counts start at zero.
    const runs = state.runs.get(name) || [];
    state.runs.set(name, [{ id: started.id, status: started.status, startedAt: new Date().toISOString(), counts: {} }, ...runs]);
    ui.live.textContent = `Run ${started.id} of ${name} started.`;
    renderCrawls();
    pollWhileRunning();
  } catch (error) {
    button.disabled = false;
    say(ui.notice, 'error', error instanceof ApiError && error.status === 403
      ? 'Only operators may start a crawl run.' : describe(error));
  }
}

// ---- live counts: every 2 s, only the runs that are RUNNING ----

function pollWhileRunning() {
  const anyRunning = [...state.runs.values()].some((runs) => runs.some((r) => r.status === 'RUNNING'));
  if (anyRunning && !state.timer) state.timer = setTimeout(poll, POLL_MS);
}

async function poll() {
  state.timer = null;
  const updates = [];
  for (const [name, runs] of state.runs) {
    for (const r of runs) {
      if (r.status === 'RUNNING') updates.push(refreshRun(name, r.id));
    }
  }
  try {
    await Promise.all(updates);
    unsay(ui.notice);
  } catch (error) {
    say(ui.notice, 'warning', `Live counts paused: ${describe(error)} Retrying.`);
  }
  renderCrawls();
  pollWhileRunning();
}

async function refreshRun(name, id) {
  const fresh = await api(`/api/crawls/${encodeURIComponent(name)}/runs/${encodeURIComponent(id)}`);
  const runs = state.runs.get(name) || [];
  state.runs.set(name, runs.map((r) => (r.id === id ? fresh : r)));
  if (fresh.status !== 'RUNNING') {
    ui.live.textContent = `Run ${id} of ${name} ${fresh.status.toLowerCase()}: ${countsInWords(fresh.counts)}.`;
    loadFeed(); // the run's changes are in the feed now
  }
}

// ---- the change feed ----

async function loadFeed() {
  if (!state.session) {
    ui.feed.replaceChildren();
    return;
  }
  const form = ui.feedForm.elements;
  const q = new URLSearchParams();
  if (form.crawl.value) q.set('crawl', form.crawl.value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(form.since.value)) q.set('since', `${form.since.value}T00:00:00Z`);
  if (form.unchanged.checked) q.set('unchanged', 'true');
  q.set('limit', '500');
  try {
    const feed = await api(`/api/changes?${q}`);
    const items = [...(feed.items || [])].sort((a, b) => String(b.at).localeCompare(String(a.at)));
    renderFeed(items);
    if (items.length === 0) say(ui.feedNotice, 'info', 'No change since then.');
    else unsay(ui.feedNotice);
  } catch (error) {
    say(ui.feedNotice, 'error', describe(error));
  }
}

function renderFeed(items) {
  const head = el('tr', {}, ['Change', 'Page', 'Seen', 'Crawl', 'Archived copy', 'Diff'].map((h) => el('th', { scope: 'col' }, h)));
  const rows = [];
  for (const c of items) {
    const diffRow = el('tr', { class: 'diff-row', hidden: true }, el('td', { colspan: '6' }));
    rows.push(el('tr', { dataset: { change: c.change } },
      el('td', {}, el('span', { class: `change-kind change-kind-${String(c.change).toLowerCase()}` }, c.change),
        c.change === 'CHANGED' && c.textChanged === false ? el('span', { class: 'hint' }, ' (text unchanged)') : null,
        c.httpStatus && c.httpStatus >= 400 ? el('span', { class: 'hint' }, ` HTTP ${c.httpStatus}`) : null),
      el('td', { class: 'url-cell' }, link(c.url, c.url)),
      el('td', {}, formatInstant(c.at)),
      el('td', {}, `${c.crawl} #${c.runId}`),
      el('td', {}, c.timestamp ? pageLink(viewPath(c.url, c.timestamp), formatTimestamp(c.timestamp)) : el('span', { class: 'muted' }, 'none')),
      el('td', {}, c.change === 'CHANGED' && c.timestamp
        ? el('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false', onclick: (e) => toggleDiff(e.currentTarget, diffRow, c) }, 'diff')
        : null)));
    rows.push(diffRow);
  }
  ui.feed.replaceChildren(el('thead', {}, head), el('tbody', {}, rows));
}

async function toggleDiff(button, row, change) {
  const open = button.getAttribute('aria-expanded') === 'true';
  button.setAttribute('aria-expanded', open ? 'false' : 'true');
  row.hidden = open;
  if (open || row.dataset.loaded) return;
  const cell = row.firstChild;
  cell.replaceChildren(el('p', { class: 'hint' }, 'Loading the diff…'));
  try {
    const d = await api(`/api/diff?url=${encodeURIComponent(change.url)}&to=${encodeURIComponent(change.timestamp)}`);
    cell.replaceChildren(renderDiff(d));
    row.dataset.loaded = 'true';
  } catch (error) {
    cell.replaceChildren(el('p', { class: 'error-text' }, describe(error)));
  }
}

// ---- wiring ----

ui.feedForm.addEventListener('submit', (event) => {
  event.preventDefault();
  loadFeed();
});
ui.feedForm.addEventListener('change', () => loadFeed());

mountShell({
  page: 'crawls',
  onSession: (session) => {
    state.session = session;
    loadCrawls();
    loadFeed();
  },
});
