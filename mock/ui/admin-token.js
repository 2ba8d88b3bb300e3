// The admin token, for a mock started with --admin-token. The page itself is served without it (it
// carries no data); every read and action sends it as `Authorization: Bearer`. It arrives in the URL
// fragment (`/__admin/ui#token=…`, which a browser never sends to a server, so no log sees it) or
// through the form a 401 shows; it is kept in sessionStorage (this tab only, gone when it closes)
// and never put in a URL, a log line or the page's text.

const KEY = 'session-mock-admin-token';
const $ = (id) => document.getElementById(id);
let changed = () => {};

function stored() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null; // storage disabled: the token lives as long as the page
  }
}
let token = stored();

function keep(value) {
  token = value;
  try {
    if (value === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, value);
  } catch {
    // storage disabled: kept in memory only
  }
}

/**
 * Takes `#token=…` out of the address bar (and the history entry). Everything after `token=` is
 * the token, `&`, `+` and `#` included (a token is any printable ASCII); it is percent-decoded, as
 * the browser encodes a few characters (`"`, `<`, `>`, a backquote) itself, so a literal `%` is
 * written `%25`.
 */
function takeFromFragment() {
  if (!location.hash.startsWith('#token=')) return;
  const raw = location.hash.slice('#token='.length);
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  let given = raw;
  try {
    given = decodeURIComponent(raw);
  } catch {
    // not percent-encoded after all (a lone `%`): taken as written
  }
  if (given.trim() !== '') keep(given.trim());
}

/** An error that says the admin API refused the token (or its absence); the form is showing. */
export class AdminTokenRefused extends Error {
  constructor() {
    super('the admin API needs the --admin-token (see the form above)');
  }
}

function showForm(error) {
  $('token-form').hidden = false;
  $('token-error').textContent = error;
  $('token-forget').hidden = token === null;
}

/**
 * `fetch` for the admin API with the token. A 401 shows the form (saying the token was refused
 * when one was sent) and throws AdminTokenRefused; a mock without a token needs none of this.
 */
export async function adminFetch(url, init = {}) {
  const sent = token;
  const headers = new Headers(init.headers);
  if (sent !== null) headers.set('authorization', `Bearer ${sent}`);
  const response = await fetch(url, { ...init, headers });
  if (response.status !== 401) return response;
  // A refusal of a token the form has replaced since says nothing about the new one, and a
  // tokenless read must not overwrite the form's "refused" message.
  if (sent !== token) throw new AdminTokenRefused();
  if (sent !== null) {
    keep(null);
    showForm('The mock refused that token (401 admin-unauthenticated): paste the --admin-token it was started with.');
  } else if ($('token-form').hidden) {
    showForm('This mock was started with --admin-token: paste that token to use the admin UI.');
  }
  throw new AdminTokenRefused();
}

/** Wires the token form; `onChange` runs when a token is entered. Call once, before the first read. */
export function wireTokenForm(onChange) {
  changed = onChange;
  takeFromFragment();
  $('token-forget').hidden = token === null;
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token-input').value.trim();
    if (value === '') return;
    keep(value);
    $('token-input').value = '';
    $('token-error').textContent = '';
    $('token-form').hidden = true;
    changed();
  });
  // A reload drops what the token let the page read, too; on a mock that needs one the form shows.
  $('token-forget').addEventListener('click', () => {
    keep(null);
    location.reload();
  });
}

/** Whether the form is up with no token to send: reads would only be refused until one is entered. */
export function waitingForToken() {
  return token === null && !$('token-form').hidden;
}
