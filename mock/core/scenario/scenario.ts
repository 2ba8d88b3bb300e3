/** A principal of a scenario, with its bearer token. */
export interface ScenarioPrincipal {
  readonly token: string;
  readonly principalId: string;
  readonly tenantId: string;
  readonly admin?: boolean;
  readonly description?: string;
}

/** One request of a scenario (see `fixtures/scenario.schema.json`). */
export interface ScenarioStep {
  readonly note?: string;
  readonly as?: string | null;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  readonly text?: string;
  readonly base64?: string;
  readonly contentType?: string;
  readonly filesFrom?: string;
  readonly save?: Readonly<Record<string, string>>;
  readonly expectStatus?: number;
  readonly observed?: unknown;
  /**
   * The clock reading the step first ran at (ms since the epoch, or ISO-8601): a replay runs it
   * with the mock's clock pinned there, so timestamps and cache expiry come back as they were.
   */
  readonly at?: number | string;
}

/** A replayable list of requests: fixtures, state exports and conformance traces share it. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly principals: readonly ScenarioPrincipal[];
  readonly defaultToken: string;
  readonly steps: readonly ScenarioStep[];
  /** State exports: the exporting mock's clock reading; an import's clock resumes no earlier. */
  readonly exportedAt?: string;
}
