// The map of approved data points: GeoJSON from /api/datapoints drawn as keyboard-reachable markers coloured
// by category, grouped by a pixel grid (map-cluster.js); filters (company, category, country, years) that
// drive the markers, the list beside the map and the downloads alike; a panel that opens one point with
// every source. The background is the bundled country outlines unless the server names a tile server
// (GET /api/ui-config), so by default the page reaches no host but this one.
import { mountShell } from './shell.js';
import { api, ApiError, describe, download } from './api.js';
import { el, fillSelect, say, unsay } from './dom.js';
import { clusterByGrid, samePlace } from './map-cluster.js';
import { dot, placeOf, renderDetail, renderList, titleOf } from './map-detail.js';
import { CATEGORIES, COMPANIES, OTHER_COLOR, categoryColor, categoryLabel, companyOptionLabel, countryName } from './vocab.js';

const ui = {
  filters: document.getElementById('map-filters'),
  count: document.getElementById('map-count'),
  notice: document.getElementById('map-notice'),
  legend: document.getElementById('legend'),
  attribution: document.getElementById('map-attribution'),
  list: document.getElementById('point-list'),
  detail: document.getElementById('point-detail'),
};

const state = {
  points: [],
  filters: { company: '', category: '', country: '', yearFrom: '', yearTo: '' },
  sort: { key: 'title', dir: 1 },
  selected: null,
  fitted: false,
  session: null,
};
const L = window.L;
const MARKER_PX = 18; // the icon, and so the click and focus target: comfortably over 12 px

// ---- the map and its background ----

let map = null;
let layer = null;
if (!L) {
  say(ui.notice, 'error', 'The map library (Leaflet) did not load: the list and the downloads below still work.');
} else {
  // Leaflet's own attribution control writes HTML; the credit is shown as text under the map instead.
  map = L.map('map', { minZoom: 2, worldCopyJump: false, attributionControl: false, keyboard: true }).setView([20, 15], 2);
  layer = L.layerGroup().addTo(map);
  map.on('zoomend', () => drawMarkers());
  drawBackground();
}

async function drawBackground() {
  let tiles = null;
  try {
    const config = await api('/api/ui-config');
    tiles = config && config.map && typeof config.map.tileUrl === 'string' ? config.map : null;
  } catch (error) {
    say(ui.notice, 'warning', `The map settings could not be read (${describe(error)}): showing country outlines.`);
  }
  if (!tiles) {
    ui.attribution.textContent = 'Country outlines: Natural Earth (public domain). Map: Leaflet.';
    drawOutlines();
    return;
  }
  ui.attribution.textContent = `Map tiles: ${tiles.attribution || ''} · Map: Leaflet.`;
  const layerOfTiles = L.tileLayer(tiles.tileUrl, { maxZoom: 19, referrerPolicy: 'strict-origin-when-cross-origin' }).addTo(map);
  layerOfTiles.once('tileerror', () => {
    say(ui.notice, 'warning', 'Map tiles could not be loaded: showing country outlines instead.');
    map.removeLayer(layerOfTiles);
    drawOutlines();
  });
}

function drawOutlines() {
  // Natural Earth 1:110m, cut at the antimeridian (tools/map/split_antimeridian.py) so no ring spans the map.
  fetch('/ui/world-110m.geojson')
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    })
    .then((world) => {
      L.geoJSON(world, { interactive: false, style: { color: '#8a97a6', weight: 0.6, fillColor: '#f2efe6', fillOpacity: 1 } })
        .addTo(map).bringToBack();
    })
    .catch((e) => say(ui.notice, 'warning', `The country outlines could not be loaded (${e.message}): the points are still placed.`));
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
  } catch (error) {
    state.points = [];
    if (error instanceof ApiError && (error.status === 401 || error.status === 403) && !state.session) {
      say(ui.notice, 'info', 'This dataset is not public: sign in (top of the page) to see it.');
    } else {
      say(ui.notice, 'error', describe(error));
    }
  }
  fillCountries();
  state.fitted = false;
  draw();
}

// ---- filters: one state, read by the markers, the list, the legend and the downloads ----

function matches(point, { ignoreCategory = false } = {}) {
  const f = state.filters;
  const p = point.p;
  if (f.company && p.company !== f.company) return false;
  if (!ignoreCategory && f.category && p.category !== f.category) return false;
  if (f.country && String(p.country || '').toUpperCase() !== f.country) return false;
  if (f.yearFrom || f.yearTo) {
    if (p.yearStarted == null) return false; // as the API: an unknown year is in no range
    if (f.yearFrom && p.yearStarted < Number(f.yearFrom)) return false;
    if (f.yearTo && p.yearStarted > Number(f.yearTo)) return false;
  }
  return true;
}

function shownPoints() {
  return state.points.filter((point) => matches(point));
}

/** The filters as query parameters, the same names for the address bar and GET /api/datapoints. */
function filterQuery() {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) if (value) q.set(key, value);
  return q;
}

