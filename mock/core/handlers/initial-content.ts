import { blobOf, EMPTY_CONTENT, PersistentFileMap, validatePath, type Content, type EnvironmentSpec, type Sha256Hex } from '../domain/index.js';
import { failure, success, type Result } from '../http/respond.js';
import { base64ToBytes } from '../http/base64.js';
import { LIMITS } from '../http/request-body.js';

/** An initial file as the create request carries it. */
export interface InitialFile {
  readonly path: string;
  readonly content: string;
  readonly encoding?: 'utf8' | 'base64';
}

const utf8 = new TextEncoder();
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Builds a new session's content from the create request, checking every file first: a bad path
 * (400 invalid-path), bad base64 or a repeated path (400), a file over the limit (413), or a file
 * where another file needs a directory (409 path-collision). `hash` is the store's sha256.
 */
export function initialContent(files: readonly InitialFile[], environmentSpec: EnvironmentSpec | undefined, hash: Sha256Hex): Result<Content> {
  let map = PersistentFileMap.EMPTY;
  const seen = new Set<string>();
  let collision: string | undefined;
  for (const [index, file] of files.entries()) {
    const pointer = `/files/${index}`;
    const valid = validatePath(file.path);
    if (!valid.ok) return failure('invalid-path', `files[${index}].path: ${valid.reason}`, { errors: [{ pointer: `${pointer}/path`, message: valid.reason }] });
    if (seen.has(file.path)) return failure('validation-failed', `Path ${file.path} is given twice.`, { errors: [{ pointer: `${pointer}/path`, message: 'duplicate path' }] });
    seen.add(file.path);
    let bytes: Uint8Array;
    if (file.encoding === 'base64') {
      if (!BASE64.test(file.content)) return failure('validation-failed', `files[${index}].content is not base64.`, { errors: [{ pointer: `${pointer}/content`, message: 'invalid base64' }] });
      bytes = base64ToBytes(file.content);
    } else {
      bytes = utf8.encode(file.content);
    }
    if (bytes.length > LIMITS.fileBytes) return failure('content-too-large', `${file.path} is over ${LIMITS.fileBytes} bytes.`);
    // A collision is a state conflict (409): it is answered only once every file passed the 400 checks.
    if (collision === undefined && map.collidesWith(file.path)) collision = file.path;
    // The bytes were made here and nobody else holds them: the blob takes them without a copy.
    map = map.set(file.path, blobOf(bytes, hash));
  }
  if (collision !== undefined) return failure('path-collision', `${collision} would be both a file and a directory.`);
  return success({ ...EMPTY_CONTENT, files: map, environmentSpec: environmentSpec ?? null });
}
