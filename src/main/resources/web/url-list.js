// Reading a list of URLs that a researcher pasted or uploaded: one URL per line, or a CSV whose column named
// "url" (else its first column) holds them. Blank lines and # comments are skipped; every other line that is not
// an http(s) URL is reported with its line number, never dropped in silence.

/** The cells of one CSV line (RFC 4180 quoting: "a ""b"", c" is one cell). */
export function csvCells(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** Why text is not a URL we can capture, or null when it is one. */
export function urlProblem(text) {
  let url;
  try {
    url = new URL(text);
  } catch (e) {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https can be captured, not ${url.protocol}`;
  if (!url.hostname) return 'no host';
  return null;
}

/**
 * Reads a list: { urls: [...], skipped: [{ line, text, reason }], column } where column names the CSV column
 * used (null for a plain list). A CSV is recognised by its name (.csv) or by a header row with a "url" cell.
 */
export function readUrlList(text, fileName = '') {
  const lines = String(text).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const content = lines.map((raw, i) => ({ line: i + 1, raw: raw.trim() })).filter((l) => l.raw && !l.raw.startsWith('#'));
  const first = content.length ? csvCells(content[0].raw).map((c) => c.toLowerCase()) : [];
  const csv = /\.csv$/i.test(fileName) || (first.length > 1 && first.includes('url'));
  let column = null;
  let index = 0;
  let rows = content;
  if (csv && first.length) {
    const named = first.indexOf('url');
    if (named >= 0) {
      index = named;
      column = 'url';
      rows = content.slice(1); // the header row
    } else if (urlProblem(csvCells(content[0].raw)[0]) !== null) {
      column = first[0] || 'first column';
      rows = content.slice(1); // a header without "url": the first column holds the URLs
    } else {
      column = 'first column';
    }
  }
  const urls = [];
  const skipped = [];
  for (const row of rows) {
    const value = csv ? (csvCells(row.raw)[index] || '') : row.raw;
    const problem = value ? urlProblem(value) : 'empty cell';
    if (problem) skipped.push({ line: row.line, text: value || row.raw, reason: problem });
    else urls.push(value);
  }
  return { urls, skipped, column };
}

/** Tags typed as "company=huawei, project=safe city": an object, or throws Error naming the bad part. */
export function parseTags(text) {
  const tags = {};
  for (const part of String(text).split(',')) {
    const item = part.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq <= 0 || !item.slice(eq + 1).trim()) throw new Error(`"${item}" is not name=value`);
    tags[item.slice(0, eq).trim()] = item.slice(eq + 1).trim();
  }
  return tags;
}
