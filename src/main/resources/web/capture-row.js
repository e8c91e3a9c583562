// One row of the Capture page's table: a capture as GET /api/captures shows it, in words. API data goes in as
// text only (dom.js); links to our own pages carry it percent-encoded.
import { el, formatInstant, link, pageLink } from './dom.js';

/** Where each status is on the way through the pipeline, and what to call it. */
export const STAGES = {
  QUEUED: { step: 0, word: 'Queued' },
  FETCHING: { step: 1, word: 'Fetching' },
  ARCHIVED: { step: 2, word: 'Archived, reading the text' },
  EXTRACTED: { step: 3, word: 'Text read, indexing' },
  INDEXED: { step: 4, word: 'Indexed, looking for data points' },
  MINED: { step: 5, word: 'Done' },
  FAILED: { step: 5, word: 'Failed' },
};

/** True while the pipeline will still move the capture on. */
export function inFlight(capture) {
  return capture.status !== 'MINED' && capture.status !== 'FAILED';
}

/** The viewer of an archived copy: /view?url=…&ts=…. */
export function viewerPath(snapshot) {
  return `/view?url=${encodeURIComponent(snapshot.url)}&ts=${encodeURIComponent(snapshot.timestamp)}`;
}

function statusCell(c) {
  const stage = STAGES[c.status] || { step: 0, word: c.status };
  const cell = el('td', { class: `status status-${String(c.status).toLowerCase()}` });
  cell.append(el('span', { class: 'status-word' }, stage.word));
  if (inFlight(c)) {
    cell.append(el('progress', { max: 5, value: stage.step, 'aria-label': `${stage.word}: step ${stage.step} of 5` }));
  }
  if (c.status === 'QUEUED' && c.retryAt) cell.append(el('p', { class: 'hint' }, `waiting to try again at ${formatInstant(c.retryAt)}`));
  if (c.error) cell.append(el('p', { class: c.status === 'FAILED' ? 'capture-error' : 'hint' }, c.error));
  return cell;
}

function answerCell(c) {
  const s = c.snapshot;
  if (!s) return el('td', { class: 'muted' }, c.status === 'FAILED' ? 'nothing archived' : '—');
  // "the origin answered 404 Not Found": an archived error page is a faithful copy, but not the page asked for.
  const words = s.originAnswer || `the origin answered ${s.httpStatus}`;
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return el('td', { class: s.originError ? 'origin-error' : 'origin-ok' }, el('span', { class: 'origin-answer' }, sentence),
    s.contentType ? el('p', { class: 'hint' }, s.contentType) : null,
    s.truncated ? el('p', { class: 'hint' }, `truncated (${s.truncated})`) : null);
}

function pageCell(c) {
  const tags = Object.entries(c.tags || {}).map(([k, v]) => el('li', { class: 'badge' }, `${k}=${v}`));
  const title = c.extraction && c.extraction.title ? c.extraction.title : null;
  return el('td', { class: 'capture-page' },
    title ? el('p', { class: 'capture-title' }, title) : null,
    link(c.url, c.url, { class: 'capture-url' }),
    tags.length ? el('ul', { class: 'badges' }, tags) : null,
    c.note ? el('p', { class: 'hint' }, c.note) : null,
    el('p', { class: 'hint' }, `queued ${formatInstant(c.createdAt)}`));
}

/** The table row of capture c; onRetry(c, button) when the retry button is offered (mayRetry) and pressed. */
export function captureRow(c, { mayRetry, onRetry }) {
  const links = el('td', { class: 'capture-links' });
  if (c.snapshot) links.append(pageLink(viewerPath(c.snapshot), 'archived copy', { class: 'link-view' }), ' ');
  // The extracted text is where a point the miner missed is added by hand (text.html).
  if (c.snapshot && ['EXTRACTED', 'INDEXED', 'MINED'].includes(c.status)) {
    links.append(pageLink(`/text?snapshot=${encodeURIComponent(c.snapshot.id)}`, 'text', { class: 'link-text', title: 'Read the extracted text; add a point from a passage' }), ' ');
  }
  links.append(pageLink(`/review?url=${encodeURIComponent(c.url)}`, 'candidates', { class: 'link-candidates' }));
  if (c.status === 'FAILED' && mayRetry) {
    const retry = el('button', { type: 'button', class: 'button-quiet button-retry' }, 'Retry');
    retry.addEventListener('click', () => onRetry(c, retry));
    links.append(' ', retry);
  }
  const attempts = el('td', { class: 'number' }, String(c.attempts),
    c.tries > 1 ? el('p', { class: 'hint' }, `${c.tries} tries`) : null);
  const change = el('td', {}, c.snapshot ? c.snapshot.change : '—');
  return el('tr', { dataset: { id: c.id, status: c.status } }, pageCell(c), statusCell(c), answerCell(c), attempts, change, links);
}
