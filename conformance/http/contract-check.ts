/**
 * Per-exchange contract checks: documented status, content type, headers, body schema,
 * problem+json on errors, never 5xx. Returns findings as data; the caller decides what to throw.
 */
import { ERROR_CODES, isErrorCode, problemType, type Contract, type ResponseViolation } from '../../contract/index.js';
import type { InvariantId } from '../invariants/catalogue.js';
import type { Exchange } from './exchange.js';

/** One contract finding about one exchange. */
export interface ContractFinding {
  readonly invariant: InvariantId;
  readonly message: string;
}

const KIND_TO_INVARIANT: Record<ResponseViolation['kind'], InvariantId> = {
  'undocumented-status': 'contract.status-documented',
  'undocumented-content-type': 'contract.content-type',
  'missing-body': 'contract.body-schema',
  'invalid-body': 'contract.body-schema',
  'missing-header': 'contract.headers',
  'invalid-header': 'contract.headers',
};

function problemFindings(exchange: Exchange): ContractFinding[] {
  const { response } = exchange;
  const where = `${exchange.request.method} ${exchange.request.path} → ${response.status}`;
  if (response.contentType !== 'application/problem+json') {
    return [{ invariant: 'contract.problem-json', message: `${where}: error sent as ${String(response.contentType)}, not application/problem+json` }];
  }
  const body = response.json as Record<string, unknown> | undefined;
  const code = body?.code;
  if (!isErrorCode(code)) return [{ invariant: 'contract.problem-json', message: `${where}: problem code ${JSON.stringify(code)} is not a documented code` }];
  const findings: ContractFinding[] = [];
  if (ERROR_CODES[code].status !== response.status) findings.push({ invariant: 'contract.problem-json', message: `${where}: code ${code} belongs to status ${ERROR_CODES[code].status}` });
  if (body?.status !== response.status) findings.push({ invariant: 'contract.problem-json', message: `${where}: problem status ${JSON.stringify(body?.status)} differs from the HTTP status` });
  if (body?.type !== problemType(code)) findings.push({ invariant: 'contract.problem-json', message: `${where}: problem type ${JSON.stringify(body?.type)} is not ${problemType(code)}` });
  return findings;
}

/** Every contract finding for one exchange (empty: it honours the contract). */
export function checkExchange(contract: Contract, exchange: Exchange): ContractFinding[] {
  const { request, response } = exchange;
  const where = `${request.method} ${request.path}`;
  const findings: ContractFinding[] = [];
  const operation = exchange.operationId === null ? null : contract.operation(exchange.operationId);
  // `501 not-implemented` is how a server declines an optional surface (contract README §13): no
  // fault where the operation documents it; its problem body is still checked below.
  const declined = response.status === 501 && operation !== null && operation.responses.has('501');
  if (response.status >= 500 && !declined) findings.push({ invariant: 'contract.no-5xx', message: `${where}: answered ${response.status}` });
  if (operation === null) return [...findings, { invariant: 'contract.status-documented', message: `${where}: matches no operation of the contract` }];
  let body: unknown = response.json;
  if (body === undefined && response.bytes.length > 0) body = Buffer.from(response.bytes).toString('utf8');
  if (response.contentType !== null && response.contentType.endsWith('json') && response.bytes.length > 0 && response.json === undefined) {
    findings.push({ invariant: 'contract.body-schema', message: `${where} → ${response.status}: body is not valid JSON` });
  }
  for (const violation of contract.responses.check(operation, { status: response.status, headers: response.headers, body })) {
    findings.push({ invariant: KIND_TO_INVARIANT[violation.kind], message: violation.message });
  }
  if (response.status >= 400 && response.status < 600) findings.push(...problemFindings(exchange));
  return findings;
}

/**
 * The contract invariants {@link checkExchange} checks on this exchange, whatever it finds: never
 * 5xx and a documented status always; content type, body schema and headers once the exchange
 * matched an operation; problem+json on a 4xx or 5xx. Reports count these as checks made.
 */
export function contractChecksOf(exchange: Exchange): InvariantId[] {
  const ids: InvariantId[] = ['contract.no-5xx', 'contract.status-documented'];
  if (exchange.operationId !== null) ids.push('contract.content-type', 'contract.body-schema', 'contract.headers');
  if (exchange.operationId !== null && exchange.response.status >= 400 && exchange.response.status < 600) ids.push('contract.problem-json');
  return ids;
}
