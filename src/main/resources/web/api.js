// The one way the pages talk to the server: same-origin fetch carrying the session cookie (and the session's
// CSRF token on changes), JSON in and out, and errors turned into ApiError with the server's {"error", "field"} message.

// The signed-in session, as GET/POST /api/session answered it: {name, role, permissions, csrf}, or null. The
// credential itself is an HttpOnly cookie no script can read; the CSRF token is kept only in this module's memory.
let session = null;

/** The current session ({name, role, permissions}) or null; loadSession() fills it at page start. */
export function currentSession() {
  return session;
}

function changed(next) {
  const before = session;
  session = next;
  if ((before && before.name) !== (next && next.name) || (before && before.role) !== (next && next.role)) {
    window.dispatchEvent(new CustomEvent('tracemap:session', { detail: session }));
  }
}

/** Asks the server who this browser is signed in as; null when nobody is. Throws ApiError on other failures. */
export async function loadSession() {
  const response = await send('/api/session', { auth: false });
  if (response.status === 401) {
    changed(null);
    return null;
  }
  if (!response.ok) throw await errorOf(response);
  changed(await response.json());
  return session;
}

/** Signs in with an access token: the server checks it and answers with a session cookie. Throws ApiError (401: unknown token). */
export async function signIn(token) {
  const response = await send('/api/session', { method: 'POST', body: { token: token.trim() }, auth: false });
  if (!response.ok) throw await errorOf(response);
  changed(await response.json());
  return session;
}

export async function signOut() {
  const response = await send('/api/session', { method: 'DELETE' });
  changed(null);
  if (!response.ok && response.status !== 401) throw await errorOf(response);
}

/** A failed call: HTTP status (0 when the server was unreachable), the server's message and field. */
export class ApiError extends Error {
  constructor(status, message, field = null, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

function headersFor({ method, json, accept }) {
  const headers = { Accept: accept };
  if (session && session.csrf && !['GET', 'HEAD'].includes(method)) headers['X-CSRF-Token'] = session.csrf;
  if (json) headers['Content-Type'] = 'application/json';
  return headers;
}

async function send(path, { method = 'GET', body, auth = true, accept = 'application/json' } = {}) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) throw new Error(`not a site path: ${path}`);
  const json = body !== undefined;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: headersFor({ method, json, accept }),
      body: json ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, `the server could not be reached (${e.message})`);
  }
  // A 401 on a call that needed the session means it ended (expired, revoked, server restarted): say so everywhere.
  if (auth && response.status === 401 && session) changed(null);
  return response;
}

async function errorOf(response) {
  let message = `${response.status} ${response.statusText || 'error'}`;
  let field = null;
  try {
    const data = await response.json();
    if (data && typeof data.error === 'string') message = data.error;
    if (data && typeof data.field === 'string') field = data.field;
  } catch (e) {
    // not JSON: keep the status line
  }
  const retry = Number.parseInt(response.headers.get('Retry-After') || '', 10);
  return new ApiError(response.status, message, field, Number.isFinite(retry) ? retry : null);
}

/** Calls the API and returns the parsed JSON answer (null for an empty body); throws ApiError. */
export async function api(path, options = {}) {
  const response = await send(path, options);
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(response.status, 'the server answered with something that is not JSON');
  }
}

/** Same as api(), but also returns the HTTP status (202 and 200 mean different things to some callers). */
export async function apiWithStatus(path, options = {}) {
  const response = await send(path, options);
  if (!response.ok) throw await errorOf(response);
  const text = await response.text();
  return { status: response.status, data: text ? JSON.parse(text) : null };
}

/** Downloads an API answer as a file: fetched with the token (a plain link could not send it), saved via a Blob. */
export async function download(path, fallbackName) {
  const response = await send(path, { accept: '*/*' });
  if (!response.ok) throw await errorOf(response);
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const m = /filename="?([A-Za-z0-9._-]+)"?/.exec(disposition);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = m ? m[1] : fallbackName;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A sentence for the reader: what went wrong and what to do about it. */
export function describe(error) {
  if (!(error instanceof ApiError)) return `Unexpected error: ${error && error.message ? error.message : error}`;
  switch (error.status) {
    case 0: return `No answer from the server: ${error.message}. Check your connection and try again.`;
    case 401: return `Not signed in: ${error.message}. Sign in with your access token.`;
    case 403: return `Your token does not allow this: ${error.message}.`;
    case 404: return `Not found: ${error.message}.`;
    case 409: return `Conflict: ${error.message}.`;
    case 413: return `Too large: ${error.message}.`;
    case 415: return `The server refused the request format: ${error.message}.`;
    case 429: return `Too many requests, try later${error.retryAfter ? ` (in about ${Math.ceil(error.retryAfter / 60)} min)` : ''}.`;
    default:
      if (error.status >= 500) return `Server error (${error.status}): ${error.message}. Try again; if it persists, tell an operator.`;
      return `${error.message} (${error.status})`;
  }
}
