// One candidate in the review queue: what it claims, the archived sources that back it, and the
// approve (with edits) / reject / merge forms. Only a 200 from the server counts as done: nothing is
// shown as decided before that.
import { api, ApiError, describe } from './api.js';
import { append, el, fillSelect, formatInstant, formatTimestamp, link, safeUrl, say } from './dom.js';
import { CATEGORIES, COMPANIES, categoryLabel, companyName, companyOptionLabel, countryName } from './vocab.js';

const ACTION_DONE = { approve: 'Approved', reject: 'Rejected', merge: 'Merged' };

/** The candidate's sources: the list when present, else the single source, else none (capture pending). */
function sourcesOf(c) {
  if (Array.isArray(c.sources) && c.sources.length > 0) return c.sources;
  return c.source ? [c.source] : [];
}

export function placeOf(c) {
  const country = c.country ? `${countryName(c.country)} (${c.country})` : '';
  return [c.city, country].filter(Boolean).join(', ') || 'no place';
}

function scoreText(score) {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

/** The quote hedges its claim (the miner's cue.hedge feature). */
function isHedged(c) {
  return c.features != null && typeof c.features['cue.hedge'] === 'number' && c.features['cue.hedge'] > 0;
}

export class CandidateCard {
  /** handlers: onSelect(card), onDecided(card, answer, action), onAuthError(error) */
  constructor(candidate, handlers) {
    this.candidate = candidate;
    this.handlers = handlers;
    this.panel = null; // the open form: approve | reject | merge
    this.element = el('li', { class: 'card', tabindex: '-1' });
    this.element.addEventListener('focusin', () => this.handlers.onSelect(this));
    this.element.addEventListener('click', () => this.handlers.onSelect(this));
    this.render();
  }

  get id() {
    return String(this.candidate.id);
  }

  isPending() {
    return this.candidate.status === 'PENDING';
  }

  domId(name) {
    return `c${this.id.replace(/[^A-Za-z0-9_-]/g, '_')}-${name}`;
  }

  render() {
    const c = this.candidate;
    const titleId = this.domId('title');
    this.element.setAttribute('aria-labelledby', titleId);
    this.element.dataset.id = this.id;
    this.element.classList.toggle('card-decided', !this.isPending());
    this.message = el('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
    this.panelSlot = el('div', { class: 'panel-slot' });
    this.historySlot = el('section', { class: 'history', hidden: true, 'aria-label': `History of candidate ${this.id}` });
    this.panel = null;
    // append() skips the absent parts; replaceChildren() would turn a null into the text "null".
    this.element.replaceChildren();
    append(this.element, [
      el('div', { class: 'card-head' },
        el('h2', { id: titleId, class: 'card-title' },
          el('span', { class: 'company' }, companyName(c.company) || 'no company'),
          el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
          el('span', { class: 'category' }, categoryLabel(c.category) || 'no category')),
        el('ul', { class: 'badges', 'aria-label': 'Status' },
          el('li', { class: `badge badge-${String(c.status).toLowerCase()}` }, c.status),
          c.origin ? el('li', { class: 'badge badge-origin' }, c.origin === 'SUBMISSION' ? 'public submission' : 'mined') : null,
          el('li', { class: 'badge badge-score', title: 'how sure the miner is, 0 to 1' }, `score ${scoreText(c.score)}`),
          typeof c.rank === 'number'
            ? el('li', { class: 'badge badge-score', title: 'how likely reviewers accept it, by the model learned from their decisions' },
              `rank ${scoreText(c.rank)}`) : null,
          isHedged(c)
            ? el('li', { class: 'badge badge-hedged', title: 'the quote hedges (may, reportedly, 据传…): check it states a fact' }, 'hedged')
            : null)),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Place'), el('dd', {}, placeOf(c), c.precision ? el('span', { class: 'muted' }, ` (${c.precision})`) : null),
        el('dt', {}, 'Year'), el('dd', {}, c.year == null ? 'unknown' : String(c.year)),
        el('dt', {}, 'Candidate'), el('dd', {}, `#${this.id}, version ${c.version}`)),
      c.quote ? el('blockquote', { class: 'quote' }, c.quote) : el('p', { class: 'muted' }, 'No quote yet.'),
      c.note ? el('p', { class: 'note' }, el('strong', {}, 'Submitter’s note: '), c.note) : null,
      this.renderSources(),
      this.isPending() ? null : this.renderDecided(),
      this.isPending() ? this.renderActions() : el('div', { class: 'actions' }, this.historyButton()),
      this.panelSlot,
      this.message,
      this.historySlot]);
  }

  renderSources() {
    const c = this.candidate;
    const sources = sourcesOf(c);
    const heading = el('h3', {}, sources.length > 1 ? `Sources (${sources.length})` : 'Source');
    if (sources.length === 0) {
      return el('section', { class: 'sources' }, heading,
        el('p', { class: 'muted' }, 'The submitted page is still being captured: there is no archived copy yet.'));
    }
    return el('section', { class: 'sources' }, heading, el('ul', {}, sources.map((s) => this.renderSource(s))));
  }

  renderSource(s) {
    const quote = s.quote && s.quote !== this.candidate.quote ? el('blockquote', { class: 'quote quote-small' }, s.quote) : null;
    return el('li', { class: 'source' },
      el('p', { class: 'source-title' }, s.title || '(untitled page)'),
      el('p', { class: 'source-url' }, link(s.url, s.url || '(no URL)', { class: 'url' })),
      el('p', { class: 'source-meta' },
        s.timestamp ? `Captured ${formatTimestamp(s.timestamp)}` : 'Not captured yet',
        safeUrl(s.replayUrl) ? [' · ', link(s.replayUrl, 'View archived copy', { class: 'archived-link' })] : null),
      quote);
  }

  renderDecided() {
    const c = this.candidate;
    const parts = [c.status === 'APPROVED' ? 'Approved' : c.status === 'REJECTED' ? 'Rejected' : c.status === 'MERGED' ? 'Merged' : c.status];
    if (c.decidedBy) parts.push(` by ${c.decidedBy}`);
    if (c.decidedAt) parts.push(` on ${formatInstant(c.decidedAt)}`);
    if (c.datapointId != null) parts.push(c.status === 'MERGED' ? ` into data point #${c.datapointId}` : `: data point #${c.datapointId}`);
    if (c.reason) parts.push(`. Reason: ${c.reason}`);
    return el('p', { class: 'decided' }, parts.join(''));
  }

  renderActions() {
    const button = (label, key, action, cls) => el('button', {
      type: 'button', class: cls, 'aria-keyshortcuts': key, onclick: action,
    }, label, el('kbd', { 'aria-hidden': 'true' }, key));
    return el('div', { class: 'actions' },
      button('Approve…', 'a', () => this.openPanel('approve'), 'button-approve'),
      button('Edit', 'e', () => this.openPanel('edit'), ''),
      button('Reject…', 'r', () => this.openPanel('reject'), 'button-reject'),
      button('Merge…', 'm', () => this.openPanel('merge'), ''),
      this.historyButton(),
      this.firstArchiveUrl() ? button('Archived copy', 'o', () => this.openArchivedCopy(), 'button-quiet') : null);
  }

  historyButton() {
    return el('button', {
      type: 'button', class: 'button-quiet', 'aria-keyshortcuts': 'h', 'aria-expanded': 'false', onclick: () => this.toggleHistory(),
    }, 'History', el('kbd', { 'aria-hidden': 'true' }, 'h'));
  }

  firstArchiveUrl() {
    const s = sourcesOf(this.candidate).find((x) => safeUrl(x.replayUrl));
    return s ? safeUrl(s.replayUrl) : null;
  }

  openArchivedCopy() {
    const url = this.firstArchiveUrl();
    if (url) window.open(url, '_blank', 'noopener,noreferrer');
  }

  setMessage(kind, ...content) {
    say(this.message, kind, ...content);
  }

  // ---- the decision forms ----

  /** Opens a form: approve (focus on the Approve button), edit (focus on the first field), reject, merge. */
  openPanel(kind) {
    if (!this.isPending()) {
      this.setMessage('info', `This candidate is already ${String(this.candidate.status).toLowerCase()}.`);
      return;
    }
    const formKind = kind === 'edit' ? 'approve' : kind;
    if (this.panel && this.panel.kind === formKind) { // keep what the reviewer typed
      this.panel.focus(kind);
      return;
    }
    const form = formKind === 'reject' ? this.rejectForm() : formKind === 'merge' ? this.mergeForm() : this.approveForm();
    this.panel = form;
    this.panelSlot.replaceChildren(form.element);
    form.focus(kind);
  }

  closePanel() {
    this.panel = null;
    this.panelSlot.replaceChildren();
    this.element.focus();
  }

  approveForm() {
    const c = this.candidate;
    const f = new DecisionForm(this, 'approve', 'Approve as a data point');
    const company = el('select', {});
    fillSelect(company, COMPANIES, { any: '(choose a company)', label: companyOptionLabel });
    const category = el('select', {});
    fillSelect(category, CATEGORIES, { any: '(choose a category)' });
    f.field('company', 'Company', company, c.company);
    f.field('category', 'Category', category, c.category);
    f.field('country', 'Country (ISO alpha-2)', el('input', { type: 'text', maxlength: 2, pattern: '[A-Za-z]{2}', autocapitalize: 'characters', size: 4 }), c.country);
    f.field('city', 'City', el('input', { type: 'text', maxlength: 200 }), c.city);
    f.field('label', 'Label (project name)', el('input', { type: 'text', maxlength: 300 }), '', 'Optional. A short name for the point, e.g. “Nairobi Safe City”.');
    f.field('yearStarted', 'Year started', el('input', { type: 'number', min: 1900, max: 2100, step: 1 }), c.year);
    f.field('yearEnded', 'Year ended', el('input', { type: 'number', min: 1900, max: 2100, step: 1 }), '', 'Optional.');
    f.field('description', 'Description', el('textarea', { rows: 3, maxlength: 5000 }), '', 'Optional.', 'field-wide');
    const coordHint = 'Leave unchanged to keep this point, or to place it by city when you change the place. Give both to pin an exact spot.';
    f.field('lat', 'Latitude', el('input', { type: 'number', min: -90, max: 90, step: 'any' }), c.lat, coordHint);
    f.field('lon', 'Longitude', el('input', { type: 'number', min: -180, max: 180, step: 'any' }), c.lon);
    f.onSubmit(() => ({ action: 'approve', edits: this.editsFrom(f) }));
    return f;
  }

  /** Only the fields the reviewer changed: sending a field means "this changed" to the server. */
  editsFrom(f) {
    const c = this.candidate;
    const edits = {};
    const text = (name) => f.value(name).trim();
    for (const name of ['company', 'category', 'city']) {
      if (text(name) !== String(c[name] ?? '')) edits[name] = text(name);
    }
    if (text('country').toUpperCase() !== String(c.country ?? '').toUpperCase()) edits.country = text('country').toUpperCase();
    for (const name of ['label', 'description']) {
      if (text(name)) edits[name] = text(name);
    }
    if (text('yearStarted') !== String(c.year ?? '')) edits.yearStarted = text('yearStarted') ? Number(text('yearStarted')) : null;
    if (text('yearEnded')) edits.yearEnded = Number(text('yearEnded'));
    const lat = text('lat');
    const lon = text('lon');
    if (lat !== String(c.lat ?? '') || lon !== String(c.lon ?? '')) {
      if (lat || lon) {
        edits.lat = lat ? Number(lat) : null;
        edits.lon = lon ? Number(lon) : null;
      }
    }
    return edits;
  }

  rejectForm() {
    const f = new DecisionForm(this, 'reject', 'Reject');
    f.field('reason', 'Reason (required)', el('input', { type: 'text', required: true, maxlength: 2000, list: 'reject-reasons', autocomplete: 'off' }), '',
      'Say why, for the audit trail: e.g. “not about this company”, “no overseas presence”, “duplicate of #…”.', 'field-wide');
    f.onSubmit(() => ({ action: 'reject', reason: f.value('reason').trim() }));
    return f;
  }

  mergeForm() {
    const f = new DecisionForm(this, 'merge', 'Merge');
    f.field('into', 'Merge into data point id', el('input', { type: 'text', required: true, inputmode: 'numeric', maxlength: 40, autocomplete: 'off' }), '',
      'This candidate becomes one more source of an existing data point (its id is in the map’s popups and the exports).');
    f.onSubmit(() => ({ action: 'merge', into: f.value('into').trim() }));
    return f;
  }

  /** Sends the decision with the version shown; shows success only after the server's 200. */
  async decide(form, payload) {
    const c = this.candidate;
    form.busy(true);
    try {
      const answer = await api(`/api/candidates/${encodeURIComponent(this.id)}/decision`, {
        method: 'POST', body: { ...payload, version: c.version },
      });
      if (!answer || !answer.candidate) throw new ApiError(500, 'the server answered without the decided candidate');
      this.candidate = answer.candidate;
      this.render();
      const point = answer.datapoint && answer.datapoint.id != null ? ` — data point #${answer.datapoint.id}` : '';
      this.setMessage('success', `${ACTION_DONE[payload.action]}${point}.`);
      this.handlers.onDecided(this, answer, payload.action);
    } catch (error) {
      form.busy(false);
      await this.failed(form, error);
    }
  }

  async failed(form, error) {
    if (error instanceof ApiError && error.status === 409) {
      const why = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
      await this.reload();
      this.setMessage('warning', el('strong', {}, 'Not saved: someone else decided this candidate first, or it changed since you loaded it. '),
        `Server: ${why} It has been reloaded: check it again before deciding.`);
      this.element.focus();
      return;
    }
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      form.error(null, describe(error));
      this.handlers.onAuthError(error);
      return;
    }
    if (error instanceof ApiError && error.status === 400) form.error(error.field, error.message);
    else form.error(null, describe(error));
  }

  /** Fetches this candidate again (after a conflict) and shows it as it now is. */
  async reload() {
    try {
      const fresh = await api(`/api/candidates/${encodeURIComponent(this.id)}`);
      if (fresh) this.candidate = fresh;
      this.render();
    } catch (error) {
      this.render();
      this.setMessage('error', `Could not reload this candidate: ${describe(error)}`);
    }
  }

  async toggleHistory() {
    const button = this.element.querySelector('button[aria-keyshortcuts="h"]');
    if (!this.historySlot.hidden) {
      this.historySlot.hidden = true;
      if (button) button.setAttribute('aria-expanded', 'false');
      return;
    }
    this.historySlot.hidden = false;
    if (button) button.setAttribute('aria-expanded', 'true');
    this.historySlot.replaceChildren(el('h3', {}, 'History'), el('p', { class: 'muted' }, 'Loading…'));
    try {
      const fresh = await api(`/api/candidates/${encodeURIComponent(this.id)}`);
      const entries = Array.isArray(fresh && fresh.history) ? fresh.history : [];
      this.historySlot.replaceChildren(el('h3', {}, 'History'), entries.length === 0
        ? el('p', { class: 'muted' }, 'No decisions recorded yet.')
        : el('ol', { class: 'history-list' }, entries.map(renderHistoryEntry)));
    } catch (error) {
      this.historySlot.replaceChildren(el('h3', {}, 'History'), el('p', { class: 'notice notice-error' }, describe(error)));
    }
  }
}

