// The search page: a query box, date/language/site filters and facet lists that narrow the results, results
// with their highlighted passages, and paging. The address bar holds the search (see search-state.js).
// Archived text is hostile: titles, URLs and passages go in as text only; highlights are <mark> elements
// built from the API's plain-text passage parts, never parsed from HTML.
import { api, ApiError, describe } from './api.js';
import { el, formatTimestamp, pageLink, say, unsay } from './dom.js';
import {
  FORM_FILTERS, activeFilters, apiPath, fromAddress, pageSummary, toAddress, withFilter,
} from './search-state.js';
import { can, mountShell } from './shell.js';
import { categoryLabel, companyName, countryName } from './vocab.js';

const FACETS = [
  { name: 'company', title: 'Company', label: companyName },
  { name: 'category', title: 'Category', label: categoryLabel },
  { name: 'country', title: 'Country', label: (code) => `${countryName(code)} (${code})` },
  { name: 'year', title: 'Year', label: (y) => y, byValue: true },
  { name: 'lang', title: 'Language', label: languageName },
  { name: 'host', title: 'Site', label: (h) => h },
];
const TITLES = Object.fromEntries([...FACETS.map((f) => [f.name, f.title]), ['from', 'From'], ['to', 'To']]);
const FIELD_ERRORS = ['q', 'from', 'to', 'host'];
const numbers = new Intl.NumberFormat('en');

const ui = {
  form: document.getElementById('search-form'),
  q: document.getElementById('q'),
  chips: document.getElementById('chips'),
  notice: document.getElementById('notice'),
  facets: document.getElementById('facets'),
  count: document.getElementById('count'),
  results: document.getElementById('results'),
  prev: document.getElementById('prev'),
  next: document.getElementById('next'),
};

let search = fromAddress(window.location.search);
let session = null;
let latest = 0; // the number of the newest request: answers to older ones are dropped

function languageName(code) {
  if (code === 'und') return 'Undetermined (und)';
  try {
    return `${new Intl.DisplayNames(['en'], { type: 'language' }).of(code)} (${code})`;
  } catch (e) {
    return code;
  }
}

// ---- the search and the address bar ----

/**
 * Runs a new search: a new history entry, so Back returns to the one before. After paging, the reader is taken
 * to the top of the new results (focus on the count), not left at the buttons below the old ones.
 */
async function go(next, { toResults = false } = {}) {
  search = next;
  const query = toAddress(search);
  window.history.pushState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}`);
  await run();
  if (toResults) ui.count.focus();
}

window.addEventListener('popstate', () => {
  search = fromAddress(window.location.search);
  run();
});

function showForm() {
  ui.q.value = search.q;
  for (const name of FORM_FILTERS) {
    const input = ui.form.elements[name];
    if (name === 'lang' && search.lang && ![...input.options].some((o) => o.value === search.lang)) {
      input.append(el('option', { value: search.lang }, languageName(search.lang)));
    }
    input.value = search[name];
  }
}

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  const next = { ...search, q: ui.q.value.trim(), page: 1 };
  for (const name of FORM_FILTERS) next[name] = ui.form.elements[name].value.trim();
  go(next);
});

// "/" anywhere but in a field brings the reader back to the query box.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const t = event.target;
  if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
  event.preventDefault();
  ui.q.focus();
  ui.q.select();
});

ui.prev.addEventListener('click', () => go({ ...search, page: search.page - 1 }, { toResults: true }));
ui.next.addEventListener('click', () => go({ ...search, page: search.page + 1 }, { toResults: true }));

// ---- loading ----

async function run() {
  showForm();
  showChips();
  clearFieldErrors();
  if (!can(session, 'search')) {
    showSignedOut();
    return;
  }
  const mine = ++latest;
  ui.results.setAttribute('aria-busy', 'true');
  try {
    const answer = await api(apiPath(search));
    if (mine !== latest) return;
    unsay(ui.notice);
    showResults(answer);
    showFacets(answer.facets || {});
  } catch (e) {
    if (mine !== latest) return;
    showError(e);
  } finally {
    if (mine === latest) ui.results.removeAttribute('aria-busy');
  }
}

function showSignedOut() {
  latest++;
  ui.results.replaceChildren();
  ui.facets.replaceChildren();
  ui.count.textContent = '';
  ui.prev.disabled = true;
  ui.next.disabled = true;
  say(ui.notice, 'info', session
    ? `Your role (${session.role}) may not search the archive. Ask an administrator for a researcher's token.`
    : 'Sign in with your access token (top right) to search the archive.');
}

function clearFieldErrors() {
  for (const name of FIELD_ERRORS) {
    const input = name === 'q' ? ui.q : ui.form.elements[name];
    input.removeAttribute('aria-invalid');
    document.getElementById(`${name}-error`).hidden = true;
  }
}