/** A four-digit year, or '' for none; anything else is marked invalid and ignored until corrected. */
function yearOf(input) {
  const value = input.value.trim();
  const ok = value === '' || /^\d{4}$/.test(value);
  input.setAttribute('aria-invalid', ok ? 'false' : 'true');
  return ok ? value : '';
}

function readFiltersFromForm() {
  const form = ui.filters.elements;
  state.filters = {
    company: form.company.value,
    category: form.category.value,
    country: form.country.value,
    yearFrom: yearOf(form.yearFrom),
    yearTo: yearOf(form.yearTo),
  };
}

function writeFiltersToForm() {
  const form = ui.filters.elements;
  for (const key of Object.keys(state.filters)) form[key].value = state.filters[key];
}

function filtersChanged() {
  const search = filterQuery().toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
  if (state.selected && !shownPoints().some((pt) => pt.id === state.selected)) state.selected = null;
  state.fitted = false;
  draw();
}

function fillCountries() {
  const codes = [...new Set(state.points.map((pt) => String(pt.p.country || '').toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)))];
  const items = codes.map((code) => ({ id: code, label: countryName(code) })).sort((a, b) => a.label.localeCompare(b.label));
  if (state.filters.country && !codes.includes(state.filters.country)) {
    items.push({ id: state.filters.country, label: `${countryName(state.filters.country)} (no points)` });
  }
  fillSelect(ui.filters.elements.country, items, { any: 'All countries' });
  ui.filters.elements.country.value = state.filters.country;
  const years = state.points.map((pt) => pt.p.yearStarted).filter(Number.isInteger);
  for (const name of ['yearFrom', 'yearTo']) {
    const input = ui.filters.elements[name];
    input.min = years.length ? String(Math.min(...years)) : '1990';
    input.max = years.length ? String(Math.max(...years)) : '2030';
  }
  ui.filters.elements.yearFrom.placeholder = years.length ? String(Math.min(...years)) : '';
  ui.filters.elements.yearTo.placeholder = years.length ? String(Math.max(...years)) : '';
}

// ---- drawing ----

function draw() {
  const shown = shownPoints();
  ui.count.textContent = state.points.length === 0 ? ''
    : `Showing ${shown.length} of ${state.points.length} data points${shown.length === 0 ? ': no point matches these filters' : ''}.`;
  drawLegend();
  renderList(ui.list, shown, {
    sort: state.sort,
    selected: state.selected,
    onSort: (key) => {
      state.sort = { key, dir: state.sort.key === key ? -state.sort.dir : 1 };
      draw();
    },
    onSelect: (id) => select(id, { fromList: true }),
  });
  drawMarkers();
  if (map && !state.fitted && shown.length > 0) {
    map.fitBounds(shown.map((pt) => [pt.lat, pt.lon]), { padding: [30, 30], maxZoom: 6 });
    state.fitted = true;
  }
}

function drawMarkers() {
  if (!map) return;
  layer.clearLayers();
  const zoom = map.getZoom();
  for (const group of clusterByGrid(shownPoints(), (pt) => map.project([pt.lat, pt.lon], zoom))) {
    (group.points.length === 1 ? pointMarker(group.points[0]) : clusterMarker(group)).addTo(layer);
  }
}

function pointMarker(point) {
  const selected = point.id === state.selected;
  const label = `${titleOf(point.p)}, ${placeOf(point.p)}`;
  const icon = L.divIcon({
    html: dot(categoryColor(point.p.category), MARKER_PX, { dashed: point.p.precision === 'country' }),
    className: `point-marker${selected ? ' selected' : ''}`,
    iconSize: [MARKER_PX, MARKER_PX],
  });
  const marker = L.marker([point.lat, point.lon], { icon, keyboard: true, title: label, alt: label, riseOnHover: true });
  onActivate(marker, () => select(point.id));
  marker.on('add', () => labelIcon(marker, label, selected));
  return marker;
}

function clusterMarker(group) {
  const categories = new Set(group.points.map((pt) => pt.p.category));
  const color = categories.size === 1 ? categoryColor(group.points[0].p.category) : OTHER_COLOR;
  const n = group.points.length;
  const size = n < 10 ? 30 : n < 100 ? 36 : 42;
  const together = samePlace(group.points);
  const label = together ? `${n} data points at ${placeOf(group.points[0].p)}: list them`
    : `${n} data points near ${placeOf(group.points[0].p)}: zoom in`;
  const icon = L.divIcon({
    html: el('span', { class: 'cluster-body' }, dot(color, size), el('span', { class: 'cluster-count' }, String(n))),
    className: 'cluster-marker',
    iconSize: [size, size],
  });
  const marker = L.marker([group.lat, group.lon], { icon, keyboard: true, title: label, alt: label });
  onActivate(marker, () => {
    if (together || map.getZoom() >= map.getMaxZoom()) {
      // Zooming never separates points at one place: show them in the list, the first one opened.
      select(sortByTitle(group.points)[0].id);
      ui.list.focus();
    } else {
      map.fitBounds(group.points.map((pt) => [pt.lat, pt.lon]), { padding: [40, 40], maxZoom: map.getZoom() + 3 });
    }
  });
  marker.on('add', () => labelIcon(marker, label, false));
  return marker;
}

