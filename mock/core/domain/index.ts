/**
 * The mock's pure domain: file maps with structural sharing, the revision DAG, content diffs,
 * merge planning, commit summaries and environment-spec generation. Nothing here knows HTTP.
 */
export { compareCodePoints, sortByCodePoints } from './code-point-order.js';
export { EMPTY_CONTENT, contentEquals, diffContent, environmentSpecChange, insertSorted } from './content.js';
export type { Content } from './content.js';
export { ENVIRONMENT_SPEC_PATH, environmentSpecEquals, jsonDeepEqual } from './environment-spec.js';
export type { EnvironmentSpec, NamedVersion, PackageEcosystem, PackageRef } from './environment-spec.js';
export { blobOf, createFileBlob, createTextBlob, fileBlobEquals } from './file-blob.js';
export { ByteSlab } from './byte-slab.js';
export type { FileBlob } from './file-blob.js';
export { diffFileMaps } from './file-map-diff.js';
export type { ChangeKind, FileChange } from './file-map-diff.js';
export { planMerge } from './plan-merge.js';
export type { ConflictReason, MergeConflict, MergeGraph, MergeInput, MergePlan, MergeStrategy } from './merge-types.js';
export { MAX_PATH_BYTES, parentDirectories, utf8ByteLength, validatePath } from './paths.js';
export type { PathValidation } from './paths.js';
export { PersistentFileMap, countSharedNodes } from './persistent-file-map.js';
export type { FilePage, FilePageQuery } from './persistent-file-map.js';
export { RevisionGraph } from './revision-graph.js';
export type { Revision, RevisionIdGenerator } from './revision-graph.js';
export { sha256Hex } from './sha256.js';
export type { Sha256Hex } from './sha256.js';
export { summarizeChanges } from './commit-summary.js';
export type { ChangeStats, ChangeSummary } from './commit-summary.js';
export { generateEnvironmentSpec } from './generate-environment-spec.js';
export { nestedDeeperThan } from './json-depth.js';
export type { GeneratedEnvironmentSpec } from './generate-environment-spec.js';
export { approvalsAllowCommit, type ApprovalFact } from './approval-gate.js';
