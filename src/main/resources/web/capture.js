// The Capture page: queue pasted or uploaded URLs (POST /api/captures, one per URL), and follow captures in a
// table (GET /api/captures) that refreshes every 2 s while any is still in the pipeline and the tab is visible.
import { api, apiWithStatus, describe } from './api.js';
import { el, say, unsay } from './dom.js';
import { mountShell, can } from './shell.js';
import { captureRow, inFlight, STAGES } from './capture-row.js';
import { parseTags, readUrlList } from './url-list.js';

const PAGE_SIZE = 25;
const POLL_MS = 2000;

const form = document.getElementById('capture-form');
const readNotice = document.getElementById('capture-read');
const result = document.getElementById('capture-result');
const filters = document.getElementById('capture-filters');
const body = document.getElementById('captures-body');
const count = document.getElementById('list-count');
const listError = document.getElementById('list-error');
const prev = document.getElementById('page-prev');
const next = document.getElementById('page-next');

let session = null;
let offset = 0;
let pollTimer = null;
let fileList = null; // { name, urls, skipped, column } of the chosen file
let generation = 0; // the latest refresh; an older answer arriving late is dropped

filters.elements.status.replaceChildren(el('option', { value: '' }, 'Any'),
  ...Object.entries(STAGES).map(([status, s]) => el('option', { value: status }, `${status.toLowerCase()} (${s.word.toLowerCase()})`)));

mountShell({
  page: 'capture',
  onSession: (s) => {
    session = s;
    document.getElementById('capture-signed-out').hidden = Boolean(s);
    document.getElementById('capture-queue').hidden = !can(s, 'capture');
    document.getElementById('capture-list').hidden = !s;
    if (s) refresh();
    else stopPolling();
  },
});

function fieldError(id, message) {
  const box = document.getElementById(id);
  box.textContent = message || '';
  box.hidden = !message;
}

/** Says how many URLs were read and lists the lines that were not URLs. */
function reportRead(list, source) {
  const lines = list.skipped.slice(0, 20).map((s) => el('li', {}, `line ${s.line}: ${s.text} (${s.reason})`));
  say(readNotice, list.skipped.length ? 'warning' : 'info',
    `Read ${list.urls.length} URL${list.urls.length === 1 ? '' : 's'} from ${source}`,
    list.column ? ` (column: ${list.column})` : '',
    list.skipped.length ? `; ${list.skipped.length} line${list.skipped.length === 1 ? ' is' : 's are'} not a URL and will be skipped:` : '.',
    lines.length ? el('ul', { class: 'skipped-lines' }, lines) : null,
    list.skipped.length > 20 ? el('p', {}, `… and ${list.skipped.length - 20} more.`) : null);
}

form.elements.file.addEventListener('change', async () => {
  const file = form.elements.file.files[0];
  fileList = null;
  unsay(readNotice);
  if (!file) return;
  try {
    fileList = { name: file.name, ...readUrlList(await file.text(), file.name) };
    reportRead(fileList, file.name);
  } catch (e) {
    say(readNotice, 'error', `Could not read ${file.name}: ${e.message}`);
  }
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  fieldError('c-urls-error', null);
  fieldError('c-tags-error', null);
  unsay(result);
  let tags;
  try {
    tags = parseTags(form.elements.tags.value);
  } catch (e) {
    fieldError('c-tags-error', `Tags: ${e.message}.`);
    form.elements.tags.focus();
    return;
  }
  const pasted = readUrlList(form.elements.urls.value);
  if (form.elements.urls.value.trim()) reportRead(pasted, 'the box');
  const urls = [...pasted.urls, ...(fileList ? fileList.urls : [])];
  if (!urls.length) {
    fieldError('c-urls-error', 'Give at least one http(s) address, or choose a list file.');
    form.elements.urls.focus();
    return;
  }
  const note = form.elements.note.value.trim() || null;
  const submit = document.getElementById('c-submit');
  submit.disabled = true;
  const refused = [];
  let queued = 0;
  try {
    for (const url of urls) {
      say(result, 'info', `Queueing ${queued + refused.length + 1} of ${urls.length}…`);
      try {
        await apiWithStatus('/api/captures', { method: 'POST', body: { url, tags, note } });
        queued += 1;
      } catch (e) {
        refused.push(el('li', {}, `${url}: ${describe(e)}`));
        if (e.status === 401) break; // signed out meanwhile: every other URL would be refused the same way
      }
    }
  } finally {
    submit.disabled = false;
  }
  say(result, refused.length ? 'warning' : 'success', `Queued ${queued} capture${queued === 1 ? '' : 's'}.`,
    refused.length ? ` ${refused.length} refused:` : '', refused.length ? el('ul', {}, refused) : null);
  if (queued) {
    form.elements.urls.value = '';
    form.elements.file.value = '';
    fileList = null;
    offset = 0;
    refresh();
  }
});

filters.addEventListener('submit', (event) => {
  event.preventDefault();
  offset = 0;
  refresh();
});
prev.addEventListener('click', () => {
  offset = Math.max(0, offset - PAGE_SIZE);
  refresh();
});
next.addEventListener('click', () => {
  offset += PAGE_SIZE;
  refresh();
});

function query() {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(offset) });
  for (const name of ['status', 'tag', 'host']) {
    const value = filters.elements[name].value.trim();
    if (value) q.set(name, value);
  }
  return q.toString();
}

async function retry(capture, button) {
  button.disabled = true;
  try {
    await api(`/api/captures/${encodeURIComponent(capture.id)}/retry`, { method: 'POST', body: {} });
    refresh();
  } catch (e) {
    button.disabled = false;
    say(listError, 'error', `Retry of ${capture.url} failed: ${describe(e)}`);
  }
}

function stopPolling() {
  clearTimeout(pollTimer);
  pollTimer = null;
}

/** Loads the current page of captures; polls again in 2 s while any is in flight and the tab is visible. */
async function refresh() {
  stopPolling();
  if (!session) return;
  const mine = ++generation;
  let page;
  try {
    page = await api(`/api/captures?${query()}`);
  } catch (e) {
    if (mine === generation) say(listError, 'error', `The list could not be loaded: ${describe(e)}`);
    return;
  }
  if (mine !== generation) return;
  unsay(listError);
  const mayRetry = can(session, 'capture');
  body.replaceChildren(...page.items.map((c) => captureRow(c, { mayRetry, onRetry: retry })));
  if (!page.items.length) body.append(el('tr', {}, el('td', { colspan: 6, class: 'empty' }, 'No captures match.')));
  const busy = page.items.filter(inFlight).length;
  count.textContent = page.total === 0 ? 'No captures.'
    : `${offset + 1}–${offset + page.items.length} of ${page.total}${busy ? `; ${busy} still in the pipeline` : ''}`;
  prev.disabled = offset === 0;
  next.disabled = offset + page.items.length >= page.total;
  if (busy && document.visibilityState === 'visible') pollTimer = setTimeout(refresh, POLL_MS);
}

// A hidden tab stops polling; coming back refreshes at once.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') refresh();
  else stopPolling();
});
