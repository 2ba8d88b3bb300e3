/**
 * The contract without a platform: everything `contract/index.ts` offers except reading
 * `contract/openapi.yaml` from disk. The mock core and anything that runs in browsers and workers
 * import this; they get the document from `contract/bundled-contract.ts` (the YAML generated into a
 * module) or from whoever built them. Lint and `contract/portable.test.ts` keep node: imports out.
 */
import { indexOperations, type OperationSpec } from './src/operations.js';
import { RequestValidator } from './src/request-validator.js';
import { ResponseValidator } from './src/response-validator.js';
import { RouteMatcher } from './src/route-matcher.js';
import { SchemaCompiler } from './src/schema-compiler.js';
import type { OpenApiDocument } from './src/openapi-types.js';

export { ERROR_CODES, isErrorCode, problemType } from './src/error-codes.js';
export type { ErrorCode } from './src/error-codes.js';
export { essence, isJsonContentType, isJsonMediaType, negotiate } from './src/media-type.js';
export { escapePointer } from './src/validation-issue.js';
export type { ValidationIssue } from './src/validation-issue.js';
export type { OperationSpec, ResponseSpec } from './src/operations.js';
export type { RouteMatch } from './src/route-matcher.js';
export type { RawParameters, ValidParameters, ParameterResult, ContentTypeCheck } from './src/request-validator.js';
export type { ResponseToCheck, ResponseViolation } from './src/response-validator.js';
export type { OpenApiDocument, OperationObject, ParameterObject } from './src/openapi-types.js';
export type { paths as ContractPaths, components as ContractComponents, operations as ContractOperations } from './generated/openapi.js';

/** The loaded contract. Immutable once built; validators compile lazily and are cached. */
export interface Contract {
  readonly document: OpenApiDocument;
  /** sha256 of the document's text, for certification bundles. */
  readonly sha256: string;
  readonly version: string;
  readonly operations: ReadonlyMap<string, OperationSpec>;
  readonly routes: RouteMatcher;
  readonly requests: RequestValidator;
  readonly responses: ResponseValidator;
  /** A validator for a named component schema (e.g. `Problem`, `SessionDetail`). */
  readonly schemas: SchemaCompiler;
  /** The operation with this id; throws for an unknown id (a bug in the caller). */
  operation(operationId: string): OperationSpec;
}

/** What a contract is built from: the parsed document and the sha256 of its text. */
export interface ContractSource {
  readonly document: OpenApiDocument;
  readonly sha256: string;
}

/** Builds a contract from an already parsed document (tests use this with modified copies). */
export function createContract(loaded: ContractSource): Contract {
  const compiler = new SchemaCompiler(loaded.document);
  const operations = indexOperations(loaded.document);
  return {
    document: loaded.document,
    sha256: loaded.sha256,
    version: loaded.document.info.version,
    operations,
    routes: new RouteMatcher(operations.values()),
    requests: new RequestValidator(compiler),
    responses: new ResponseValidator(compiler),
    schemas: compiler,
    operation(operationId: string): OperationSpec {
      const op = operations.get(operationId);
      if (!op) throw new Error(`unknown operationId ${operationId}`);
      return op;
    },
  };
}
