// The frame every page shares: the site header (brand, the pages, who is signed in) and sign-in. Signing in
// sends the token once to POST /api/session, which checks it and answers with an HttpOnly session cookie: the
// page never stores a credential, and a wrong token is refused here, not on the first action.
import { ApiError, currentSession, describe, loadSession, signIn, signOut } from './api.js';
import { el, pageLink } from './dom.js';

const PAGES = [
  { id: 'capture', path: '/capture', label: 'Capture' },
  { id: 'search', path: '/search', label: 'Search' },
  { id: 'review', path: '/review', label: 'Review' },
  { id: 'map', path: '/map', label: 'Map' },
  { id: 'crawls', path: '/crawls', label: 'Crawls' },
  { id: 'submit', path: '/submit', label: 'Suggest a source' },
];

/** Whether the session's role includes permission ('read', 'capture', 'search', 'review', 'crawl', 'admin'). */
export function can(session, permission) {
  return Boolean(session && Array.isArray(session.permissions) && session.permissions.includes(permission));
}

/**
 * Renders the header into <header id="site-header"> and calls onSession(session or null) once the server has
 * said who is signed in, and again after every sign-in, sign-out or session end. Returns { session(), focusSignIn() }.
 */
export function mountShell({ page, onSession = () => {}, signInHint = null } = {}) {
  const header = document.getElementById('site-header');
  if (!header) throw new Error('mountShell(): the page needs <header id="site-header">');
  header.classList.add('site-header');
  const who = el('div', { class: 'token-bar', id: 'session-bar' });
  const skip = el('a', { class: 'skip-link' }, 'Skip to the content');
  skip.href = '#main';
  header.replaceChildren(
    skip,
    pageLink('/review', 'Tracemap', { class: 'brand' }),
    el('nav', { 'aria-label': 'Pages' }, el('ul', {}, PAGES.map((p) => el('li', {},
      pageLink(p.path, p.label, p.id === page ? { 'aria-current': 'page' } : {}))))),
    who);

  let error = null;
  const render = () => {
    const s = currentSession();
    if (s) {
      const out = el('button', { type: 'button', class: 'button-quiet', id: 'sign-out' }, 'Sign out');
      out.addEventListener('click', async () => {
        try {
          await signOut();
        } catch (e) {
          error = describe(e);
          render();
        }
      });
      who.replaceChildren(el('span', { class: 'token-state', id: 'signed-in-as' }, 'Signed in as ', el('strong', {}, s.name),
        ` (${s.role})`), out);
      return;
    }
    const input = el('input', {
      id: 'token-input', name: 'token', type: 'password', autocomplete: 'current-password', spellcheck: 'false',
      required: true, size: 24, 'aria-describedby': 'token-hint', 'aria-invalid': error ? 'true' : null,
    });
    const hint = error || signInHint;
    const form = el('form', { class: 'token-form', 'aria-label': 'Sign in' },
      el('label', { for: 'token-input' }, 'Access token'), input,
      el('button', { type: 'submit' }, 'Sign in'),
      hint ? el('span', { id: 'token-hint', class: error ? 'hint hint-error' : 'hint', role: error ? 'alert' : null }, hint) : null);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      try {
        await signIn(value);
        error = null;
      } catch (e) {
        error = e instanceof ApiError && e.status === 401 ? 'That token is not valid (unknown or revoked).' : describe(e);
        render();
        const again = document.getElementById('token-input');
        if (again) again.focus();
      }
    });
    who.replaceChildren(form);
  };

  // Every change of who is signed in (here, in api.js on a 401, or by signing out) re-renders and tells the page.
  window.addEventListener('tracemap:session', () => {
    render();
    onSession(currentSession());
  });
  render();
  loadSession().catch((e) => {
    error = describe(e);
    render();
  }).finally(() => {
    if (!currentSession()) onSession(null);
  });
  return {
    session: currentSession,
    focusSignIn() {
      const input = document.getElementById('token-input');
      if (input) input.focus();
    },
  };
}
