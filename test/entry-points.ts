/**
 * The package's entry points as a user imports them: one row per `exports` key of package.json
 * (the pack test fails when the two lists differ). `values` must exist at run time; `types` must
 * resolve to a real type in TypeScript (not `any`, which is what a missing declaration becomes).
 * A new entry point (`./client`, `./msw`) is one row here.
 */

/** One entry point and names it must offer. */
export interface EntryPoint {
  /** The `exports` key, `.` for the root. */
  readonly subpath: string;
  readonly values: readonly string[];
  readonly types: readonly string[];
  /** A JSON module: imported `with { type: 'json' }`; `values` are keys of its default export. */
  readonly json?: true;
}

export const ENTRY_POINTS: readonly EntryPoint[] = [
  {
    subpath: '.',
    values: ['createMockServer', 'createMockCore', 'loadScenarioDir', 'defaultFixtureDir', 'loadContract', 'ERROR_CODES'],
    types: ['MockServer', 'MockServerOptions', 'MockCore', 'MockRequest', 'MockResponse', 'Scenario', 'Contract', 'ContractPaths', 'ContractComponents', 'ErrorCode'],
  },
  {
    subpath: './mock',
    values: ['createMockServer', 'createMockCore', 'responseJson', 'loadScenarioDir', 'defaultFixtureDir'],
    types: ['MockServer', 'MockServerOptions', 'MockCore', 'MockCoreOptions', 'MockRequest', 'MockResponse', 'Scenario', 'ScenarioStep', 'CorsPolicy', 'FaultSettings'],
  },
  {
    subpath: './contract',
    values: ['loadContract', 'createContract', 'findContractPath', 'ERROR_CODES', 'isErrorCode', 'problemType', 'negotiate', 'escapePointer'],
    types: ['Contract', 'OperationSpec', 'ErrorCode', 'ContractPaths', 'ContractComponents', 'ContractOperations', 'OpenApiDocument', 'ValidationIssue'],
  },
  {
    subpath: './conformance',
    values: ['runCommand', 'replayCommand', 'verifyCommand', 'mergeReportsCommand', 'EXIT', 'planRun', 'PROFILES', 'formatResult', 'spawnMock', 'connect', 'runSuite', 'SetupError', 'INVARIANTS', 'InvariantSelection', 'InvariantViolation', 'ConnectionFailure'],
    types: ['Output', 'RunArgs', 'RunPlan', 'ProfileName', 'SpawnedMock', 'ConnectOptions', 'Connected', 'RunOptions', 'SuiteResult', 'SuiteFailure', 'InvariantId', 'ViolationData'],
  },
  {
    subpath: './client',
    values: ['createSessionClient', 'SessionApiError', 'isSessionApiError', 'encodeFilePath', 'ifMatch', 'followEvents', 'OPERATIONS', 'SseParser'],
    types: ['SessionClient', 'SessionClientOptions', 'OperationId', 'Problem', 'ErrorCode', 'SessionEvent'],
  },
  {
    subpath: './msw',
    values: ['sessionApiHandlers', 'createFetchHandler', 'toFetchResponse', 'toMockRequest', 'DEMO_SCENARIO'],
    types: ['SessionApiMock', 'SessionApiHandlersOptions', 'FetchHandlerOptions'],
  },
  { subpath: './package.json', values: ['name', 'version'], types: [], json: true },
];

/** The import specifier of an entry point of package `name`. */
export function specifierOf(name: string, entry: EntryPoint): string {
  return entry.subpath === '.' ? name : `${name}/${entry.subpath.slice(2)}`;
}

/**
 * An ESM script that imports every entry point and prints, per specifier, the listed values it
 * did not find (JSON on stdout): `{}` when all are there.
 */
export function importScript(name: string, entries: readonly EntryPoint[]): string {
  const lines = entries.map((entry, i) => `import${entry.json ? '' : ' * as'} e${i} from ${JSON.stringify(specifierOf(name, entry))}${entry.json ? " with { type: 'json' }" : ''};`);
  lines.push('const missing = {};');
  entries.forEach((entry, i) => {
    lines.push(`missing[${JSON.stringify(specifierOf(name, entry))}] = ${JSON.stringify(entry.values)}.filter((n) => e${i}[n] === undefined);`);
  });
  lines.push('console.log(JSON.stringify(Object.fromEntries(Object.entries(missing).filter(([, v]) => v.length > 0))));');
  return lines.join('\n') + '\n';
}

/**
 * A TypeScript file that type-checks only if every entry point resolves with declarations, every
 * listed name exists, and every listed value and type has a real type rather than `any`.
 */
export function typeCheckFile(name: string, entries: readonly EntryPoint[]): string {
  const lines = ['type IsAny<T> = 0 extends 1 & T ? true : false;'];
  entries.forEach((entry, i) => {
    const spec = JSON.stringify(specifierOf(name, entry));
    lines.push(entry.json ? `import e${i} from ${spec} with { type: 'json' };` : `import * as e${i} from ${spec};`);
    for (const value of entry.values) lines.push(`export const v${i}_${value}: IsAny<typeof e${i}.${value}> = false;`);
    for (const type of entry.types) lines.push(`export const t${i}_${type}: IsAny<e${i}.${type}> = false;`);
  });
  return lines.join('\n') + '\n';
}
