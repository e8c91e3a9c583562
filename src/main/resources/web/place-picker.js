// A place picker over the gazetteer (GET /api/places): an ARIA 1.2 combobox with a listbox of countries and cities.
// Typed text is only a search: the value is a place chosen from the list, so "Serbia" can never become "Se" (Sweden)
// and a misspelt city is never stored as typed. Works with Chinese input methods: searches wait for the composition to end.
import { api, describe } from './api.js';
import { el } from './dom.js';

const DEBOUNCE_MS = 150;
const LIMIT = 10;
const NOT_CHOSEN = 'Choose a place from the list.';
const pickers = new WeakMap();

/**
 * Builds the picker inside container. Options: id (of the input), label, value ({country, city, lat, lon, label}
 * or null), onChange(value or null), required, hint (a sentence under the field).
 * Returns { value(), setValue(v), validate(), showError(message), focus() }.
 */
export function mountPlacePicker(container, { id, label, value = null, onChange = () => {}, required = false, hint = null } = {}) {
  if (!id) throw new Error('mountPlacePicker(): an id is required');
  const listId = `${id}-list`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const input = el('input', {
    id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false', 'aria-autocomplete': 'list',
    'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': `${hint ? `${hintId} ` : ''}${errorId}`,
    'aria-required': required ? 'true' : null, maxlength: 100,
  });
  const list = el('ul', { id: listId, role: 'listbox', class: 'place-picker-list', 'aria-label': label, hidden: true });
  const status = el('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
  const error = el('p', { id: errorId, class: 'field-error', hidden: true });
  container.classList.add('place-picker');
  container.replaceChildren(
    el('label', { for: id }, label, required ? el('span', { class: 'required' }, ' required') : null),
    el('div', { class: 'place-picker-box' }, input, list),
    hint ? el('p', { id: hintId, class: 'hint' }, hint) : null,
    error, status);

  let chosen = null;
  let options = [];
  let active = -1;
  let timer = null;
  let composing = false;
  let asked = 0; // answers to older searches are dropped: typing fast must not show the list for an earlier text

  const open = () => list.hidden === false;
  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function setError(message) {
    error.textContent = message || '';
    error.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    input.setCustomValidity(message || ''); // the form's reportValidity() stops on it
  }

  /** True when the field holds a chosen place, or is empty and optional; else marks it invalid. */
  function validate() {
    const typed = input.value.trim();
    if (chosen && typed === chosen.label) {
      setError('');
      return true;
    }
    if (!typed) {
      setError(required ? NOT_CHOSEN : '');
      return !required;
    }
    setError(NOT_CHOSEN);
    return false;
  }

  function choose(place) {
    chosen = place ? { kind: place.kind, country: place.country, city: place.city || null, lat: place.lat, lon: place.lon, label: place.label } : null;
    input.value = chosen ? chosen.label : '';
    close();
    setError('');
    onChange(chosen);
  }

  function highlight(index) {
    active = index;
    options.forEach((o, i) => o.node.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    if (index < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    input.setAttribute('aria-activedescendant', options[index].node.id);
    options[index].node.scrollIntoView({ block: 'nearest' });
  }

  function render(items) {
    options = items.map((place, i) => {
      const extra = place.kind === 'city' ? place.cityZh : place.countryNameZh;
      const node = el('li', { id: `${id}-opt-${i}`, role: 'option', 'aria-selected': 'false', class: `place-option place-${place.kind}` },
        el('span', { class: 'place-label' }, place.label),
        extra ? el('span', { class: 'place-zh', lang: 'zh' }, ` ${extra}`) : null,
        el('span', { class: 'place-kind' }, place.kind === 'city' ? ' city' : ' country'));
      // mousedown, not click: the input keeps focus, so its blur does not close the list before the choice.
      node.addEventListener('mousedown', (event) => {
        event.preventDefault();
        choose(place);
      });
      return { place, node };
    });
    list.replaceChildren(...options.map((o) => o.node));
    if (options.length === 0) {
      close();
      status.textContent = 'No place matches.';
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    highlight(-1);
    status.textContent = `${options.length} place${options.length === 1 ? '' : 's'} found; use the arrow keys to choose.`;
  }

  async function search() {
    const q = input.value.trim();
    const ticket = ++asked;
    if (!q) {
      render([]);
      status.textContent = '';
      return;
    }
    try {
      const data = await api(`/api/places?q=${encodeURIComponent(q.slice(0, 100))}&limit=${LIMIT}`, { auth: false });
      if (ticket === asked) render(data.items || []);
    } catch (e) {
      if (ticket === asked) {
        close();
        setError(`Places could not be searched: ${describe(e)}`);
      }
    }
  }

  function typed() {
    if (chosen && input.value.trim() !== chosen.label) {
      chosen = null; // editing a chosen place unchooses it: the value is never text the list did not offer
      onChange(null);
    }
    setError('');
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  }

  input.addEventListener('compositionstart', () => { composing = true; });
  input.addEventListener('compositionend', () => {
    composing = false;
    typed();
  });
  input.addEventListener('input', (event) => {
    if (composing || event.isComposing) return; // pinyin being composed is not yet what the person means
    typed();
  });
  input.addEventListener('keydown', (event) => {
    if (event.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open()) search();
        else highlight(Math.min(active + 1, options.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (open()) highlight(Math.max(active - 1, 0));
        break;
      case 'Enter':
        if (open() && active >= 0) {
          event.preventDefault(); // choosing a place must not submit the form
          choose(options[active].place);
        }
        break;
      case 'Escape':
        if (open()) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          choose(null);
        }
        break;
      default:
        break;
    }
  });
  input.addEventListener('blur', () => {
    close();
    validate();
  });

  const handle = {
    value: () => (chosen && input.value.trim() === chosen.label ? { ...chosen } : null),
    setValue: (v) => choose(v && v.label ? v : null),
    validate,
    showError: setError,
    focus: () => input.focus(),
  };
  if (value) handle.setValue(value);
  pickers.set(container, handle);
  return handle;
}

/** The chosen place of the picker mounted in container ({country, city, lat, lon, label}), or null. */
export function readPlace(container) {
  const picker = pickers.get(container);
  if (!picker) throw new Error('readPlace(): no place picker in this element');
  return picker.value();
}
