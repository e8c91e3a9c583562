// The public submission form: POST /api/submissions without signing in. The answer says what happened in
// plain words; a field the server rejects gets its message next to it. The place is chosen with the place
// picker (a country or a city of the gazetteer) and sent as its ISO country code and English city name.
import { mountShell } from './shell.js';
import { apiWithStatus, ApiError, describe } from './api.js';
import { fillSelect, say, unsay } from './dom.js';
import { companyOptionLabel, loadVocabulary } from './vocab.js';
import { mountPlacePicker } from './place-picker.js';

const FIELDS = ['url', 'company', 'category', 'year', 'note'];
const form = document.getElementById('submit-form');
const result = document.getElementById('submit-result');
const submit = document.getElementById('s-submit');

// Anyone may suggest a source; the header still lets a team member sign in from here.
mountShell({ page: 'submit', signInHint: 'Team members only: the form needs no token.' });
const place = mountPlacePicker(document.getElementById('s-place'), {
  id: 's-place-input',
  label: 'Where (country or city)',
  hint: 'Type a country or a city, in English or Chinese (e.g. Serbia, 塞尔维亚, Belgrade), and choose it from the list.',
});

loadVocabulary().then(({ companies, categories }) => {
  fillSelect(form.elements.company, companies, { any: 'Not sure / another company', label: companyOptionLabel });
  fillSelect(form.elements.category, categories, { any: 'Not sure' });
});

function clearErrors() {
  for (const name of FIELDS) {
    form.elements[name].removeAttribute('aria-invalid');
    const error = document.getElementById(`s-${name}-error`);
    error.textContent = '';
    error.hidden = true;
  }
  place.showError('');
  unsay(result);
}

function fieldError(name, message) {
  if (name === 'country' || name === 'city') {
    place.showError(message);
    place.focus();
    return true;
  }
  const control = FIELDS.includes(name) ? form.elements[name] : null;
  if (!control) return false;
  const error = document.getElementById(`s-${name}-error`);
  error.textContent = message;
  error.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
  return true;
}

/** Only the fields filled in; the year as a number; the place as its country code and city. */
function body() {
  const out = {};
  for (const name of FIELDS) {
    const value = form.elements[name].value.trim();
    if (!value) continue;
    out[name] = name === 'year' ? Number(value) : value;
  }
  const chosen = place.value();
  if (chosen) {
    out.country = chosen.country;
    if (chosen.city) out.city = chosen.city;
  }
  return out;
}

function explain(error) {
  if (!(error instanceof ApiError)) return describe(error);
  switch (error.status) {
    case 413: return 'Your submission is too large: please shorten the note.';
    case 415: return 'The server did not accept the submission’s format. Please reload the page and try again.';
    case 429: return `Too many submissions, try later${error.retryAfter ? ` (in about ${Math.max(1, Math.ceil(error.retryAfter / 60))} min)` : ''}.`;
    case 400: return `Please check the form: ${error.message}.`;
    default: return describe(error);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  // A typed place that was not chosen from the list is not sent as something else: the form stops here.
  if (!place.validate()) {
    place.focus();
    return;
  }
  if (!form.reportValidity()) return;
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const { status, data } = await apiWithStatus('/api/submissions', { method: 'POST', body: body(), auth: false });
    form.reset();
    place.setValue(null);
    say(result, 'success', `Thank you. Your suggestion was received${data && data.id ? ` (number ${data.id})` : ''}`,
      status === 202 ? ': we are archiving the page now, and a reviewer will look at it.' : '.');
    result.focus();
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 400 && fieldError(error.field, error.message))) {
      say(result, error instanceof ApiError && error.status === 429 ? 'warning' : 'error', explain(error));
    }
  } finally {
    submit.disabled = false;
    form.removeAttribute('aria-busy');
  }
});