function renderHistoryEntry(h) {
  const detail = h.detail && typeof h.detail === 'object' ? Object.entries(h.detail) : [];
  return el('li', {},
    el('span', { class: 'history-when' }, formatInstant(h.at)), ' ',
    el('strong', {}, String(h.actor ?? 'unknown')), ' ', String(h.action ?? ''),
    h.datapointId != null ? ` (data point #${h.datapointId})` : null,
    detail.length ? el('dl', { class: 'history-detail' }, detail.map(([k, v]) => [
      el('dt', {}, k), el('dd', {}, typeof v === 'string' ? v : JSON.stringify(v))])) : null);
}

/** A decision form inside a card: labelled fields with their own error lines, Submit and Cancel. */
class DecisionForm {
  constructor(card, kind, submitLabel) {
    this.card = card;
    this.kind = kind;
    this.fields = new Map();
    this.grid = el('div', { class: 'form-grid' });
    this.generalError = el('p', { class: 'field-error', role: 'alert', hidden: true });
    this.submit = el('button', { type: 'submit', class: kind === 'reject' ? 'button-reject' : 'button-approve' }, submitLabel);
    const cancel = el('button', { type: 'button', class: 'button-quiet', onclick: () => card.closePanel() }, 'Cancel');
    this.element = el('form', { class: `panel panel-${kind}`, 'aria-label': `${submitLabel}: candidate ${card.id}` },
      el('h3', {}, kind === 'approve' ? 'Approve, with any corrections' : kind === 'reject' ? 'Reject' : 'Merge into an existing data point'),
      kind === 'approve' ? el('p', { class: 'hint' }, 'Only the fields you change are sent. Press Enter on “Approve” to confirm, Esc to cancel.') : null,
      this.grid, this.generalError,
      el('div', { class: 'form-buttons' }, this.submit, cancel));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        card.closePanel();
      }
    });
  }

  field(name, labelText, control, initial, hintText = null, extraClass = '') {
    const id = this.card.domId(`${this.kind}-${name}`);
    const errorId = `${id}-error`;
    const hintId = hintText ? `${id}-hint` : null;
    control.id = id;
    control.name = name;
    control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
    if (initial !== null && initial !== undefined) control.value = String(initial);
    const error = el('p', { id: errorId, class: 'field-error', hidden: true });
    this.grid.appendChild(el('div', { class: `field ${extraClass}`.trim() },
      el('label', { for: id }, labelText), control, hintText ? el('p', { id: hintId, class: 'hint' }, hintText) : null, error));
    this.fields.set(name, { control, error });
  }

  value(name) {
    const f = this.fields.get(name);
    return f ? f.control.value : '';
  }

  onSubmit(payloadOf) {
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.clearErrors();
      if (!this.element.reportValidity()) return;
      this.card.decide(this, payloadOf());
    });
  }

  focus(kind) {
    const first = this.fields.values().next().value;
    if (kind === 'approve') this.submit.focus();
    else if (first) first.control.focus();
  }

  busy(on) {
    for (const b of this.element.querySelectorAll('button')) b.disabled = on;
    this.element.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  clearErrors() {
    for (const { control, error } of this.fields.values()) {
      control.removeAttribute('aria-invalid');
      error.hidden = true;
      error.textContent = '';
    }
    this.generalError.textContent = '';
    this.generalError.hidden = true;
  }

  /** Shows an error next to the field the server named ("edits.lat" is the lat field), else under the form. */
  error(field, message) {
    const name = typeof field === 'string' ? field.replace(/^edits\./, '') : null;
    const f = name ? this.fields.get(name) : null;
    if (!f) {
      this.generalError.textContent = field ? `${field}: ${message}` : message;
      this.generalError.hidden = false;
      return;
    }
    f.error.textContent = message;
    f.error.hidden = false;
    f.control.setAttribute('aria-invalid', 'true');
    f.control.focus();
  }
}
