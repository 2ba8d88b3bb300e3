/**
 * Listing at scale, without HTTP: a core holding `sessions` sessions (every 100th tagged), then a
 * full walk through `GET /v1/sessions` pages, unfiltered and filtered by the rare tag. The cursor
 * resumes by binary search, so an unfiltered page costs the same wherever it starts.
 */
import { loadContract, type Contract } from '../contract/index.js';
import { createMockCore, responseJson, type MockCore } from '../mock/index.js';

/** Cost of walking every page of one listing. */
export interface ListWalk {
  readonly query: string;
  readonly pages: number;
  readonly items: number;
  readonly microsPerPage: number;
}

/** Both walks over one store. */
export interface ListPagingResult {
  readonly sessions: number;
  readonly pageSize: number;
  readonly walks: readonly ListWalk[];
}

const TOKEN = 'dev-token';
const headers = { authorization: `Bearer ${TOKEN}` };
const encoder = new TextEncoder();

function fill(core: MockCore, sessions: number): void {
  for (let i = 0; i < sessions; i += 1) {
    const body = encoder.encode(JSON.stringify({ title: `s${i}`, tags: i % 100 === 0 ? ['rare'] : ['common'] }));
    const response = core.handle({ method: 'POST', url: '/v1/sessions', headers: { ...headers, 'content-type': 'application/json' }, body });
    if (response.status !== 201) throw new Error(`create ${i}: ${response.status}`);
  }
}

function walk(core: MockCore, query: string, pageSize: number): ListWalk {
  let cursor: string | null = null;
  let pages = 0;
  let items = 0;
  const started = process.hrtime.bigint();
  do {
    const url = `/v1/sessions?limit=${pageSize}${query}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const response = core.handle({ method: 'GET', url, headers });
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status}`);
    const page = responseJson(response) as { items: unknown[]; nextCursor: string | null };
    pages += 1;
    items += page.items.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { query: query === '' ? '(none)' : query.slice(1), pages, items, microsPerPage: Number(process.hrtime.bigint() - started) / 1000 / pages };
}

/** Fills a fresh core and walks it twice. */
export function measureListPaging(sessions = 10_000, pageSize = 50, contract: Contract = loadContract()): ListPagingResult {
  const core = createMockCore({ contract, scenario: null, auth: true });
  fill(core, sessions);
  walk(core, '', pageSize); // warm-up
  return { sessions, pageSize, walks: [walk(core, '', pageSize), walk(core, '&tag=rare', pageSize)] };
}
