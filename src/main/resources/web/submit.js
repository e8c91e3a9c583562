// The public submission form: POST /api/submissions without a token. The answer says what happened in
// plain words; a field the server rejects gets its message next to it.
import { apiWithStatus, ApiError, describe } from './api.js';
import { fillSelect, say, unsay } from './dom.js';
import { CATEGORIES, COMPANIES, companyOptionLabel } from './vocab.js';
import { mountShell } from './shell.js';

// Anyone may suggest a source; the header still lets a team member sign in from here.
mountShell({ page: 'submit', signInHint: 'Team members only: the form needs no token.' });

const FIELDS = ['url', 'company', 'category', 'country', 'city', 'year', 'note'];
const form = document.getElementById('submit-form');
const result = document.getElementById('submit-result');
const submit = document.getElementById('s-submit');

fillSelect(form.elements.company, COMPANIES, { any: 'Not sure / another company', label: companyOptionLabel });
fillSelect(form.elements.category, CATEGORIES, { any: 'Not sure' });

function clearErrors() {
  for (const name of FIELDS) {
    form.elements[name].removeAttribute('aria-invalid');
    const error = document.getElementById(`s-${name}-error`);
    error.textContent = '';
    error.hidden = true;
  }
  unsay(result);
}

function fieldError(name, message) {
  const control = FIELDS.includes(name) ? form.elements[name] : null;
  if (!control) return false;
  const error = document.getElementById(`s-${name}-error`);
  error.textContent = message;
  error.hidden = false;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
  return true;
}

/** Only the fields filled in; the year as a number, the country in capitals. */
function body() {
  const out = {};
  for (const name of FIELDS) {
    const value = form.elements[name].value.trim();
    if (!value) continue;
    if (name === 'year') out.year = Number(value);
    else if (name === 'country') out.country = value.toUpperCase();
    else out[name] = value;
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
  if (!form.reportValidity()) return;
  submit.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    const { status, data } = await apiWithStatus('/api/submissions', { method: 'POST', body: body(), auth: false });
    form.reset();
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
