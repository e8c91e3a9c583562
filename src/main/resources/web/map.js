// The map of approved data points: GeoJSON from /api/datapoints, one circle per place (no marker images,
// so it renders without any PNG), popups built as DOM nodes from the points' sources, category and
// company filters, and dataset downloads fetched with the token.
import { api, ApiError, describe, download, getToken } from './api.js';
import { el, fillSelect, formatTimestamp, link, safeUrl, say, unsay } from './dom.js';
import { mountTokenBar } from './token.js';
import {
  CATEGORIES, COMPANIES, OTHER_COLOR, categoryColor, categoryLabel, companyName, companyOptionLabel, countryName,
} from './vocab.js';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_IN_POPUP = 40;

const ui = {
  filters: document.getElementById('map-filters'),
  count: document.getElementById('map-count'),
  notice: document.getElementById('map-notice'),
  legend: document.getElementById('legend'),
};

const state = { points: [], company: '', category: '', fitted: false, tilesFailed: false };
const L = window.L;

const tokenBar = mountTokenBar(document.getElementById('token-bar'), {
  onChange: () => load(),
  hint: 'Only needed when the dataset is not public.',
});

let map = null;
let layer = null;
if (!L) {
  say(ui.notice, 'error', 'The map library (Leaflet) did not load: the downloads below still work.');
} else {
  map = L.map('map', { preferCanvas: true, worldCopyJump: true, minZoom: 2 }).setView([20, 15], 2);
  // Country outlines shipped with the UI (Natural Earth 1:110m, public domain, via world-atlas): the map is
  // readable offline, where the tiles below cannot load.
  fetch('/ui/world-110m.geojson')
    .then((r) => (r.ok ? r.json() : null))
    .then((world) => {
      if (!world) return;
      L.geoJSON(world, {
        interactive: false,
        style: { color: '#8a97a6', weight: 0.6, fillColor: '#f2efe6', fillOpacity: 1 },
      }).addTo(map).bringToBack();
    })
    .catch(() => {});
  const tiles = L.tileLayer('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', {
    subdomains: 'abc',
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    // The page sends no Referer anywhere (archived links must not learn where reviewers come from); the
    // tile servers ask for one, so tiles alone send our origin, never a path.
    referrerPolicy: 'strict-origin-when-cross-origin',
  }).addTo(map);
  tiles.once('tileerror', () => {
    state.tilesFailed = true;
    warnAboutTiles();
  });
  layer = L.layerGroup().addTo(map);
}

function warnAboutTiles() {
  if (state.tilesFailed && ui.notice.hidden) {
    say(ui.notice, 'warning', 'Map tiles could not be loaded (offline?): showing country outlines only.');
  }
}

// ---- data ----

/** The GeoJSON features as {id, lat, lon, p}; anything that is not a point on the globe is skipped. */
function pointsOf(collection) {
  const features = collection && Array.isArray(collection.features) ? collection.features : [];
  const out = [];
  for (const f of features) {
    const coords = f && f.geometry && f.geometry.type === 'Point' ? f.geometry.coordinates : null;
    if (!Array.isArray(coords) || coords.length < 2) continue;
    const [lon, lat] = coords.map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const p = f.properties && typeof f.properties === 'object' ? f.properties : {};
    out.push({ id: String(p.id ?? f.id ?? ''), lat, lon, p });
  }
  return out;
}

async function load() {
  say(ui.notice, 'info', 'Loading data points…');
  try {
    state.points = pointsOf(await api('/api/datapoints?format=geojson'));
    unsay(ui.notice);
    warnAboutTiles();
  } catch (error) {
    state.points = [];
    if (error instanceof ApiError && (error.status === 401 || error.status === 403) && !getToken()) {
      say(ui.notice, 'info', 'This dataset is not public: sign in with an access token (top of the page) to see it.');
      tokenBar.focus();
    } else {
      say(ui.notice, 'error', describe(error));
    }
  }
  state.fitted = false;
  draw();
}

// ---- drawing ----

function matches(point, { ignoreCategory = false } = {}) {
  if (state.company && point.p.company !== state.company) return false;
  if (!ignoreCategory && state.category && point.p.category !== state.category) return false;
  return true;
}

