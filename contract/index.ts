/**
 * The contract module: the one place the mock and the conformance suite read the Session API's
 * OpenAPI document through. It loads the document once and offers the operation index, a route
 * matcher, compiled request/response validators and the error-code table. This entry reads the
 * file with node:fs; `contract/portable.ts` is the same without it, for browsers and workers.
 */
import { loadDocument } from './src/load-document.js';
import { createContract, type Contract } from './portable.js';

export * from './portable.js';
export { findContractPath } from './src/load-document.js';

let shared: Contract | undefined;

/** The contract from `contract/openapi.yaml`, read and indexed once per process. */
export function loadContract(): Contract {
  shared ??= createContract(loadDocument());
  return shared;
}
