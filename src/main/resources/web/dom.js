// Building the page from API data, safely. Archived text is hostile: everything goes in through
// textContent or attributes checked here, never through HTML parsing, and links only to http(s) URLs.

const FORBIDDEN_PROPS = new Set(['href', 'src', 'style', 'srcdoc', 'action', 'formaction']);

/**
 * Creates an element. props: class, text, dataset, on<event> (functions), and plain attributes.
 * Children may be strings (become text), numbers, nodes, arrays, or null (skipped).
 * href/src/style are refused here on purpose: use link() so every URL is checked.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (FORBIDDEN_PROPS.has(key)) throw new Error(`el(): set ${key} through a checked helper`);
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) {
      if (typeof value !== 'function') throw new Error(`el(): ${key} must be a function`);
      node.addEventListener(key.slice(2), value);
    } else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  append(node, children);
  return node;
}

/** Appends children as el() does: strings become text nodes, never markup. */
export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

/** The URL if it is an absolute http:// or https:// URL, else null (so no script, data or relative URL). */
export function safeUrl(value) {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    const url = new URL(s);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch (e) {
    return null;
  }
}

/**
 * A link opening in a new tab, without handing the page a reference to us or our address. When the URL is
 * not http(s), the text is shown without a link.
 */
export function link(url, text, props = {}) {
  const href = safeUrl(url);
  if (!href) return el('span', { class: 'unlinked', title: 'not an http(s) link' }, text);
  const a = el('a', { ...props, target: '_blank', rel: 'noopener noreferrer' }, text);
  a.href = href;
  return a;
}

/** A link to one of our own pages or API paths (a constant, never API data). */
export function pageLink(path, text, props = {}) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) throw new Error('pageLink(): a site path is required');
  const a = el('a', props, text);
  a.href = path;
  return a;
}

/** "2015-03-03 12:00 UTC" for a WARC timestamp "20150303120000"; other strings as they are. */
export function formatTimestamp(ts) {
  if (typeof ts !== 'string') return '';
  const m = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.exec(ts);
  if (!m) return ts;
  const [, y, mo, d, h, mi] = m;
  let out = y;
  if (mo) out += `-${mo}`;
  if (d) out += `-${d}`;
  if (h) out += ` ${h}:${mi || '00'} UTC`;
  return out;
}

/** "2024-05-01 10:22 UTC" for an ISO instant; other strings as they are. */
export function formatInstant(iso) {
  if (typeof iso !== 'string' && typeof iso !== 'number') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** Fills a select with an empty "any" option (when given) and one option per item. */
export function fillSelect(select, items, { any = null, value = (x) => x.id, label = (x) => x.label } = {}) {
  const options = [];
  if (any !== null) options.push(el('option', { value: '' }, any));
  for (const item of items) options.push(el('option', { value: value(item) }, label(item)));
  select.replaceChildren(...options);
}

/** Sets a live message; kind is info, success, warning or error (a class on the element). */
export function say(target, kind, ...content) {
  target.className = `notice notice-${kind}`;
  target.replaceChildren();
  append(target, content);
  target.hidden = content.length === 0;
}

/** Clears a message set with say(). */
export function unsay(target) {
  target.replaceChildren();
  target.hidden = true;
}
