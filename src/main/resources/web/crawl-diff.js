// A unified diff (GET /api/diff) shown as text a screen reader can read: every changed line keeps its own
// mark (+ added, − removed) and says so in words, so colour is never the only sign.
import { el, formatTimestamp, pageLink } from './dom.js';

/** /view?url=&ts=: an archived copy inside the site's banner. */
export function viewPath(url, timestamp) {
  return `/view?url=${encodeURIComponent(url)}&ts=${encodeURIComponent(timestamp)}`;
}

/** The lines of a unified diff as {kind: added|removed|context|hunk, text}, without the --- / +++ file header. */
export function parseUnified(diff) {
  const out = [];
  for (const line of String(diff || '').split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('@@')) out.push({ kind: 'hunk', text: line });
    else if (line.startsWith('+')) out.push({ kind: 'added', text: line.slice(1) });
    else if (line.startsWith('-')) out.push({ kind: 'removed', text: line.slice(1) });
    else if (line.length) out.push({ kind: 'context', text: line.startsWith(' ') ? line.slice(1) : line });
  }
  return out;
}

const MARK = { added: '+', removed: '−', context: ' ', hunk: '' };
const SAID = { added: 'added: ', removed: 'removed: ', context: '', hunk: '' };

/** The diff as a region: a summary, links to both archived copies, then one line per row. */
export function renderDiff(d) {
  const lines = parseUnified(d.diff);
  const summary = d.changed
    ? `${d.linesAdded} line${d.linesAdded === 1 ? '' : 's'} added, ${d.linesRemoved} removed in the main text.`
    : 'The main text did not change (only page furniture such as navigation, ads or dates did).';
  return el('div', { class: 'diff', role: 'region', 'aria-label': `Changes to ${d.url}` },
    el('p', {}, summary),
    el('p', { class: 'diff-links' },
      'Before: ', pageLink(viewPath(d.url, d.from.timestamp), formatTimestamp(d.from.timestamp)),
      ' · after: ', pageLink(viewPath(d.url, d.to.timestamp), formatTimestamp(d.to.timestamp))),
    lines.length === 0 ? null : el('ol', { class: 'diff-lines' }, lines.map((l) => el('li', { class: `diff-${l.kind}` },
      el('span', { class: 'diff-mark', 'aria-hidden': 'true' }, MARK[l.kind]),
      el('span', { class: 'visually-hidden' }, SAID[l.kind]),
      el('span', { class: 'diff-text' }, l.text)))));
}
