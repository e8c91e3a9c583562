// The review queue page: filters and paging kept in the address bar, one CandidateCard per candidate,
// and the keyboard shortcuts a reviewer uses all day.
import { api, ApiError, describe, getToken } from './api.js';
import { CandidateCard } from './candidate-card.js';
import { el, fillSelect, say, unsay } from './dom.js';
import { mountTokenBar } from './token.js';
import { CATEGORIES, COMPANIES, STATUSES, companyOptionLabel } from './vocab.js';

const FILTERS = ['status', 'company', 'category', 'country', 'origin'];
const LIMITS = [10, 20, 50, 100];

const ui = {
  filters: document.getElementById('filters'),
  notice: document.getElementById('notice'),
  count: document.getElementById('count'),
  queue: document.getElementById('queue'),
  prev: document.getElementById('prev'),
  next: document.getElementById('next'),
  help: document.getElementById('help'),
  helpButton: document.getElementById('help-button'),
};

const state = {
  filters: { status: 'PENDING', company: '', category: '', country: '', origin: '' },
  limit: 20,
  offset: 0,
  total: 0,
  cards: [],
  selected: -1,
  loading: false,
};

const tokenBar = mountTokenBar(document.getElementById('token-bar'), { onChange: () => load({ focus: false }) });

// ---- filters and the address bar ----

function readAddress() {
  const q = new URLSearchParams(window.location.search);
  const status = (q.get('status') || 'PENDING').toUpperCase();
  state.filters.status = STATUSES.includes(status) ? status : 'PENDING';
  for (const name of ['company', 'category', 'origin']) state.filters[name] = q.get(name) || '';
  state.filters.country = (q.get('country') || '').toUpperCase();
  const limit = Number.parseInt(q.get('limit') || '', 10);
  state.limit = LIMITS.includes(limit) ? limit : 20;
  const offset = Number.parseInt(q.get('offset') || '', 10);
  state.offset = Number.isFinite(offset) && offset > 0 ? offset : 0;
}

