// The selected candidate beside its evidence: its fields (editable with the gazetteer's values), its quote, the
// extracted text of a source with the quote marked, the archived page in a sandboxed frame, the other sources of
// its group, and the reject and merge panels. Only a 200 from the server counts as a decision: nothing is shown
// as decided before that. The page (review.js) owns the keys and calls the methods here.
import { api, ApiError, describe } from './api.js';
import { append, el, fillSelect, formatInstant, formatTimestamp, link, pageLink, safeUrl, say } from './dom.js';
import { mountPlacePicker } from './place-picker.js';
import { CATEGORIES, COMPANIES, categoryLabel, companyName, companyOptionLabel, countryName } from './vocab.js';

/** What the reviewer sees as the candidate's claim: the saved data point's values once decided, else the mined ones. */
export function shownValues(c) {
  const s = c.saved;
  if (s) return { company: s.company, category: s.category, country: s.country, city: s.city, year: s.yearStarted, label: s.label };
  return { company: c.company, category: c.category, country: c.country, city: c.city, year: c.year, label: null };
}

/** "Huawei · 5G · Kenya" (the city too when there is one): how a toast or a list names a claim. */
export function claimLabel(c) {
  const v = shownValues(c);
  const place = [v.city, v.country ? countryName(v.country) : null].filter(Boolean).join(', ');
  return [companyName(v.company) || 'no company', categoryLabel(v.category) || 'no category', place || 'no place'].join(' · ');
}

/** The quote hedges its claim (the miner's cue.hedge feature). */
export function isHedged(c) {
  return c.features != null && typeof c.features['cue.hedge'] === 'number' && c.features['cue.hedge'] > 0;
}

function scoreText(score) {
  return typeof score === 'number' && Number.isFinite(score) ? score.toFixed(2) : '–';
}

/** Where the quote is in the text: the stored offsets when they still point at it, else the first occurrence. */
export function quoteRange(text, quote, start, end) {
  if (typeof text !== 'string' || typeof quote !== 'string' || !quote) return null;
  if (Number.isInteger(start) && Number.isInteger(end) && text.slice(start, end) === quote) return [start, end];
  const at = text.indexOf(quote);
  if (at >= 0) return [at, at + quote.length];
  const head = quote.slice(0, 40);
  const near = head.length >= 12 ? text.indexOf(head) : -1;
  return near >= 0 ? [near, near + head.length] : null;
}

export class CandidateDetail {
  /**
   * options: canReview, onDecided(answer, action), onReloaded(candidate), onAuthError(error).
   */
  constructor(candidate, options) {
    this.candidate = candidate;
    this.options = options;
    this.sourceIndex = 0;
    this.tab = 'text';
    this.panel = null; // 'reject' | 'merge'
    this.matches = [];
    this.element = el('article', { class: 'detail', 'aria-labelledby': 'detail-title' });
    this.render();
  }

  get id() {
    return String(this.candidate.id);
  }

  isPending() {
    return this.candidate.status === 'PENDING';
  }

  sources() {
    const c = this.candidate;
    if (Array.isArray(c.sources) && c.sources.length > 0) return c.sources;
    return c.source ? [c.source] : [];
  }

  render() {
    const c = this.candidate;
    const decidable = this.isPending() && this.options.canReview;
    this.message = el('div', { class: 'notice', role: 'status', 'aria-live': 'polite', hidden: true });
    this.panelSlot = el('div', { class: 'panel-slot' });
    this.historySlot = el('section', { class: 'history', hidden: true, 'aria-label': 'History' });
    this.evidence = el('section', { class: 'evidence', 'aria-label': 'Evidence' });
    this.form = decidable ? this.editForm() : null;
    this.element.replaceChildren();
    append(this.element, [
      el('div', { class: 'card-head' },
        el('h2', { id: 'detail-title', class: 'card-title' }, claimLabel(c)),
        el('ul', { class: 'badges', 'aria-label': 'Status' },
          el('li', { class: `badge badge-${String(c.status).toLowerCase()}` }, c.status),
          el('li', { class: 'badge badge-origin' }, { SUBMISSION: 'public submission', MANUAL: 'added by hand' }[c.origin] || 'mined'),
          el('li', { class: 'badge badge-score', title: 'how sure the miner is, 0 to 1' }, `score ${scoreText(c.score)}`),
          typeof c.rank === 'number' ? el('li', { class: 'badge badge-score', title: 'how likely reviewers accept it (learned)' },
            `rank ${scoreText(c.rank)}`) : null,
          isHedged(c) ? el('li', { class: 'badge badge-hedged', title: 'the quote hedges (may, reportedly, 据传…)' }, 'hedged') : null)),
      this.isPending() ? null : this.decidedLine(),
      c.quote ? el('blockquote', { class: 'quote', id: 'detail-quote' }, c.quote) : el('p', { class: 'muted' }, 'No quote yet.'),
      c.note ? el('p', { class: 'note' }, el('strong', {}, 'Submitter’s note: '), c.note) : null,
      this.form ? this.form.element : this.facts(),
      this.panelSlot,
      this.message,
      this.evidence,
      this.otherSources(),
      this.historySlot]);
    this.showEvidence();
  }

