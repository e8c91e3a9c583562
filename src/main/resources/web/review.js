// The review page: a compact queue on the left, the selected candidate beside its evidence on the right
// (review-detail.js), filters kept in the address bar so a view can be bookmarked, one key per action, an undo
// toast after each decision, and bulk reject of selected rows. Counters come from the server's total.
import { api, describe } from './api.js';
import { append, el, fillSelect, say, unsay } from './dom.js';
import { can, mountShell } from './shell.js';
import { CandidateDetail, claimLabel, isHedged, shownValues } from './review-detail.js';
import { CATEGORIES, COMPANIES, STATUSES, categoryLabel, companyName, companyOptionLabel } from './vocab.js';

const FILTERS = ['status', 'company', 'category', 'country', 'minScore', 'origin', 'url'];
const LIMIT = 20;
const UNDO_MS = 10_000;
const DONE = { approve: 'Approved', reject: 'Rejected', merge: 'Merged' };

const ui = {
  filters: document.getElementById('filters'),
  roleNote: document.getElementById('role-note'),
  notice: document.getElementById('notice'),
  count: document.getElementById('count'),
  queue: document.getElementById('queue'),
  empty: document.getElementById('empty'),
  prev: document.getElementById('prev'),
  next: document.getElementById('next'),
  pageHint: document.getElementById('page-hint'),
  detail: document.getElementById('detail'),
  toast: document.getElementById('toast'),
  help: document.getElementById('help'),
  bulkBar: document.getElementById('bulk-bar'),
  bulkCount: document.getElementById('bulk-count'),
  bulkReason: document.getElementById('bulk-reason'),
  bulkReject: document.getElementById('bulk-reject'),
  bulkClear: document.getElementById('bulk-clear'),
  markAll: document.getElementById('mark-all'),
};

const state = {
  session: null,
  countries: [],
  filters: Object.fromEntries(FILTERS.map((f) => [f, ''])),
  offset: 0,
  total: 0,
  items: [],
  selected: -1,
  detail: null,
  marked: new Set(),
  lastMarked: -1,
  last: null, // the last decision, while it can be undone: {id, version, text}
  toastTimer: null,
};

const canReview = () => can(state.session, 'review');

// ---- filters and the address bar ----

function readAddress() {
  const q = new URLSearchParams(window.location.search);
  for (const name of FILTERS) state.filters[name] = (q.get(name) || '').trim();
  const status = state.filters.status.toUpperCase();
  state.filters.status = STATUSES.includes(status) ? status : 'PENDING';
  state.filters.country = state.filters.country.toUpperCase();
  state.filters.origin = state.filters.origin.toUpperCase();
  const offset = Number.parseInt(q.get('offset') || '', 10);
  state.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
}

