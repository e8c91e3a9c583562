// The one way the pages talk to the server: same-origin fetch with the bearer token from sessionStorage,
// JSON in and out, and errors turned into ApiError with the server's {"error", "field"} message.

const TOKEN_KEY = 'tracemap.token';

export function getToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  } catch (e) {
    return '';
  }
}

export function setToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token.trim());
}

export function clearToken() {
  sessionStorage.removeItem(TOKEN_KEY);
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

function headersFor({ auth, json, accept }) {
  const headers = { Accept: accept };
  const token = auth ? getToken() : '';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json) headers['Content-Type'] = 'application/json';
  return headers;
}

async function send(path, { method = 'GET', body, auth = true, accept = 'application/json' } = {}) {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//')) throw new Error(`not a site path: ${path}`);
  const json = body !== undefined;
  try {
    return await fetch(path, {
      method,
      headers: headersFor({ auth, json, accept }),
      body: json ? JSON.stringify(body) : undefined,
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, `the server could not be reached (${e.message})`);
  }
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
    case 401: return `Not signed in: ${error.message}. Enter a valid access token.`;
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
