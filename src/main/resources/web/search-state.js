// What a search is, kept in the address bar (/search?q=…&company=…&page=2) so that a search can be bookmarked
// and Back returns to the previous one. Plain data in and out; no DOM here.

/** Filters typed in the form (a facet click sets company, category, country, year, lang or host). */
export const FORM_FILTERS = Object.freeze(['from', 'to', 'lang', 'host']);
export const PAGE_SIZE = 20;
/** The API skips at most 10,000 hits (SearchQuery.MAX_OFFSET): the last page it can show. */
export const LAST_PAGE = Math.floor(10_000 / PAGE_SIZE) + 1;

const ALL = ['q', 'company', 'category', 'country', 'lang', 'host', 'year', 'from', 'to'];

/** An empty search: every field a string ('' when not set), page from 1. */
export function emptySearch() {
  return Object.fromEntries([...ALL.map((k) => [k, '']), ['page', 1]]);
}

/** The search an address's query string describes; unknown parameters are ignored, a bad page is page 1. */
export function fromAddress(queryString) {
  const params = new URLSearchParams(queryString);
  const s = emptySearch();
  for (const k of ALL) s[k] = (params.get(k) || '').trim();
  if (s.country) s.country = s.country.toUpperCase();
  const page = Number.parseInt(params.get('page') || '', 10);
  s.page = Number.isFinite(page) && page >= 1 ? Math.min(page, LAST_PAGE) : 1;
  return s;
}

/** The query string of a search (only what is set; page 1 is left out), for the address bar. */
export function toAddress(s) {
  const params = new URLSearchParams();
  for (const k of ALL) if (s[k]) params.set(k, s[k]);
  if (s.page > 1) params.set('page', String(s.page));
  return params.toString();
}

/** The API path for a search: URLSearchParams encodes Chinese (and every other character) as UTF-8. */
export function apiPath(s) {
  const params = new URLSearchParams();
  for (const k of ALL) if (s[k]) params.set(k, s[k]);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((s.page - 1) * PAGE_SIZE));
  return `/api/search?${params}`;
}

/** A copy of the search with one filter set (or cleared with ''), back on page 1. */
export function withFilter(s, name, value) {
  return { ...s, [name]: value, page: 1 };
}

/** Which filters are set, in a fixed order, for the chips. */
export function activeFilters(s) {
  return ['company', 'category', 'country', 'year', 'lang', 'host', 'from', 'to'].filter((k) => s[k]).map((k) => ({ name: k, value: s[k] }));
}

/**
 * "Results 21–40 of 134" and whether there is a page before and after. `shown` is the number of hits the
 * server returned for this page; the last page the API can reach caps Next.
 */
export function pageSummary(page, shown, total) {
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = first + shown - 1;
  return {
    first,
    last,
    hasPrevious: page > 1,
    hasNext: last < total && shown > 0 && page < LAST_PAGE,
  };
}
