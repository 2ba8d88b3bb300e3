/**
 * `npm run gen:document`: writes contract/generated/openapi-document.ts from contract/openapi.yaml
 * (run after changing the YAML; `npm run gen:types` runs it too).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DOCUMENT_MODULE_PATH, renderDocumentModule } from './src/document-module.js';
import { findContractPath, loadDocument } from './src/load-document.js';

const yamlPath = findContractPath();
const loaded = loadDocument(yamlPath);
const target = join(dirname(dirname(yamlPath)), DOCUMENT_MODULE_PATH);
writeFileSync(target, renderDocumentModule(loaded.document, loaded.sha256));
console.log(`wrote ${DOCUMENT_MODULE_PATH} (sha256 ${loaded.sha256.slice(0, 12)}…)`);