/** A 400 about one field is shown next to that field (the query parser's message next to the box); others above the results. */
function showError(e) {
  if (e instanceof ApiError && e.status === 400 && FIELD_ERRORS.includes(e.field)) {
    const input = e.field === 'q' ? ui.q : ui.form.elements[e.field];
    const message = document.getElementById(`${e.field}-error`);
    message.textContent = e.message;
    message.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    unsay(ui.notice);
  } else {
    say(ui.notice, 'error', describe(e));
  }
  ui.count.textContent = '';
  ui.results.replaceChildren();
  ui.prev.disabled = search.page <= 1;
  ui.next.disabled = true;
}

// ---- results ----

function showResults(answer) {
  const hits = Array.isArray(answer.hits) ? answer.hits : [];
  const total = Number(answer.total) || 0;
  const page = pageSummary(search.page, hits.length, total);
  ui.prev.disabled = !page.hasPrevious;
  ui.next.disabled = !page.hasNext;
  if (total === 0) {
    ui.count.textContent = 'No results';
    ui.results.replaceChildren(emptyState());
  } else if (hits.length === 0) {
    ui.count.textContent = `Page ${search.page} is past the last result (${numbers.format(total)} in all)`;
    ui.results.replaceChildren();
  } else {
    ui.count.textContent = `Results ${numbers.format(page.first)}–${numbers.format(page.last)} of ${numbers.format(total)}`;
    ui.results.replaceChildren(...hits.map(result));
  }
}

function emptyState() {
  const filters = activeFilters(search);
  return el('li', { class: 'empty' },
    el('p', { class: 'empty-title' }, search.q ? `Nothing in the archive matches “${search.q}”${filters.length ? ' with these filters' : ''}.` : 'Nothing in the archive matches these filters.'),
    el('p', { class: 'hint' }, filters.length
      ? 'Remove a filter above, or try fewer words.'
      : 'Try fewer words, another spelling, or the name in the other language (华为 finds Huawei).'));
}

function result(hit) {
  const viewer = `/view?${new URLSearchParams({ url: String(hit.url || ''), ts: String(hit.timestamp || '') })}`;
  const lang = typeof hit.lang === 'string' && /^[a-z]{2,3}$/.test(hit.lang) ? hit.lang : null;
  return el('li', { class: 'result' },
    el('h2', { class: 'result-title', lang }, pageLink(viewer, hit.title || hit.url || '(untitled)')),
    el('p', { class: 'result-url' }, String(hit.url || '')),
    el('p', { class: 'result-meta' }, `Captured ${formatTimestamp(hit.timestamp)}`, lang ? ` · ${languageName(lang)}` : ''),
    passages(hit.passages, lang));
}

/** The highlighted passages: each part is text; a hit part is the text inside a <mark>. */
function passages(list, lang) {
  if (!Array.isArray(list) || list.length === 0) return null;
  return el('div', { class: 'passages', lang },
    list.map((parts) => el('p', { class: 'passage' }, (Array.isArray(parts) ? parts : []).map((part) => (part && part.hit
      ? el('mark', {}, String(part.text ?? ''))
      : String((part && part.text) ?? ''))))));
}

// ---- facets and active filters ----

function showFacets(facets) {
  const groups = [];
  for (const facet of FACETS) {
    const counts = facets[facet.name] || {};
    let entries = Object.entries(counts);
    if (facet.byValue) entries.sort((a, b) => b[0].localeCompare(a[0]));
    if (search[facet.name] && !(search[facet.name] in counts)) entries = [[search[facet.name], 0], ...entries];
    if (entries.length === 0) continue;
    const heading = `facet-${facet.name}`;
    groups.push(el('section', { class: 'facet', 'aria-labelledby': heading },
      el('h2', { id: heading }, facet.title),
      el('ul', {}, entries.map(([value, count]) => el('li', {}, facetButton(facet, value, count))))));
  }
  ui.facets.replaceChildren(...(groups.length ? groups : [el('p', { class: 'hint' }, 'No facets for these results.')]));
}

function facetButton(facet, value, count) {
  const active = search[facet.name] === value;
  return el('button', {
    type: 'button',
    class: 'facet-value',
    'aria-pressed': active ? 'true' : 'false',
    title: active ? 'Click again to remove this filter' : null,
    onclick: () => go(withFilter(search, facet.name, active ? '' : value)),
  }, el('span', { class: 'facet-label' }, facet.label(value)), el('span', { class: 'facet-count' }, numbers.format(count)));
}

function showChips() {
  const active = activeFilters(search);
  ui.chips.hidden = active.length === 0;
  ui.chips.replaceChildren(...active.map(({ name, value }) => {
    const facet = FACETS.find((f) => f.name === name);
    const text = `${TITLES[name]}: ${facet ? facet.label(value) : value}`;
    return el('button', {
      type: 'button', class: 'chip', 'aria-label': `Remove filter ${text}`,
      onclick: () => go(withFilter(search, name, '')),
    }, text, el('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'));
  }));
  if (active.length > 1) {
    ui.chips.append(el('button', { type: 'button', class: 'chip chip-clear', onclick: () => go({ ...search, ...Object.fromEntries(active.map((f) => [f.name, ''])), page: 1 }) }, 'Clear all filters'));
  }
}

mountShell({
  page: 'search',
  onSession: (s) => {
    session = s;
    run();
  },
});
showForm();
if (!ui.q.value) ui.q.focus();