  decidedLine() {
    const c = this.candidate;
    const verb = { APPROVED: 'Approved', REJECTED: 'Rejected', MERGED: 'Merged' }[c.status] || c.status;
    const parts = [verb];
    if (c.decidedBy) parts.push(` by ${c.decidedBy}`);
    if (c.decidedAt) parts.push(` on ${formatInstant(c.decidedAt)}`);
    if (c.datapointId != null) parts.push(c.status === 'MERGED' ? ` into data point #${c.datapointId}` : `: data point #${c.datapointId}`);
    if (c.saved && c.saved.label) parts.push(` “${c.saved.label}”`);
    if (c.reason) parts.push(`. Reason: ${c.reason}`);
    return el('p', { class: 'decided', id: 'detail-decided' }, parts.join(''));
  }

  facts() {
    const v = shownValues(this.candidate);
    return el('dl', { class: 'facts facts-compact', id: 'detail-facts' },
      el('dt', {}, 'Place'), el('dd', {}, [v.city, v.country ? `${countryName(v.country)} (${v.country})` : null].filter(Boolean).join(', ') || 'no place'),
      el('dt', {}, 'Year'), el('dd', {}, v.year == null ? 'unknown' : String(v.year)),
      v.label ? [el('dt', {}, 'Label'), el('dd', {}, v.label)] : null,
      el('dt', {}, 'Candidate'), el('dd', {}, `#${this.id}, version ${this.candidate.version}`));
  }

  // ---- the edit form: approving sends only what the reviewer changed ----

