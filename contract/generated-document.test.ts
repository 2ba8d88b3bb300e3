import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledContract } from './bundled-contract.js';
import { loadContract } from './index.js';
import { DOCUMENT_MODULE_PATH, renderDocumentModule } from './src/document-module.js';
import { findContractPath, loadDocument } from './src/load-document.js';

describe('the generated document module', () => {
  it('is what contract/openapi.yaml renders to now (run `npm run gen:document` after changing the YAML)', () => {
    const yamlPath = findContractPath();
    const loaded = loadDocument(yamlPath);
    const committed = readFileSync(join(yamlPath, '..', '..', DOCUMENT_MODULE_PATH), 'utf8');
    expect(committed).toBe(renderDocumentModule(loaded.document, loaded.sha256));
  });

  it('gives the bundled contract the same document and sha256 as loadContract()', () => {
    const fromDisk = loadContract();
    const bundled = bundledContract();
    expect(bundled.sha256).toBe(fromDisk.sha256);
    expect(bundled.document).toEqual(fromDisk.document);
    expect([...bundled.operations.keys()]).toEqual([...fromDisk.operations.keys()]);
    expect(bundled.routes.match('GET', '/v1/sessions')).toEqual(fromDisk.routes.match('GET', '/v1/sessions'));
  });
});