function writeAddress() {
  const q = new URLSearchParams();
  for (const name of FILTERS) if (state.filters[name] && !(name === 'status' && state.filters.status === 'PENDING')) q.set(name, state.filters[name]);
  if (state.limit !== 20) q.set('limit', String(state.limit));
  if (state.offset > 0) q.set('offset', String(state.offset));
  const search = q.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

function showFilters() {
  const f = ui.filters.elements;
  for (const name of FILTERS) f[name].value = state.filters[name];
  f.limit.value = String(state.limit);
}

function takeFilters() {
  const f = ui.filters.elements;
  for (const name of FILTERS) state.filters[name] = f[name].value.trim();
  state.filters.country = state.filters.country.toUpperCase();
  state.limit = Number.parseInt(f.limit.value, 10) || 20;
  state.offset = 0;
}

function queryString() {
  const q = new URLSearchParams({ status: state.filters.status, limit: String(state.limit), offset: String(state.offset) });
  for (const name of ['company', 'category', 'country', 'origin']) if (state.filters[name]) q.set(name, state.filters[name]);
  return q.toString();
}

// ---- loading the page of candidates ----

async function load({ focus = false } = {}) {
  writeAddress();
  if (!getToken()) {
    state.cards = [];
    ui.queue.replaceChildren();
    ui.count.textContent = '';
    updatePager();
    say(ui.notice, 'info', 'Enter your access token at the top of the page to load the review queue.');
    return;
  }
  state.loading = true;
  ui.queue.setAttribute('aria-busy', 'true');
  say(ui.notice, 'info', 'Loading…');
  let page;
  try {
    page = await api(`/api/candidates?${queryString()}`);
  } catch (error) {
    state.loading = false;
    ui.queue.removeAttribute('aria-busy');
    showError(error);
    return;
  }
  state.loading = false;
  ui.queue.removeAttribute('aria-busy');
  const items = Array.isArray(page && page.items) ? page.items : [];
  state.total = Number.isFinite(page && page.total) ? page.total : items.length;
  if (items.length === 0 && state.offset > 0 && state.total > 0) { // the page emptied under us: step back
    state.offset = Math.max(0, Math.min(state.offset - state.limit, state.total - state.limit));
    load({ focus });
    return;
  }
  unsay(ui.notice);
  state.cards = items.map((c) => new CandidateCard(c, handlers));
  ui.queue.replaceChildren(...state.cards.map((card) => card.element));
  state.selected = -1;
  updateCount();
  updatePager();
  if (state.cards.length === 0) {
    ui.queue.replaceChildren(el('li', { class: 'empty' }, 'No candidates match these filters.'));
  } else {
    select(0, { focus });
  }
}

function showError(error) {
  say(ui.notice, 'error', describe(error));
  if (error instanceof ApiError && error.status === 401) tokenBar.focus();
}

/** Candidates decided here that no longer match the status filter: they still show, but paging skips them. */
function leftThisPage() {
  if (state.filters.status === 'ALL') return 0;
  return state.cards.filter((card) => card.candidate.status !== state.filters.status).length;
}

function updateCount() {
  if (state.cards.length === 0) {
    ui.count.textContent = state.total === 0 ? '' : `Nothing on this page (${state.total} in all).`;
    return;
  }
  const status = state.filters.status === 'ALL' ? '' : `${state.filters.status.toLowerCase()} `;
  const from = state.offset + 1;
  const to = state.offset + state.cards.length;
  const decided = state.cards.filter((card) => card.candidate.status !== 'PENDING').length;
  const left = leftThisPage();
  ui.count.textContent = `Showing ${from}–${to} of ${state.total - left} ${status}candidates`
    + (state.filters.status === 'PENDING' && decided ? ` · ${decided} decided on this page` : '');
}

function updatePager() {
  ui.prev.disabled = state.loading || state.offset === 0;
  ui.next.disabled = state.loading || state.offset + state.cards.length >= state.total;
}

function nextPage() {
  if (ui.next.disabled) return;
  state.offset = Math.max(0, state.offset + state.limit - leftThisPage());
  load({ focus: true });
}

function previousPage() {
  if (ui.prev.disabled) return;
  state.offset = Math.max(0, state.offset - state.limit);
  load({ focus: true });
}

// ---- selection and decisions ----

function select(index, { focus = true } = {}) {
  if (state.cards.length === 0) return;
  const i = Math.max(0, Math.min(index, state.cards.length - 1));
  state.cards.forEach((card, n) => {
    card.element.classList.toggle('selected', n === i);
    if (n === i) card.element.setAttribute('aria-current', 'true');
    else card.element.removeAttribute('aria-current');
  });
  state.selected = i;
  if (focus) {
    const card = state.cards[i].element;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
  }
}

function selectedCard() {
  return state.selected >= 0 ? state.cards[state.selected] : null;
}

const handlers = {
  onSelect(card) {
    const i = state.cards.indexOf(card);
    if (i >= 0 && i !== state.selected) select(i, { focus: false });
  },
  onDecided(card, answer, action) {
    updateCount();
    updatePager();
    const done = { approve: 'Approved', reject: 'Rejected', merge: 'Merged' }[action];
    const point = answer.datapoint && answer.datapoint.id != null ? ` (data point #${answer.datapoint.id})` : '';
    const i = state.cards.indexOf(card);
    const next = state.cards.findIndex((c, n) => n > i && c.isPending());
    say(ui.notice, 'success', `${done} candidate #${card.id}${point}.`,
      next >= 0 ? ` Now on #${state.cards[next].id}.` : ' That was the last pending candidate on this page: press n for the next page.');
    if (next >= 0) select(next);
    else card.element.focus();
  },
  onAuthError(error) {
    showError(error);
  },
};

// ---- keyboard ----

function onKey(event) {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  if (ui.help.open) return; // the dialog handles Esc itself
  const target = event.target;
  const typing = target instanceof Element && target.closest('input, textarea, select, [contenteditable]');
  if (typing) {
    if (event.key === 'Escape' && ui.filters.contains(target)) {
      target.blur();
      select(state.selected < 0 ? 0 : state.selected);
    }
    return;
  }
  const card = selectedCard();
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const actions = {
    j: () => select(state.selected + 1),
    k: () => select(state.selected - 1),
    a: () => card && card.openPanel('approve'),
    e: () => card && card.openPanel('edit'),
    r: () => card && card.openPanel('reject'),
    m: () => card && card.openPanel('merge'),
    h: () => card && card.toggleHistory(),
    o: () => card && card.openArchivedCopy(),
    n: nextPage,
    p: previousPage,
    '?': showHelp,
    Escape: () => card && card.panel && card.closePanel(),
  };
  const action = actions[event.key === '?' ? '?' : key];
  if (!action) return;
  event.preventDefault();
  action();
}

function showHelp() {
  if (typeof ui.help.showModal === 'function') ui.help.showModal();
  else ui.help.setAttribute('open', '');
}

// ---- start ----

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
  // after the browser has reset the controls
  setTimeout(() => {
    ui.filters.elements.status.value = 'PENDING';
    takeFilters();
    load();
  });
});
ui.prev.addEventListener('click', previousPage);
ui.next.addEventListener('click', nextPage);
ui.helpButton.addEventListener('click', showHelp);
document.addEventListener('keydown', onKey);

load({ focus: false });
