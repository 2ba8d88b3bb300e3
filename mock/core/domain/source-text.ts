/**
 * Line-level helpers shared by the environment-spec source parsers. They read the "reasonable
 * subset" of each format that contract README §5 describes, never a full grammar.
 */

/** The lines of a text, for any of `\n`, `\r\n` or `\r`. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** The first line, trimmed (`""` for an empty file). */
export function firstLineTrimmed(text: string): string {
  return (splitLines(text)[0] ?? '').trim();
}

const TABLE_HEADER = /^\[([^[\]]+)\]\s*(?:#.*)?$/;

/**
 * The trimmed, non-empty, non-comment lines of every `[table]` section of a TOML-like text (all
 * occurrences, in order). `[[array]]` headers start other sections, so their lines never match.
 */
export function tomlTableLines(text: string, table: string): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const raw of splitLines(text)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[') && !line.startsWith('["') && !line.startsWith("['")) {
      const header = TABLE_HEADER.exec(line);
      if (header !== null || line.startsWith('[[')) {
        inTable = header?.[1]?.trim() === table;
        continue;
      }
    }
    if (inTable) out.push(line);
  }
  return out;
}

/** The value of `key = "value"` (basic or literal string) in one line, or undefined. */
export function tomlStringValue(line: string, key: string): string | undefined {
  const m = new RegExp(`^${key}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(line);
  return m === null ? undefined : (m[1] ?? m[2] ?? '');
}

/**
 * Reads a TOML array of strings starting at the `[` at `start`, across lines; `#` comments and
 * trailing commas allowed. Null when it is not closed or holds anything but strings.
 */
export function readStringArray(text: string, start: number): string[] | null {
  const out: string[] = [];
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === ']') return out;
    if (c === '"' || c === "'") {
      const end = closingQuote(text, i);
      if (end === -1) return null;
      out.push(c === '"' ? unescapeBasic(text.slice(i + 1, end)) : text.slice(i + 1, end));
      i = end + 1;
    } else if (c === '#') {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    } else if (c === ',' || /\s/.test(c)) {
      i++;
    } else {
      return null;
    }
  }
  return null;
}

// Strings end on the same line; only basic ("…") strings have backslash escapes.
function closingQuote(text: string, open: number): number {
  const quote = text.charAt(open);
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\n' || c === '\r') return -1;
    if (c === '\\' && quote === '"') i++;
    else if (c === quote) return i;
  }
  return -1;
}

function unescapeBasic(s: string): string {
  return s.replace(/\\(["\\])/g, '$1');
}
