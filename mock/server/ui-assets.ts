/**
 * Reads the admin UI's files (mock/ui/) and the graph layout library's browser build from the
 * package, once per server: the page loads nothing from any other origin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import type { UiAsset, UiAssets } from '../app/admin-ui-routes.js';
import { packageRoot } from '../fixtures/load-scenario-dir.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The UI's files by name, `dagre.min.js` (the @dagrejs/dagre browser build, graphlib inside) among them. */
export function loadUiAssets(): UiAssets {
  const assets = new Map<string, UiAsset>();
  const dir = join(packageRoot(), 'mock', 'ui');
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type !== undefined && !name.includes('.test.')) assets.set(name, { type, body: readFileSync(join(dir, name), 'utf8') });
  }
  const dagre = join(dirname(createRequire(import.meta.url).resolve('@dagrejs/dagre/package.json')), 'dist', 'dagre.min.js');
  assets.set('dagre.min.js', { type: TYPES['.js'] as string, body: readFileSync(dagre, 'utf8') });
  return assets;
}
