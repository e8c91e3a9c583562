// For pages not yet moved to shell.js: the sign-in strip on top of the session API (see shell.js).
import { currentSession, loadSession, signIn, signOut, describe } from './api.js';
import { el } from './dom.js';

/** Renders the sign-in strip into container and calls onChange() after sign-in, sign-out or session end. */
export function mountTokenBar(container, { onChange = () => {}, hint = null } = {}) {
  let error = null;
  const render = () => {
    const s = currentSession();
    if (s) {
      const out = el('button', { type: 'button', class: 'button-quiet' }, 'Sign out');
      out.addEventListener('click', () => signOut().catch(() => {}));
      container.replaceChildren(el('span', { class: 'token-state' }, 'Signed in as ', el('strong', {}, s.name), ` (${s.role})`), out);
      return;
    }
    const input = el('input', { id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', required: true, size: 24 });
    const form = el('form', { class: 'token-form', 'aria-label': 'Sign in' },
      el('label', { for: 'token-input' }, 'Access token'), input, el('button', { type: 'submit' }, 'Sign in'),
      error || hint ? el('span', { class: 'hint', role: error ? 'alert' : null }, error || hint) : null);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      signIn(input.value).then(() => { error = null; }, (e) => { error = describe(e); render(); });
    });
    container.replaceChildren(form);
  };
  window.addEventListener('tracemap:session', () => {
    render();
    onChange();
  });
  render();
  loadSession().catch(() => {});
  return {
    focus() {
      const input = container.querySelector('input');
      if (input) input.focus();
    },
    render,
  };
}
