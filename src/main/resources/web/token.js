// The sign-in strip in the page header: the bearer token is kept in sessionStorage (this tab only, gone
// when the tab closes) and "Sign out" forgets it.
import { clearToken, getToken, setToken } from './api.js';
import { el } from './dom.js';

/**
 * Renders the token strip into container and calls onChange() after sign-in or sign-out.
 * hint: a short sentence shown next to the field (e.g. that the map only needs it for private datasets).
 */
export function mountTokenBar(container, { onChange = () => {}, hint = null } = {}) {
  const render = () => {
    const token = getToken();
    if (token) {
      const signOut = el('button', { type: 'button', class: 'button-quiet' }, 'Sign out');
      signOut.addEventListener('click', () => {
        clearToken();
        render();
        onChange();
      });
      container.replaceChildren(
        el('span', { class: 'token-state' }, 'Signed in with token ', el('code', {}, `…${token.slice(-4)}`)),
        signOut);
      return;
    }
    const input = el('input', {
      id: 'token-input', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
      required: true, size: 24, 'aria-describedby': hint ? 'token-hint' : null,
    });
    const form = el('form', { class: 'token-form', 'aria-label': 'Sign in' },
      el('label', { for: 'token-input' }, 'Access token'),
      input,
      el('button', { type: 'submit' }, 'Sign in'),
      hint ? el('span', { id: 'token-hint', class: 'hint' }, hint) : null);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value.trim();
      if (!value) {
        input.focus();
        return;
      }
      setToken(value);
      render();
      onChange();
    });
    container.replaceChildren(form);
  };
  render();
  return {
    focus() {
      const input = container.querySelector('input');
      if (input) input.focus();
    },
    render,
  };
}