function writeAddress() {
  const q = new URLSearchParams();
  for (const name of FILTERS) if (state.filters[name] && !(name === 'status' && state.filters.status === 'PENDING')) q.set(name, state.filters[name]);
  if (state.offset > 0) q.set('offset', String(state.offset));
  const search = q.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

function showFilters() {
  const f = ui.filters.elements;
  for (const name of FILTERS) f[name].value = state.filters[name];
}

function takeFilters() {
  const f = ui.filters.elements;
  for (const name of FILTERS) state.filters[name] = f[name].value.trim();
  state.offset = 0;
}

function query({ limit = LIMIT, offset = state.offset } = {}) {
  const q = new URLSearchParams({ status: state.filters.status, limit: String(limit), offset: String(offset) });
  for (const name of FILTERS) if (name !== 'status' && state.filters[name]) q.set(name, state.filters[name]);
  return q.toString();
}

// ---- loading and counting ----

async function load({ keep = null } = {}) {
  writeAddress();
  clearMarks();
  if (!state.session) {
    state.items = [];
    render();
    say(ui.notice, 'info', 'Sign in at the top of the page to load the review queue.');
    return;
  }
  ui.queue.setAttribute('aria-busy', 'true');
  let page;
  try {
    page = await api(`/api/candidates?${query()}`);
  } catch (error) {
    ui.queue.removeAttribute('aria-busy');
    say(ui.notice, 'error', describe(error));
    return;
  }
  ui.queue.removeAttribute('aria-busy');
  unsay(ui.notice);
  state.items = Array.isArray(page && page.items) ? page.items : [];
  state.total = Number.isFinite(page && page.total) ? page.total : state.items.length;
  if (state.items.length === 0 && state.offset > 0 && state.total > 0) { // the page emptied under us: go to the last one
    state.offset = Math.max(0, Math.floor((state.total - 1) / LIMIT) * LIMIT);
    load();
    return;
  }
  render();
  const at = keep == null ? 0 : Math.max(0, state.items.findIndex((c) => String(c.id) === keep));
  select(at, { focusRow: false });
}

/** The total for the filters in effect, asked again after a decision or an undo moved candidates in or out. */
async function recount() {
  try {
    const page = await api(`/api/candidates?${query({ limit: 1, offset: 0 })}`);
    if (page && Number.isFinite(page.total)) state.total = page.total;
  } catch (error) {
    say(ui.notice, 'error', `Could not recount the queue: ${describe(error)}`);
  }
  updateCount();
}

/** Rows on this page that still match the status filter: decided rows stay in view but have left the count. */
function matchingHere() {
  if (state.filters.status === 'ALL') return state.items.length;
  return state.items.filter((c) => c.status === state.filters.status).length;
}

function hasNext() {
  return state.offset + matchingHere() < state.total;
}

function updateCount() {
  const word = state.filters.status === 'ALL' ? 'candidates' : state.filters.status.toLowerCase();
  const here = matchingHere();
  const decided = state.items.length - here;
  if (state.total === 0) {
    ui.count.textContent = `0 ${word}`;
  } else if (here === 0) {
    ui.count.textContent = `None left on this page · ${state.total} ${word}`;
  } else {
    const to = Math.min(state.offset + here, state.total);
    ui.count.textContent = `${state.offset + 1}–${to} of ${state.total} ${word}`;
  }
  if (decided > 0) ui.count.textContent += ` · ${decided} decided here`;
  ui.prev.disabled = state.offset === 0;
  ui.next.disabled = !hasNext();
  const hints = [hasNext() ? 'n next page' : null, state.offset > 0 ? 'p previous page' : null].filter(Boolean);
  ui.pageHint.textContent = hints.length ? `, ${hints.join(', ')}` : '';
  ui.empty.hidden = state.items.length > 0;
  ui.empty.textContent = state.session ? `No ${state.filters.status === 'ALL' ? '' : `${word} `}candidates match these filters.` : '';
}

// ---- the list ----

function row(c, i) {
  const v = shownValues(c);
  const mark = el('input', {
    type: 'checkbox', class: 'row-mark', 'aria-label': `Select candidate ${c.id} for bulk reject`, tabindex: '-1',
    disabled: !canReview() || c.status !== 'PENDING',
  });
  mark.checked = state.marked.has(String(c.id));
  mark.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus off it, so the keys keep working
  mark.addEventListener('click', (event) => {
    event.stopPropagation();
    toggleMark(i, event.shiftKey);
  });
  const tr = el('tr', {
    class: `queue-row${c.status === 'PENDING' ? '' : ' row-decided'}`, 'data-id': String(c.id), tabindex: '-1',
    'aria-selected': String(i === state.selected),
  },
  el('td', {}, mark),
  el('td', {}, companyName(v.company) || '—'),
  el('td', {}, categoryLabel(v.category) || '—'),
  el('td', {}, [v.city, v.country].filter(Boolean).join(', ') || '—'),
  el('td', {}, v.year == null ? '' : String(v.year)),
  el('td', { class: 'num' }, typeof c.score === 'number' ? c.score.toFixed(2) : ''),
  el('td', { class: 'flags' },
    isHedged(c) ? el('span', { class: 'flag flag-hedged', title: 'the quote hedges' }, 'hedged') : null,
    c.origin === 'SUBMISSION' ? el('span', { class: 'flag', title: 'a public submission' }, 'public') : null,
    c.origin === 'MANUAL' ? el('span', { class: 'flag', title: 'added by hand from a passage' }, 'by hand') : null,
    c.status !== 'PENDING' ? el('span', { class: `flag flag-${c.status.toLowerCase()}` }, c.status.toLowerCase()) : null));
  tr.addEventListener('click', () => select(i));
  return tr;
}

function render() {
  ui.queue.replaceChildren(...state.items.map(row));
  updateCount();
  updateBulk();
  if (state.items.length === 0) {
    state.selected = -1;
    state.detail = null;
    ui.detail.replaceChildren();
  }
}

function renderRow(i) {
  const old = ui.queue.children[i];
  if (old) old.replaceWith(row(state.items[i], i));
}

function select(index, { focusRow = true } = {}) {
  if (state.items.length === 0) return;
  const i = Math.max(0, Math.min(index, state.items.length - 1));
  const previous = ui.queue.children[state.selected];
  if (previous) previous.setAttribute('aria-selected', 'false');
  state.selected = i;
  const tr = ui.queue.children[i];
  tr.setAttribute('aria-selected', 'true');
  if (focusRow) tr.focus({ preventScroll: true });
  tr.scrollIntoView({ block: 'nearest' });
  if (!state.detail || state.detail.id !== String(state.items[i].id)) {
    state.detail = new CandidateDetail(state.items[i], {
      canReview: canReview(),
      onDecided: decided,
      onReloaded: (c) => replaceItem(c),
      onAuthError: () => {},
    });
    ui.detail.replaceChildren(state.detail.element);
  }
}

function replaceItem(candidate) {
  const i = state.items.findIndex((c) => String(c.id) === String(candidate.id));
  if (i < 0) return -1;
  state.items[i] = candidate;
  renderRow(i);
  return i;
}

// ---- decisions, the undo toast, undo ----

function decided(answer, action) {
  const i = replaceItem(answer.candidate);
  recount();
  const what = action === 'merge' ? `into data point #${answer.candidate.datapointId}: ${claimLabel(answer.candidate)}` : claimLabel(answer.candidate);
  state.last = { id: String(answer.candidate.id), version: answer.candidate.version, text: `${DONE[action]} ${what}` };
  showToast(state.last.text, true);
  const next = state.items.findIndex((c, n) => n > i && c.status === 'PENDING');
  if (next >= 0) select(next);
  else if (hasNext()) say(ui.notice, 'info', 'That was the last pending candidate on this page: press n for the next page.');
}

function showToast(text, undoable) {
  clearTimeout(state.toastTimer);
  ui.toast.replaceChildren();
  append(ui.toast, [el('span', { id: 'toast-text' }, text), undoable ? ' — ' : null,
    undoable ? el('button', { type: 'button', class: 'button-quiet button-small', id: 'undo', onclick: undo }, 'Undo',
      el('kbd', { 'aria-hidden': 'true' }, 'u')) : null]);
  ui.toast.hidden = false;
  state.toastTimer = setTimeout(() => {
    ui.toast.hidden = true;
    if (undoable) state.last = null;
  }, UNDO_MS);
}

async function undo() {
  const last = state.last;
  if (!last) {
    showToast('Nothing to undo (only your last decision, for 10 seconds).', false);
    return;
  }
  state.last = null;
  try {
    const answer = await api(`/api/candidates/${encodeURIComponent(last.id)}/decision`, {
      method: 'POST', body: { action: 'undo', version: last.version },
    });
    const i = replaceItem(answer.candidate);
    recount();
    showToast(`Undone: ${claimLabel(answer.candidate)} is back in the queue.`, false);
    if (i >= 0) {
      state.detail = null;
      select(i);
    }
  } catch (error) {
    showToast(`Could not undo: ${describe(error)}`, false);
  }
}

// ---- bulk reject ----

function toggleMark(i, range) {
  const c = state.items[i];
  if (!c || !canReview() || c.status !== 'PENDING') return;
  const on = !state.marked.has(String(c.id));
  const from = range && state.lastMarked >= 0 ? Math.min(state.lastMarked, i) : i;
  const to = range && state.lastMarked >= 0 ? Math.max(state.lastMarked, i) : i;
  for (let n = from; n <= to; n += 1) {
    const item = state.items[n];
    if (item.status !== 'PENDING') continue;
    if (on) state.marked.add(String(item.id));
    else state.marked.delete(String(item.id));
    renderRow(n);
  }
  state.lastMarked = i;
  ui.queue.children[state.selected]?.setAttribute('aria-selected', 'true');
  updateBulk();
}

function clearMarks() {
  state.marked.clear();
  state.lastMarked = -1;
  updateBulk();
}

function updateBulk() {
  ui.bulkBar.hidden = state.marked.size === 0;
  ui.bulkCount.textContent = `${state.marked.size} selected`;
  const pending = state.items.filter((c) => c.status === 'PENDING').length;
  ui.markAll.disabled = !canReview() || pending === 0;
  ui.markAll.checked = pending > 0 && state.marked.size === pending;
}

/** Selects every pending row on the page (a noisy source: filter by its URL, then reject them all), or none. */
function markAll(on) {
  state.marked.clear();
  state.lastMarked = -1;
  if (on && canReview()) state.items.forEach((c) => { if (c.status === 'PENDING') state.marked.add(String(c.id)); });
  state.items.forEach((c, i) => renderRow(i));
  ui.queue.children[state.selected]?.setAttribute('aria-selected', 'true');
  updateBulk();
}

async function bulkReject() {
  const reason = ui.bulkReason.value.trim();
  if (!reason) {
    ui.bulkReason.focus();
    say(ui.notice, 'warning', 'Give one reason for rejecting the selected candidates.');
    return;
  }
  const ids = [...state.marked];
  const versions = Object.fromEntries(state.items.filter((c) => state.marked.has(String(c.id))).map((c) => [String(c.id), c.version]));
  try {
    const answer = await api('/api/candidates/bulk-decision', { method: 'POST', body: { action: 'reject', ids, versions, reason } });
    const failed = [];
    for (const item of answer.items) {
      if (item.status === 200) replaceItem(item.candidate);
      else failed.push(`#${item.id}: ${item.error}`);
    }
    markAll(false);
    ui.bulkReason.value = '';
    state.last = null; // u undoes one decision; a bulk rejection is undone candidate by candidate, not by u
    clearTimeout(state.toastTimer);
    ui.toast.hidden = true;
    recount();
    if (failed.length) say(ui.notice, 'warning', `Rejected ${answer.rejected} of ${answer.total}. Not rejected: ${failed.join('; ')}`);
    else say(ui.notice, 'success', `Rejected ${answer.rejected} candidates.`);
    if (state.detail) state.detail = null;
    select(state.selected);
  } catch (error) {
    say(ui.notice, 'error', describe(error));
  }
}

// ---- paging and keys ----

function nextPage() {
  if (!hasNext()) return;
  state.offset += matchingHere(); // decided rows left the filtered set: the next page starts after what is still here
  load();
}

function previousPage() {
  if (state.offset === 0) return;
  state.offset = Math.max(0, state.offset - LIMIT);
  load();
}

function needsReview(action) {
  return () => {
    if (canReview()) action();
    else say(ui.notice, 'info', 'Your role may read the queue but not decide: ask an admin for the reviewer role.');
  };
}

function onKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (ui.help.open) return; // the dialog handles Esc itself
  const target = event.target;
  if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) {
    if (event.key === 'Escape') {
      target.blur();
      if (state.detail && state.detail.panel) state.detail.closePanel();
      ui.queue.children[state.selected]?.focus();
    }
    return;
  }
  const d = state.detail;
  const key = event.key;
  const actions = {
    j: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    a: needsReview(() => d && d.approve()),
    e: needsReview(() => d && d.focusFirstField()),
    r: needsReview(() => d && d.openReject()),
    m: needsReview(() => d && d.openMerge()),
    u: needsReview(undo),
    x: needsReview(() => toggleMark(state.selected, false)),
    X: needsReview(() => toggleMark(state.selected, true)),
    t: () => d && d.toggleTab(),
    o: () => d && d.openView(),
    h: () => d && d.toggleHistory(),
    n: nextPage,
    p: previousPage,
    '?': () => ui.help.showModal(),
    Escape: () => d && d.closePanel(),
  };
  let action = actions[key];
  if (!action && /^[1-9]$/.test(key) && d && d.panel === 'merge') action = () => d.mergeChoice(Number(key));
  if (!action) return;
  event.preventDefault();
  action();
}

