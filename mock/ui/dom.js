// Small DOM helpers for the admin UI. Text goes in as text nodes only (never as HTML), so a session
// title or a file's content cannot become markup.
import { adminFetch } from './admin-token.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes and children (strings become text nodes). */
export function h(tag, attributes = {}, ...children) {
  return fill(document.createElement(tag), attributes, children);
}

/** An SVG element, likewise. */
export function s(tag, attributes = {}, ...children) {
  return fill(document.createElementNS(SVG, tag), attributes, children);
}

function fill(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return element;
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/** JSON from an admin route (with the admin token when one is held); a problem+json answer throws with its detail. */
export async function getJson(url, init) {
  const response = await adminFetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(problemText(response.status, text));
  return text === '' ? undefined : JSON.parse(text);
}

/** "404 revision-not-found: No revision …" from a problem body, or the status and text. */
export function problemText(status, text) {
  try {
    const problem = JSON.parse(text);
    return `${status} ${problem.code ?? ''}: ${problem.detail ?? problem.title ?? text}`;
  } catch {
    return `${status}: ${text}`;
  }
}

/** Fills a <select> with options, keeping the selected value when it is still offered. */
export function setOptions(select, options, wanted = select.value) {
  const values = options.map((o) => o.value);
  replace(select, options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = values.includes(wanted) ? wanted : (values[0] ?? '');
}