/** A click, or Enter or Space on the focused marker (Leaflet passes keys to the marker as 'keypress' only). */
function onActivate(marker, action) {
  marker.on('click', action);
  marker.on('keypress', (event) => {
    const key = event.originalEvent && event.originalEvent.key;
    if (key !== 'Enter' && key !== ' ') return;
    event.originalEvent.preventDefault();
    action();
  });
}

/** Leaflet gives keyboard markers tabindex and role=button; the accessible name comes from aria-label. */
function labelIcon(marker, label, pressed) {
  const node = marker.getElement();
  if (!node) return;
  node.setAttribute('aria-label', label);
  node.setAttribute('aria-pressed', pressed ? 'true' : 'false');
}

function sortByTitle(points) {
  return [...points].sort((a, b) => titleOf(a.p).localeCompare(titleOf(b.p)));
}

// ---- selection ----

/**
 * Opens a point in the panel (null closes it). Chosen on the map, the focus moves to the panel's heading; chosen
 * in the list, it stays on the list's row (the list is redrawn, so it is put back), and the panel follows the
 * list in reading order. Closing puts the focus back on the point's row.
 */
function select(id, { fromList = false } = {}) {
  const closing = id === null ? state.selected : null;
  state.selected = id;
  const point = state.points.find((pt) => pt.id === id) || null;
  renderDetail(ui.detail, point, { onClose: () => select(null) });
  draw();
  if (closing) focusRow(closing);
  if (!point) return;
  if (map && !map.getBounds().contains([point.lat, point.lon])) map.panTo([point.lat, point.lon]);
  const heading = document.getElementById('point-heading');
  if (fromList) {
    focusRow(id);
    if (heading) heading.scrollIntoView({ block: 'nearest' });
  } else if (heading) {
    heading.focus();
  }
}

function focusRow(id) {
  const row = [...ui.list.querySelectorAll('tbody tr')].find((tr) => tr.dataset.id === id);
  const button = row && row.querySelector('button');
  if (button) button.focus();
}

// ---- legend: the categories present (under the other filters), each a toggle for the category filter ----

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
    const pressed = state.filters.category === c.id;
    return el('li', {}, el('button', {
      type: 'button', class: 'legend-item', 'aria-pressed': pressed ? 'true' : 'false', disabled: n === 0 && !pressed,
      onclick: () => {
        state.filters.category = pressed ? '' : c.id;
        writeFiltersToForm();
        filtersChanged();
      },
    }, dot(c.color), el('span', { class: 'legend-label' }, c.label), el('span', { class: 'legend-count' }, String(n))));
  });
  items.push(el('li', { class: 'legend-note' }, dot(OTHER_COLOR), ' a group of several categories (the number: how many)'));
  items.push(el('li', { class: 'legend-note' }, dot('#ffffff', 14, { dashed: true }), ' placed at country level (no city known)'));
  ui.legend.replaceChildren(...items);
}

// ---- wiring ----

fillSelect(ui.filters.elements.company, COMPANIES, { any: 'All companies', label: companyOptionLabel });
fillSelect(ui.filters.elements.category, CATEGORIES, { any: 'All categories' });
{
  const q = new URLSearchParams(window.location.search);
  const id = (name) => (/^[a-z0-9-]{1,100}$/.test(q.get(name) || '') ? q.get(name) : '');
  const year = (name) => (/^\d{4}$/.test(q.get(name) || '') ? q.get(name) : '');
  state.filters = {
    company: COMPANIES.some((c) => c.id === q.get('company')) ? q.get('company') : '',
    category: id('category'),
    country: /^[A-Za-z]{2}$/.test(q.get('country') || '') ? q.get('country').toUpperCase() : '',
    yearFrom: year('yearFrom'),
    yearTo: year('yearTo'),
  };
  writeFiltersToForm();
}
ui.filters.addEventListener('change', () => {
  readFiltersFromForm();
  filtersChanged();
});
ui.filters.addEventListener('submit', (event) => {
  event.preventDefault();
  readFiltersFromForm();
  filtersChanged();
});
ui.filters.addEventListener('reset', () => {
  setTimeout(() => {
    readFiltersFromForm();
    filtersChanged();
  });
});

for (const button of document.querySelectorAll('button[data-format]')) {
  button.addEventListener('click', async () => {
    const format = button.dataset.format;
    const q = filterQuery();
    q.set('format', format);
    button.disabled = true;
    try {
      await download(`/api/datapoints?${q}`, `tracemap-datapoints.${format}`);
    } catch (error) {
      say(ui.notice, 'error', error instanceof ApiError && error.status === 401 && !state.session
        ? 'This dataset is not public: sign in to download it.' : describe(error));
    } finally {
      button.disabled = false;
    }
  });
}

mountShell({
  page: 'map',
  onSession: (session) => {
    state.session = session;
    load();
  },
});