// ---- start ----

async function loadCountries() {
  if (state.countries.length > 0 || !state.session) return;
  try {
    const answer = await api('/api/gazetteer/countries');
    state.countries = Array.isArray(answer && answer.items) ? answer.items : [];
  } catch (error) {
    say(ui.notice, 'error', `Could not load the countries: ${describe(error)}`);
  }
  const country = ui.filters.elements.country;
  fillSelect(country, state.countries, { any: 'Any country', value: (x) => x.code, label: (x) => x.name });
  country.value = state.filters.country;
}

function showRole() {
  const s = state.session;
  if (s && !canReview()) {
    say(ui.roleNote, 'info', `Signed in as ${s.name} (${s.role}): you can read the queue; approving, rejecting and merging need the reviewer role.`);
  } else {
    unsay(ui.roleNote);
  }
}

fillSelect(ui.filters.elements.company, COMPANIES, { any: 'Any company', label: companyOptionLabel });
fillSelect(ui.filters.elements.category, CATEGORIES, { any: 'Any category' });
readAddress();
showFilters();

ui.filters.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!ui.filters.reportValidity()) return;
  takeFilters();
  load();
});
ui.filters.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement) {
    takeFilters();
    load();
  }
});
ui.filters.addEventListener('reset', () => {
  setTimeout(() => { // after the browser has reset the controls
    ui.filters.elements.status.value = 'PENDING';
    takeFilters();
    load();
  });
});
ui.prev.addEventListener('click', previousPage);
ui.next.addEventListener('click', nextPage);
ui.bulkReject.addEventListener('click', bulkReject);
ui.bulkClear.addEventListener('click', () => markAll(false));
ui.markAll.addEventListener('change', () => markAll(ui.markAll.checked));
ui.bulkReason.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    bulkReject();
  }
});
document.addEventListener('keydown', onKey);

mountShell({
  page: 'review',
  onSession: async (session) => {
    state.session = session;
    state.detail = null;
    showRole();
    await loadCountries();
    load();
  },
});