/** Points at the same coordinates share one circle (country-level points often do), so none hides another. */
function groupByPlace(points) {
  const groups = new Map();
  for (const point of points) {
    const key = `${point.lat.toFixed(5)},${point.lon.toFixed(5)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(point);
  }
  return [...groups.values()];
}

function draw() {
  const shown = state.points.filter((point) => matches(point));
  ui.count.textContent = state.points.length === 0 ? ''
    : `Showing ${shown.length} of ${state.points.length} data points${shown.length === 0 ? ': no point matches these filters' : ''}.`;
  drawLegend();
  if (!map) return;
  layer.clearLayers();
  const bounds = [];
  for (const group of groupByPlace(shown)) {
    const categories = new Set(group.map((point) => point.p.category));
    const countryLevel = group.every((point) => point.p.precision === 'country');
    const marker = L.circleMarker([group[0].lat, group[0].lon], {
      radius: 6 + Math.min(10, 2 * Math.sqrt(group.length - 1)),
      color: countryLevel ? '#222222' : '#ffffff',
      weight: countryLevel ? 1.5 : 1,
      dashArray: countryLevel ? '3 3' : null,
      fillColor: categories.size === 1 ? categoryColor(group[0].p.category) : OTHER_COLOR,
      fillOpacity: 0.85,
    });
    // Content as functions returning nodes: Leaflet would parse a string as HTML.
    marker.bindTooltip(() => el('span', {}, tooltipText(group)), { direction: 'top', offset: [0, -6] });
    marker.bindPopup(() => popupFor(group), { maxWidth: 380, minWidth: 260, autoPanPadding: [24, 24] });
    marker.addTo(layer);
    bounds.push([group[0].lat, group[0].lon]);
  }
  if (!state.fitted && bounds.length > 0) {
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
    state.fitted = true;
  }
}

function tooltipText(group) {
  if (group.length > 1) return `${group.length} data points · ${placeOf(group[0].p)}`;
  const p = group[0].p;
  return `${p.label || companyOf(p)} · ${placeOf(p)}`;
}

function companyOf(p) {
  return p.companyName || companyName(p.company);
}

function placeOf(p) {
  return [p.city, p.countryName || countryName(p.country)].filter(Boolean).join(', ') || 'unknown place';
}

function yearsOf(p) {
  if (p.yearStarted == null) return 'year unknown';
  return p.yearEnded != null && p.yearEnded !== p.yearStarted ? `${p.yearStarted}–${p.yearEnded}` : String(p.yearStarted);
}

function truncate(text, max) {
  const s = String(text);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function popupFor(group) {
  const box = el('div', { class: 'popup' });
  if (group.length > 1) box.appendChild(el('p', { class: 'popup-count' }, `${group.length} data points at ${placeOf(group[0].p)}`));
  for (const point of group.slice(0, MAX_IN_POPUP)) box.appendChild(pointSummary(point));
  if (group.length > MAX_IN_POPUP) {
    box.appendChild(el('p', { class: 'muted' }, `…and ${group.length - MAX_IN_POPUP} more: filter by company or category to see them.`));
  }
  return box;
}

function pointSummary({ id, p }) {
  const sources = Array.isArray(p.sources) ? p.sources : [];
  return el('article', { class: 'popup-point' },
    el('h3', {}, p.label || `${companyOf(p)}: ${categoryLabel(p.category)}`),
    el('dl', { class: 'facts facts-compact' },
      el('dt', {}, 'Company'), el('dd', {}, companyOf(p)),
      el('dt', {}, 'Category'), el('dd', {}, categoryLabel(p.category),
        p.secondaryCategory ? `, ${categoryLabel(p.secondaryCategory)}` : null),
      el('dt', {}, 'Place'), el('dd', {}, placeOf(p), p.precision ? el('span', { class: 'muted' }, ` (${p.precision})`) : null),
      el('dt', {}, 'Year'), el('dd', {}, yearsOf(p)),
      el('dt', {}, 'Id'), el('dd', {}, `#${id}`)),
    p.description ? el('p', { class: 'popup-description' }, truncate(p.description, 400)) : null,
    sources.length === 0 ? el('p', { class: 'muted' }, 'No sources listed.')
      : el('ul', { class: 'popup-sources', 'aria-label': 'Sources' }, sources.map(sourceItem)));
}

