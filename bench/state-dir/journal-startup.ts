/**
 * Start-up from a journal: how long `--state-dir` takes to come back after N changes. The journal
 * is built in-process through a core with an in-memory sink (the same bytes the file would get),
 * written to a temporary directory, then opened and replayed as the CLI does, several times.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContract } from '../../contract/index.js';
import { MemorySink } from '../../mock/core/journal/memory-sink.js';
import { createMockCore, type MockCore } from '../../mock/core/mock-core.js';
import type { MockRequest } from '../../mock/core/http/messages.js';
import { loadScenarioDir, scenarioProblems } from '../../mock/fixtures/load-scenario-dir.js';
import { openStateDir } from '../../mock/server/state-dir/open-state-dir.js';

/** What {@link measureJournalStartup} found. */
export interface JournalStartup {
  readonly changes: number;
  readonly journalBytes: number;
  /** Start-up times (open, read, replay), each run, in ms. */
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly msPer100kChanges: number;
}

const utf8 = new TextEncoder();
const AUTH = { authorization: 'Bearer demo-ana' };

function send(core: MockCore, method: string, url: string, body: string, type: string): string {
  const request: MockRequest = { method, url, headers: { ...AUTH, 'content-type': type }, body: utf8.encode(body) };
  const response = core.handle(request);
  if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status} while building the journal`);
  return typeof response.body === 'string' ? response.body : '';
}

/**
 * The bench's mixed writes, one cycle after another until `changes` are journaled: create a
 * session, write a file, fork it, write into the fork. Sessions pile up as they would over a week.
 */
function buildJournal(changes: number): Uint8Array {
  const sink = new MemorySink();
  const core = createMockCore({ contract: loadContract(), scenario: loadScenarioDir(), checkScenario: scenarioProblems, journal: { sink, restored: null } });
  for (let made = 0; made < changes; ) {
    const session = (JSON.parse(send(core, 'POST', '/v1/sessions', JSON.stringify({ title: `week ${made}` }), 'application/json')) as { id: string }).id;
    send(core, 'PUT', `/v1/sessions/${session}/files/README.md`, `# change ${made}\n`, 'application/octet-stream');
    const child = (JSON.parse(send(core, 'POST', `/v1/sessions/${session}/fork`, '{}', 'application/json')) as { id: string }).id;
    send(core, 'PUT', `/v1/sessions/${child}/files/src%2Fapp.ts`, `export const v = ${made};\n`, 'application/octet-stream');
    made += 4;
  }
  return sink.bytes();
}

/** Builds a journal of about `changes` changes and times `runs` start-ups from it. */
export function measureJournalStartup(changes: number, runs = 3): JournalStartup {
  const bytes = buildJournal(changes);
  const dir = mkdtempSync(join(tmpdir(), 'bench-journal-'));
  try {
    writeFileSync(join(dir, 'journal'), bytes);
    const contract = loadContract();
    const scenario = loadScenarioDir();
    const runsMs: number[] = [];
    let restored = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const opened = openStateDir(dir);
      if (!opened.ok) throw new Error(opened.message);
      try {
        createMockCore({ contract, scenario, checkScenario: scenarioProblems, journal: opened.value.journal });
        restored = opened.value.restoredChanges;
      } finally {
        opened.value.close();
      }
      runsMs.push(performance.now() - started);
    }
    const sorted = [...runsMs].sort((a, b) => a - b);
    const medianMs = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    return { changes: restored, journalBytes: bytes.length, runsMs, medianMs, msPer100kChanges: (medianMs * 100_000) / restored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
