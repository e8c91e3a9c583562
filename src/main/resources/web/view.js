// The archived-copy viewer (/view?url=URL&ts=TIMESTAMP): a banner of our own — when it was captured, from where,
// what the origin answered — outside an iframe that replays the copy with an empty sandbox (no scripts, no
// same-origin), so nothing in the archived page can reach the banner, the session or the API.
import { api, describe } from './api.js';
import { el, link, pageLink, say, unsay } from './dom.js';
import { mountShell } from './shell.js';

const params = new URLSearchParams(window.location.search);
const url = params.get('url') || '';
const ts = params.get('ts') || '';
const facts = document.getElementById('banner-facts');
const message = document.getElementById('banner-message');

/** "2026-12-08 01:12:06 UTC" for "20261208011206". */
function captureTime(timestamp) {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timestamp || '');
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} UTC` : timestamp;
}

/** /replay/TS/URL, with raw=1 added to the archived URL's own query when asked (the server takes it off again). */
function replayPath(timestamp, target, raw = false) {
  const path = `/replay/${timestamp}/${target}`;
  return raw ? `${path}${target.includes('?') ? '&' : '?'}raw=1` : path;
}

function valid() {
  let parsed;
  try {
    parsed = new URL(url);
  } catch (e) {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && /^\d{4,14}$/.test(ts);
}

function fact(label, ...value) {
  return [el('dt', {}, label), el('dd', {}, ...value)];
}

/** The snapshot taken at ts, else the one nearest to it (which is what replay shows). */
function pick(snapshots) {
  const exact = snapshots.find((s) => s.timestamp === ts);
  if (exact) return exact;
  const target = Number(ts.padEnd(14, '0'));
  return snapshots.slice().sort((a, b) => Math.abs(Number(a.timestamp) - target) - Math.abs(Number(b.timestamp) - target))[0];
}

function showBanner(snapshot, all) {
  const answer = snapshot.originAnswer || `the origin answered ${snapshot.httpStatus}`;
  const others = all.filter((s) => s !== snapshot).map((s) => el('li', {},
    pageLink(`/view?url=${encodeURIComponent(s.url)}&ts=${encodeURIComponent(s.timestamp)}`, captureTime(s.timestamp)),
    ` — ${s.originAnswer || s.httpStatus}, ${String(s.change).toLowerCase()}`));
  facts.replaceChildren(el('dl', { class: 'facts archive-facts' },
    fact('Captured', el('time', { id: 'banner-time', datetime: snapshot.timestamp }, captureTime(snapshot.timestamp))),
    fact('Original URL', el('span', { id: 'banner-url', class: 'archive-url' }, snapshot.url), ' ',
      link(snapshot.url, 'live page', { class: 'link-live' })),
    fact('Answer', el('span', { id: 'banner-status', class: snapshot.originError ? 'origin-error' : 'origin-ok' },
      answer.charAt(0).toUpperCase() + answer.slice(1))),
    fact('Content type', snapshot.contentType || 'not given'),
    fact('Payload digest', el('code', { class: 'digest' }, snapshot.payloadDigest)),
    fact('Also', pageLink(replayPath(snapshot.timestamp, snapshot.url, true), 'raw bytes', { id: 'link-raw' }),
      others.length ? el('details', { class: 'other-captures' }, el('summary', {}, `other captures of this URL (${others.length})`),
        el('ul', {}, others)) : ' · no other captures of this URL')));
  if (snapshot.timestamp !== ts) say(message, 'warning', `No capture at exactly ${captureTime(ts)}: showing the nearest one.`);
}

function showFrame() {
  const frame = el('iframe', { id: 'archive-frame', class: 'archive-frame', title: `Archived copy of ${url}`, sandbox: '' });
  frame.src = replayPath(ts, url); // a path of our own replay, built from a checked URL and a timestamp of digits
  document.getElementById('frame-holder').replaceChildren(frame);
}

async function loadBanner(session) {
  if (!session) {
    say(message, 'info', 'Sign in (top right) to see when and how this copy was captured.');
    facts.replaceChildren(el('p', {}, el('span', { class: 'archive-url' }, url), ' — ', captureTime(ts)));
    return;
  }
  unsay(message);
  try {
    const answer = await api(`/api/snapshots?url=${encodeURIComponent(url)}`);
    if (!answer.items.length) {
      say(message, 'error', 'This URL has no archived copy.');
      return;
    }
    showBanner(pick(answer.items), answer.items);
  } catch (e) {
    say(message, 'error', `The capture details could not be loaded: ${describe(e)}`);
  }
}

if (valid()) {
  showFrame();
  mountShell({ page: 'view', onSession: loadBanner });
} else {
  mountShell({ page: 'view' });
  say(message, 'error', 'This address needs ?url= (an http or https URL) and &ts= (a capture time, yyyyMMddHHmmss).');
}
