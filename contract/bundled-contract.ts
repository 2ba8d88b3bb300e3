/**
 * The contract with its document built in: for browsers and workers, which cannot read
 * contract/openapi.yaml. Same document and sha256 as `loadContract()` (a test holds them equal).
 */
import { OPENAPI_DOCUMENT, OPENAPI_SHA256 } from './generated/openapi-document.js';
import { createContract, type Contract } from './portable.js';

let shared: Contract | undefined;

/** The contract from the generated module, built once per realm (validators compile lazily). */
export function bundledContract(): Contract {
  shared ??= createContract({ document: OPENAPI_DOCUMENT, sha256: OPENAPI_SHA256 });
  return shared;
}