  editForm() {
    const c = this.candidate;
    const controls = {};
    const field = (name, label, control, value, cls = '') => {
      control.id = `edit-${name}`;
      control.name = name;
      if (value != null) control.value = String(value);
      controls[name] = control;
      return el('div', { class: `field ${cls}` }, el('label', { for: control.id }, label), control);
    };
    const company = el('select', {});
    fillSelect(company, COMPANIES, { any: '(choose a company)', label: companyOptionLabel });
    const category = el('select', {});
    fillSelect(category, CATEGORIES, { any: '(choose a category)' });
    // The place is chosen from the gazetteer (never a free-typed code that fails on approval).
    const placeField = el('div', { class: 'field field-place' });
    const place = mountPlacePicker(placeField, {
      // A hint is given also because mountPlacePicker renders a missing one as the text "null" (reported to its owner).
      id: 'edit-place', label: 'Place', required: true, hint: 'A city or country from the list.',
      value: c.country ? { country: c.country, city: c.city || null, lat: c.lat, lon: c.lon,
        label: [c.city, countryName(c.country)].filter(Boolean).join(', ') } : null,
    });
    const error = el('p', { class: 'field-error', role: 'alert', hidden: true });
    const button = (label, key, onclick, cls) => el('button', { type: 'button', class: cls, 'aria-keyshortcuts': key, onclick },
      label, el('kbd', { 'aria-hidden': 'true' }, key));
    const form = el('form', { class: 'edit-form', 'aria-label': 'Fields to approve' },
      el('div', { class: 'form-grid form-grid-compact' },
        field('company', 'Company', company, c.company),
        field('category', 'Category', category, c.category),
        placeField,
        field('yearStarted', 'Year', el('input', { type: 'number', min: 1900, max: 2100, step: 1 }), c.year),
        field('label', 'Label (optional)', el('input', { type: 'text', maxlength: 300, autocomplete: 'off' }), '')),
      error,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button-approve', 'aria-keyshortcuts': 'a', id: 'approve' }, 'Approve',
          el('kbd', { 'aria-hidden': 'true' }, 'a')),
        button('Reject…', 'r', () => this.openReject(), 'button-reject'),
        button('Merge…', 'm', () => this.openMerge(), ''),
        button('History', 'h', () => this.toggleHistory(), 'button-quiet')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.approve();
    });
    return { element: form, controls, error, place };
  }

  editsFrom() {
    const c = this.candidate;
    const f = this.form.controls;
    const edits = {};
    const value = (name) => f[name].value.trim();
    for (const name of ['company', 'category']) {
      if (value(name) !== String(c[name] ?? '')) edits[name] = value(name) || null;
    }
    const place = this.form.place.value();
    if (place && (place.country !== c.country || (place.city || '') !== (c.city || ''))) {
      edits.country = place.country;
      edits.city = place.city || null;
    }
    if (value('yearStarted') !== String(c.year ?? '')) edits.yearStarted = value('yearStarted') ? Number(value('yearStarted')) : null;
    if (value('label')) edits.label = value('label');
    return edits;
  }

  focusFirstField() {
    if (this.form) this.form.controls.company.focus();
  }

  // ---- decisions ----

  approve() {
    if (!this.form) return;
    if (!this.form.place.validate()) {
      this.form.place.focus();
      return;
    }
    this.send({ action: 'approve', edits: this.editsFrom() });
  }

  openReject() {
    if (!this.form) return;
    const reason = el('input', { id: 'reject-reason', type: 'text', required: true, maxlength: 2000, list: 'reject-reasons', autocomplete: 'off' });
    const form = el('form', { class: 'panel panel-reject', 'aria-label': 'Reject' },
      el('label', { for: 'reject-reason' }, 'Why reject? (required; Enter confirms, Esc cancels)'), reason,
      el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'button-reject' }, 'Reject'),
        el('button', { type: 'button', class: 'button-quiet', onclick: () => this.closePanel() }, 'Cancel')));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!form.reportValidity()) return;
      this.send({ action: 'reject', reason: reason.value.trim() });
    });
    this.panel = 'reject';
    this.panelSlot.replaceChildren(form);
    reason.focus();
  }

  async openMerge() {
    if (!this.form) return;
    this.panel = 'merge';
    const list = el('ol', { class: 'match-list', id: 'match-list', 'aria-label': 'Likely data points to merge into' },
      el('li', { class: 'muted' }, 'Looking for likely matches…'));
    const into = el('input', { id: 'merge-into', type: 'text', inputmode: 'numeric', maxlength: 20, autocomplete: 'off', required: true });
    const other = el('form', { class: 'merge-other' }, el('label', { for: 'merge-into' }, 'Or a data point id'), into,
      el('button', { type: 'submit' }, 'Merge'));
    other.addEventListener('submit', (event) => {
      event.preventDefault();
      if (other.reportValidity()) this.send({ action: 'merge', into: into.value.trim() });
    });
    this.panelSlot.replaceChildren(el('section', { class: 'panel panel-merge', 'aria-label': 'Merge' },
      el('h3', {}, 'Merge into an existing data point'), list, other));
    try {
      const answer = await api(`/api/candidates/${encodeURIComponent(this.id)}/matches`);
      this.matches = Array.isArray(answer && answer.items) ? answer.items : [];
    } catch (error) {
      list.replaceChildren(el('li', { class: 'field-error' }, `Could not load matches: ${describe(error)}`));
      return;
    }
    if (this.panel !== 'merge') return;
    if (this.matches.length === 0) {
      list.replaceChildren(el('li', { class: 'muted' }, 'No data point of this company shares its category or country.'));
      into.focus();
      return;
    }
    list.replaceChildren(...this.matches.map((m, i) => el('li', {},
      el('button', { type: 'button', class: 'match', onclick: () => this.mergeChoice(i + 1) },
        i < 9 ? el('kbd', {}, String(i + 1)) : null,
        ` #${m.id} ${claimLabel({ saved: { ...m, yearStarted: m.year } })}`,
        m.year != null ? ` · ${m.year}` : '', m.label ? ` · “${m.label}”` : '',
        el('span', { class: 'muted' }, ` · ${m.sources} source${m.sources === 1 ? '' : 's'} · same ${['company', ...m.same].join(', ')}`)))));
    list.querySelector('button').focus();
  }

  /** Merges into the n-th suggestion (1-based), when the merge panel shows one. */
  mergeChoice(n) {
    const m = this.panel === 'merge' ? this.matches[n - 1] : null;
    if (m) this.send({ action: 'merge', into: String(m.id) });
  }

  closePanel() {
    this.panel = null;
    this.panelSlot.replaceChildren();
  }

  /** Sends a decision on the version shown; the page hears of it only after the server's 200. */
  async send(payload) {
    const buttons = this.element.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const answer = await api(`/api/candidates/${encodeURIComponent(this.id)}/decision`, {
        method: 'POST', body: { ...payload, version: this.candidate.version },
      });
      if (!answer || !answer.candidate) throw new ApiError(500, 'the server answered without the decided candidate');
      this.candidate = answer.candidate;
      this.panel = null;
      this.render();
      this.options.onDecided(answer, payload.action);
    } catch (error) {
      buttons.forEach((b) => { b.disabled = false; });
      await this.failed(error);
    }
  }

  async failed(error) {
    if (error instanceof ApiError && error.status === 409) {
      await this.reload();
      say(this.message, 'warning', el('strong', {}, 'Not saved: '), `${error.message}. The candidate has been reloaded: check it again.`);
      return;
    }
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) this.options.onAuthError(error);
    const field = error instanceof ApiError && typeof error.field === 'string' ? error.field.replace(/^edits\./, '') : null;
    if (this.form && (field === 'country' || field === 'city')) {
      this.form.place.showError(error.message);
      this.form.place.focus();
    }
    const control = this.form && field ? this.form.controls[field] : null;
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
    say(this.message, 'error', describe(error));
  }

  async reload() {
    try {
      this.candidate = await api(`/api/candidates/${encodeURIComponent(this.id)}`);
      this.render();
      this.options.onReloaded(this.candidate);
    } catch (error) {
      say(this.message, 'error', `Could not reload this candidate: ${describe(error)}`);
    }
  }

  // ---- evidence: the extracted text with the quote marked, or the archived page ----

  showEvidence() {
    const sources = this.sources();
    const s = sources[this.sourceIndex];
    const tab = (name, label) => el('button', {
      type: 'button', role: 'tab', id: `tab-${name}`, class: 'tab', 'aria-selected': String(this.tab === name),
      'aria-controls': 'evidence-panel', onclick: () => { this.tab = name; this.showEvidence(); },
    }, label);
    const panel = el('div', { id: 'evidence-panel', class: 'evidence-panel', role: 'tabpanel', 'aria-labelledby': `tab-${this.tab}` });
    const where = s ? el('p', { class: 'source-line' },
      sources.length > 1 ? `Source ${this.sourceIndex + 1} of ${sources.length}: ` : 'Source: ',
      link(s.url, s.title || s.url), s.timestamp ? el('span', { class: 'muted' }, ` · captured ${formatTimestamp(s.timestamp)}`) : null,
      s.timestamp ? [' · ', pageLink(`/view?url=${encodeURIComponent(s.url)}&ts=${encodeURIComponent(s.timestamp)}`, 'open with banner',
        { target: '_blank', rel: 'noopener', id: 'open-view' })] : null,
      ' · ', pageLink(`/review?url=${encodeURIComponent(s.url)}`, 'every candidate from this page', { id: 'same-source' })) : null;
    this.evidence.replaceChildren(el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Evidence' },
      tab('text', 'Text'), tab('page', 'Page')), where || el('p', { class: 'muted' }, 'No source.'), panel);
    if (!s) return;
    if (!s.snapshotId || !s.timestamp) {
      panel.append(el('p', { class: 'muted' }, 'This page is still being captured: there is no archived copy yet.'));
    } else if (this.tab === 'page') {
      this.showPage(panel, s);
    } else {
      this.showText(panel, s);
    }
  }

  showPage(panel, s) {
    const url = safeUrl(s.replayUrl);
    if (!url) {
      panel.append(el('p', { class: 'muted' }, 'No archived copy to show.'));
      return;
    }
    // The banner sits outside the frame, so an archived error page can never pass for the page itself.
    const banner = el('p', { class: 'archive-banner', id: 'page-banner' }, `Archived copy of ${s.url}, captured ${formatTimestamp(s.timestamp)}`);
    // sandbox="" : the archived page runs no script and gets no origin of its own (DESIGN rule 4).
    const frame = el('iframe', { sandbox: true, class: 'replay-frame', title: `Archived copy of ${s.url}`, referrerpolicy: 'no-referrer' });
    frame.src = url;
    panel.append(banner, frame);
    api(`/api/snapshots/${encodeURIComponent(s.snapshotId)}/text`).then((doc) => {
      if (doc && doc.originAnswer) banner.append(` · ${doc.originAnswer}`);
    }, () => {}); // the banner already says what matters; the answer in words is a courtesy
  }

  async showText(panel, s) {
    panel.append(el('p', { class: 'muted' }, 'Loading the extracted text…'));
    let doc;
    try {
      doc = await api(`/api/snapshots/${encodeURIComponent(s.snapshotId)}/text`);
    } catch (error) {
      panel.replaceChildren(el('p', { class: 'field-error' }, `Could not load the text: ${describe(error)}`));
      return;
    }
    if (!panel.isConnected) return; // another candidate or tab was chosen meanwhile
    const text = doc && typeof doc.text === 'string' ? doc.text : '';
    const quote = s.quote || this.candidate.quote;
    const range = quoteRange(text, quote, s.quoteStart, s.quoteEnd);
    const body = el('div', { class: 'source-text', lang: doc && doc.lang && doc.lang !== 'und' ? doc.lang : null });
    if (range) {
      body.append(text.slice(0, range[0]), el('mark', { id: 'quote-mark' }, text.slice(range[0], range[1])), text.slice(range[1]));
    } else {
      body.append(text);
    }
    panel.replaceChildren();
    append(panel, [range ? null : el('p', { class: 'notice notice-warning' }, 'The quote was not found in this text.'), body]);
    const mark = body.querySelector('mark');
    if (mark) panel.scrollTop = Math.max(0, mark.offsetTop - panel.offsetTop - panel.clientHeight / 3);
  }

  toggleTab() {
    this.tab = this.tab === 'text' ? 'page' : 'text';
    this.showEvidence();
  }

  openView() {
    const link = this.element.querySelector('#open-view');
    if (link) link.click();
  }

  otherSources() {
    const sources = this.sources();
    if (sources.length < 2) return null;
    return el('section', { class: 'sources' }, el('h3', {}, `Sources of this group (${sources.length})`),
      el('ul', {}, sources.map((s, i) => el('li', { class: i === this.sourceIndex ? 'source source-shown' : 'source' },
        el('button', { type: 'button', class: 'button-quiet button-small', onclick: () => { this.sourceIndex = i; this.render(); } },
          i === this.sourceIndex ? 'Shown' : 'Show'),
        ' ', link(s.url, s.title || s.url),
        s.timestamp ? el('span', { class: 'muted' }, ` · ${formatTimestamp(s.timestamp)}`) : el('span', { class: 'muted' }, ' · not captured yet'),
        s.quote ? el('blockquote', { class: 'quote quote-small' }, s.quote) : null))));
  }

  async toggleHistory() {
    if (!this.historySlot.hidden) {
      this.historySlot.hidden = true;
      return;
    }
    this.historySlot.hidden = false;
    this.historySlot.replaceChildren(el('h3', {}, 'History'), el('p', { class: 'muted' }, 'Loading…'));
    try {
      const fresh = await api(`/api/candidates/${encodeURIComponent(this.id)}`);
      const entries = Array.isArray(fresh && fresh.history) ? fresh.history : [];
      this.historySlot.replaceChildren(el('h3', {}, 'History'), entries.length === 0 ? el('p', { class: 'muted' }, 'No decisions yet.')
        : el('ol', { class: 'history-list' }, entries.map((e) => el('li', {},
          el('span', { class: 'history-when' }, formatInstant(e.at)), ` ${e.actor}: ${e.action}`,
          e.detail && e.detail.reason ? ` (${e.detail.reason})` : '',
          e.datapointId != null ? ` · data point #${e.datapointId}` : ''))));
    } catch (error) {
      this.historySlot.replaceChildren(el('p', { class: 'field-error' }, `Could not load the history: ${describe(error)}`));
    }
  }
}