function sourceItem(s) {
  const title = s.title || s.url || '(untitled)';
  return el('li', {},
    el('span', { class: 'source-title' }, truncate(title, 160)),
    s.publisher ? el('span', { class: 'muted' }, ` · ${s.publisher}`) : null,
    s.snapshotTimestamp ? el('span', { class: 'muted' }, ` · captured ${formatTimestamp(s.snapshotTimestamp)}`) : null,
    el('span', { class: 'source-links' },
      safeUrl(s.replayUrl) ? link(s.replayUrl, 'archived copy') : el('span', { class: 'muted' }, 'no archived copy'),
      safeUrl(s.url) ? [' · ', link(s.url, 'original')] : null),
    s.quote ? el('blockquote', { class: 'quote quote-small' }, truncate(s.quote, 400)) : null);
}

// ---- legend: the categories present (under the company filter), each a toggle for the category filter ----

function swatch(color, dashed = false) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', '14');
  svg.setAttribute('height', '14');
  svg.setAttribute('viewBox', '0 0 14 14');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const circle = document.createElementNS(SVG, 'circle');
  circle.setAttribute('cx', '7');
  circle.setAttribute('cy', '7');
  circle.setAttribute('r', '6');
  circle.setAttribute('fill', color);
  circle.setAttribute('stroke', dashed ? '#222222' : '#ffffff');
  if (dashed) circle.setAttribute('stroke-dasharray', '2 2');
  svg.appendChild(circle);
  return svg;
}

function drawLegend() {
  const counts = new Map();
  for (const point of state.points) {
    if (matches(point, { ignoreCategory: true })) counts.set(point.p.category, (counts.get(point.p.category) || 0) + 1);
  }
  const known = new Set(CATEGORIES.map((c) => c.id));
  const entries = CATEGORIES.map((c) => ({ id: c.id, label: c.label, color: c.color }))
    .concat([...counts.keys()].filter((id) => !known.has(id)).map((id) => ({ id, label: categoryLabel(id), color: OTHER_COLOR })));
  const items = entries.map((c) => {
    const n = counts.get(c.id) || 0;
    const pressed = state.category === c.id;
    const button = el('button', {
      type: 'button', class: 'legend-item', 'aria-pressed': pressed ? 'true' : 'false', disabled: n === 0 && !pressed,
      onclick: () => setCategory(pressed ? '' : c.id),
    }, swatch(c.color), el('span', { class: 'legend-label' }, c.label), el('span', { class: 'legend-count' }, String(n)));
    return el('li', {}, button);
  });
  items.push(el('li', { class: 'legend-note' }, swatch(OTHER_COLOR), ' several categories at one place'));
  items.push(el('li', { class: 'legend-note' }, swatch('#ffffff', true), ' placed at country level (no city known)'));
  ui.legend.replaceChildren(...items);
}

// ---- filters, kept in the address bar ----

function setCategory(id) {
  state.category = id;
  ui.filters.elements.category.value = id;
  filtersChanged();
}

function filtersChanged() {
  const q = new URLSearchParams();
  if (state.company) q.set('company', state.company);
  if (state.category) q.set('category', state.category);
  const search = q.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
  state.fitted = false;
  draw();
}

fillSelect(ui.filters.elements.company, COMPANIES, { any: 'All companies', label: companyOptionLabel });
fillSelect(ui.filters.elements.category, CATEGORIES, { any: 'All categories' });
{
  const q = new URLSearchParams(window.location.search);
  state.company = COMPANIES.some((c) => c.id === q.get('company')) ? q.get('company') : '';
  state.category = q.get('category') && /^[a-z0-9-]{1,100}$/.test(q.get('category')) ? q.get('category') : '';
  ui.filters.elements.company.value = state.company;
  ui.filters.elements.category.value = state.category;
}
ui.filters.addEventListener('change', () => {
  state.company = ui.filters.elements.company.value;
  state.category = ui.filters.elements.category.value;
  filtersChanged();
});
ui.filters.addEventListener('submit', (event) => event.preventDefault());

for (const button of document.querySelectorAll('button[data-format]')) {
  button.addEventListener('click', async () => {
    const format = button.dataset.format;
    button.disabled = true;
    try {
      await download(`/api/datapoints?format=${encodeURIComponent(format)}`, `tracemap-datapoints.${format}`);
    } catch (error) {
      say(ui.notice, 'error', error instanceof ApiError && error.status === 401 && !getToken()
        ? 'This dataset is not public: sign in with an access token to download it.' : describe(error));
    } finally {
      button.disabled = false;
    }
  });
}

load();
