// A snapshot's extracted text (GET /api/snapshots/{id}/text), where a person selects the passage that shows what the
// miner missed and adds the point by hand (POST /api/candidates): as a candidate for review, or, for a reviewer,
// straight as a reviewed point. The server checks the passage against the same text.
import { mountShell, can } from './shell.js';
import { api, ApiError, describe } from './api.js';
import { el, fillSelect, formatTimestamp, link, pageLink, say, unsay } from './dom.js';
import { companyOptionLabel, loadVocabulary } from './vocab.js';
import { mountPlacePicker } from './place-picker.js';

const FIELDS = ['quote', 'company', 'category', 'year', 'label', 'note'];
const snapshotId = new URLSearchParams(window.location.search).get('snapshot') || '';
const status = document.getElementById('text-status');
const pageSection = document.getElementById('text-page');
const text = document.getElementById('snapshot-text');
const addButton = document.getElementById('add-point');
const pane = document.getElementById('point-pane');
const form = document.getElementById('point-form');
const quoteView = document.getElementById('p-quote');
const result = document.getElementById('point-result');
const saveReviewed = document.getElementById('save-reviewed');
const saveCandidate = document.getElementById('save-candidate');

let session = null;
let snapshot = null;
let passage = null; // { quote, start } of the selection the form was opened with

const place = mountPlacePicker(document.getElementById('p-place'), { id: 'p-place-input', label: 'Place', required: true,
  hint: 'A country or a city, in English or Chinese, chosen from the list.' });

loadVocabulary().then(({ companies, categories }) => {
  fillSelect(form.elements.company, companies, { any: 'Choose a company', label: companyOptionLabel });
  fillSelect(form.elements.category, categories, { any: 'Choose a category' });
});

mountShell({
  page: 'text', // not in the navigation: reached from a capture, a search hit or a candidate
  onSession: (s) => {
    session = s;
    saveCandidate.hidden = !can(s, 'capture');
    saveReviewed.hidden = !can(s, 'review');
    if (s && !snapshot) load();
    if (!s) say(status, 'info', 'Sign in to read the snapshot’s text.');
  },
});

async function load() {
  if (!snapshotId || snapshotId.length > 200) {
    say(status, 'error', 'This page needs a snapshot: open it as /text?snapshot=ID from a capture or a search hit.');
    return;
  }
  say(status, 'info', 'Loading the text…');
  try {
    snapshot = await api(`/api/snapshots/${encodeURIComponent(snapshotId)}/text`);
  } catch (e) {
    say(status, 'error', describe(e));
    return;
  }
  unsay(status);
  document.getElementById('text-title').textContent = snapshot.title || snapshot.url;
  document.title = `${snapshot.title || snapshot.url} · Tracemap`;
  document.getElementById('text-url').replaceChildren(link(snapshot.url, snapshot.url));
  document.getElementById('text-time').textContent = formatTimestamp(snapshot.timestamp);
  document.getElementById('text-view').replaceChildren(pageLink(
    `/view?url=${encodeURIComponent(snapshot.url)}&ts=${encodeURIComponent(snapshot.timestamp)}`, 'Open the archived copy'));
  if (snapshot.lang) text.setAttribute('lang', snapshot.lang);
  text.value = snapshot.text || '';
  pageSection.hidden = false;
}

/** The current selection in the text, or null when nothing (or only white space) is selected. */
function selection() {
  const start = text.selectionStart;
  const end = text.selectionEnd;
  if (end <= start) return null;
  const quote = text.value.slice(start, end);
  return quote.trim() ? { quote, start } : null;
}

function selectionChanged() {
  addButton.hidden = !selection() || !(can(session, 'capture') || can(session, 'review'));
}

for (const type of ['select', 'mouseup', 'keyup']) text.addEventListener(type, selectionChanged);
// The text is the snapshot's, not ours to change: typing, pasting, cutting and dropping are all refused.
text.addEventListener('beforeinput', (event) => event.preventDefault());
text.addEventListener('drop', (event) => event.preventDefault());
text.addEventListener('keydown', (event) => {
  if (event.key === 'a' && !event.ctrlKey && !event.metaKey && !event.altKey && selection()) {
    event.preventDefault();
    openForm();
  }
});
addButton.addEventListener('click', openForm);
document.getElementById('point-cancel').addEventListener('click', () => {
  pane.hidden = true;
  text.focus();
});

function openForm() {
  const chosen = selection();
  if (!chosen) return;
  passage = chosen;
  quoteView.textContent = chosen.quote.trim();
  clearErrors();
  unsay(result);
  form.hidden = false;
  pane.hidden = false;
  document.getElementById('point-heading').focus();
}

function clearErrors() {
  for (const name of FIELDS) {
    const error = document.getElementById(`p-${name}-error`);
    error.textContent = '';
    error.hidden = true;
    if (form.elements[name]) form.elements[name].removeAttribute('aria-invalid');
  }
  place.showError('');
}

function fieldError(name, message) {
  if (name === 'country' || name === 'city') {
    place.showError(message);
    place.focus();
    return true;
  }
  if (!FIELDS.includes(name)) return false;
  const error = document.getElementById(`p-${name}-error`);
  error.textContent = message;
  error.hidden = false;
  if (form.elements[name]) {
    form.elements[name].setAttribute('aria-invalid', 'true');
    form.elements[name].focus();
  }
  return true;
}

function body(reviewed) {
  const chosen = place.value();
  const out = {
    snapshotId: snapshot.snapshotId, quote: passage.quote, quoteStart: passage.start,
    company: form.elements.company.value, category: form.elements.category.value,
    country: chosen.country, reviewed,
  };
  if (chosen.city) out.city = chosen.city;
  for (const name of ['label', 'note']) {
    const v = form.elements[name].value.trim();
    if (v) out[name] = v;
  }
  const year = form.elements.year.value.trim();
  if (year) out.year = Number(year);
  return out;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const reviewed = event.submitter === saveReviewed;
  clearErrors();
  unsay(result);
  for (const name of ['company', 'category']) {
    if (!form.elements[name].value) {
      fieldError(name, `Choose a ${name}.`);
      return;
    }
  }
  if (!place.validate()) {
    place.focus();
    return;
  }
  if (!form.reportValidity()) return;
  form.setAttribute('aria-busy', 'true');
  saveCandidate.disabled = true;
  saveReviewed.disabled = true;
  try {
    const saved = await api('/api/candidates', { method: 'POST', body: body(reviewed) });
    confirmSaved(saved);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 400 && fieldError(e.field, e.message))) say(result, 'error', describe(e));
  } finally {
    form.removeAttribute('aria-busy');
    saveCandidate.disabled = false;
    saveReviewed.disabled = false;
  }
});

function confirmSaved(saved) {
  const candidate = saved.candidate;
  const point = saved.datapoint;
  form.reset();
  place.setValue(null);
  form.hidden = true;
  if (point) {
    say(result, 'success', `Saved as reviewed data point ${point.id}. `,
      pageLink(`/map?point=${encodeURIComponent(point.id)}`, 'See it on the map'), '.');
  } else {
    say(result, 'success', `Saved as candidate ${candidate.id}, waiting for review. `,
      pageLink(`/review?candidate=${encodeURIComponent(candidate.id)}`, 'Open it in the review queue'), '.');
  }
  result.append(' ', el('span', { class: 'hint' }, 'Select another passage to add another point.'));
  result.focus();
}
