// The parts of the map page outside the map: the sortable list of the points shown, and the panel that
// opens one point with its fields and every source (quote, capture time, archived copy, replay).
import { append, el, formatTimestamp, link, pageLink, safeUrl } from './dom.js';
import { categoryColor, categoryLabel, companyName, countryName } from './vocab.js';

const SVG = 'http://www.w3.org/2000/svg';

export function companyOf(p) {
  return p.companyName || companyName(p.company);
}

export function placeOf(p) {
  return [p.city, p.countryName || countryName(p.country)].filter(Boolean).join(', ') || 'unknown place';
}

export function titleOf(p) {
  return p.label || `${companyOf(p)}: ${categoryLabel(p.category)}`;
}

export function yearsOf(p) {
  if (p.yearStarted == null) return 'year unknown';
  return p.yearEnded != null && p.yearEnded !== p.yearStarted ? `${p.yearStarted}–${p.yearEnded}` : String(p.yearStarted);
}

/** A coloured dot (an SVG presentation attribute, which the CSP allows where a style attribute is refused). */
export function dot(color, size = 14, { dashed = false } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', '0 0 14 14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('cx', '7');
  circle.setAttribute('cy', '7');
  circle.setAttribute('r', '6');
  circle.setAttribute('fill', color);
  circle.setAttribute('stroke', dashed ? '#222222' : '#ffffff');
  circle.setAttribute('stroke-width', '1.5');
  if (dashed) circle.setAttribute('stroke-dasharray', '2 2');
  svg.appendChild(circle);
  return svg;
}

// ---- the list ----

const COLUMNS = [
  { key: 'title', label: 'Data point', value: (pt) => titleOf(pt.p).toLowerCase() },
  { key: 'company', label: 'Company', value: (pt) => companyOf(pt.p).toLowerCase() },
  { key: 'category', label: 'Category', value: (pt) => categoryLabel(pt.p.category).toLowerCase() },
  { key: 'place', label: 'Place', value: (pt) => placeOf(pt.p).toLowerCase() },
  { key: 'year', label: 'Year', value: (pt) => (pt.p.yearStarted == null ? Number.POSITIVE_INFINITY : pt.p.yearStarted) },
];

export function sortPoints(points, { key, dir }) {
  const column = COLUMNS.find((c) => c.key === key) || COLUMNS[0];
  return [...points].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.id.localeCompare(b.id, 'en', { numeric: true });
  });
}

/**
 * The table of points: column headers are buttons that sort (aria-sort says how), each row's name is a
 * button that selects the point; so the whole list works from the keyboard.
 */
export function renderList(table, points, { sort, selected, onSort, onSelect }) {
  const head = el('tr', {}, COLUMNS.map((c) => {
    const active = sort.key === c.key;
    return el('th', { scope: 'col', 'aria-sort': active ? (sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
      el('button', { type: 'button', class: 'sort-button', onclick: () => onSort(c.key) }, c.label,
        el('span', { 'aria-hidden': 'true' }, active ? (sort.dir > 0 ? ' ▲' : ' ▼') : '')));
  }));
  const rows = sortPoints(points, sort).map((pt) => el('tr', { class: pt.id === selected ? 'selected' : null, dataset: { id: pt.id } },
    el('th', { scope: 'row' }, el('button', {
      type: 'button', class: 'link-button', 'aria-pressed': pt.id === selected ? 'true' : 'false', onclick: () => onSelect(pt.id),
    }, dot(categoryColor(pt.p.category), 12), ' ', titleOf(pt.p))),
    el('td', {}, companyOf(pt.p)),
    el('td', {}, categoryLabel(pt.p.category)),
    el('td', {}, placeOf(pt.p)),
    el('td', {}, yearsOf(pt.p))));
  table.replaceChildren(el('thead', {}, head), el('tbody', {}, rows));
}

// ---- one point ----

/** /view?url=&ts=: the archived copy inside the site's banner (a sandboxed frame of the replay). */
export function viewPath(url, timestamp) {
  return `/view?url=${encodeURIComponent(url)}&ts=${encodeURIComponent(timestamp)}`;
}

export function renderDetail(panel, point, { onClose }) {
  if (!point) {
    panel.hidden = true;
    panel.replaceChildren();
    return;
  }
  const { id, p } = point;
  const sources = Array.isArray(p.sources) ? p.sources : [];
  // The DOM's replaceChildren() writes null as the text "null": dom.js append() skips it, as el() does.
  panel.replaceChildren();
  append(panel, [
    el('div', { class: 'detail-head' },
      el('h2', { id: 'point-heading', tabindex: '-1' }, titleOf(p)),
      el('button', { type: 'button', class: 'secondary', onclick: onClose }, 'Close')),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Company'), el('dd', {}, companyOf(p)),
      el('dt', {}, 'Category'), el('dd', {}, dot(categoryColor(p.category), 12), ' ', categoryLabel(p.category),
        p.secondaryCategory ? `, ${categoryLabel(p.secondaryCategory)}` : null),
      el('dt', {}, 'Place'), el('dd', {}, placeOf(p), p.address ? `, ${p.address}` : null,
        p.precision ? el('span', { class: 'muted' }, ` (placed at ${p.precision} level)`) : null),
      el('dt', {}, 'Years'), el('dd', {}, yearsOf(p)),
      p.topics && p.topics.length ? [el('dt', {}, 'Topics'), el('dd', {}, p.topics.join(', '))] : null,
      el('dt', {}, 'Id'), el('dd', {}, `#${id}`)),
    p.description ? el('p', { class: 'description' }, p.description) : null,
    el('h3', {}, sources.length === 1 ? '1 source' : `${sources.length} sources`),
    sources.length === 0 ? el('p', { class: 'muted' }, 'No sources listed.')
      : el('ol', { class: 'sources' }, sources.map(sourceItem))]);
  panel.hidden = false;
}

function sourceItem(s) {
  const archived = s.url && s.snapshotTimestamp;
  return el('li', { class: 'source' },
    el('p', { class: 'source-title' }, s.title || s.url || '(untitled)', s.publisher ? el('span', { class: 'muted' }, ` · ${s.publisher}`) : null),
    s.quote ? el('blockquote', { class: 'quote' }, s.quote) : null,
    el('p', { class: 'source-links' },
      s.snapshotTimestamp ? `Captured ${formatTimestamp(s.snapshotTimestamp)} · ` : 'Not archived · ',
      archived ? pageLink(viewPath(s.url, s.snapshotTimestamp), 'archived copy') : null,
      archived && safeUrl(s.replayUrl) ? [' · ', link(s.replayUrl, 'replay')] : null,
      safeUrl(s.url) ? [' · ', link(s.url, 'original (live)')] : null));
}
