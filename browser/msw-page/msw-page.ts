/**
 * The page of the MSW browser test: the mock as a service worker (`setupWorker`) over the
 * session-api-toolkit/msw handlers, then README.md's walkthrough through the page's own `fetch`,
 * event stream included. The test bundles this file for the browser and reads `mswPage`.
 */
import { setupWorker } from 'msw/browser';
import { sessionApiHandlers } from '../../mock/msw/index.js';
import { fetchWalkthrough, type WalkthroughResult } from '../../mock/test-support/fetch-walkthrough.js';

interface PageState {
  result?: WalkthroughResult;
  error?: string;
  /** Which requests the worker answered (the mock's `server` header says so). */
  servedBy?: string | null;
}

const state: PageState = {};
(globalThis as unknown as { mswPage: PageState }).mswPage = state;

async function main(): Promise<void> {
  // Same origin, under /api: the app's requests never leave the page.
  const baseUrl = `${(globalThis as unknown as { location: { origin: string } }).location.origin}/api`;
  const mock = sessionApiHandlers({ baseUrl });
  await setupWorker(...mock.handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, quiet: true, onUnhandledRequest: 'bypass' });
  const probe = await fetch(`${baseUrl}/__admin`);
  state.servedBy = probe.headers.get('server');
  state.result = await fetchWalkthrough(baseUrl);
}

main().catch((error: unknown) => {
  state.error = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
});
