// One headless chromium for all the browser test files of a run (scripts/check.sh): prints its
// WebSocket endpoint (PC_BROWSER_WS for tests/lib/browser.mjs), then serves until SIGTERM.
import { chromium } from 'playwright-core';
import { BROWSER_OPTIONS } from './browser.mjs';

const server = await chromium.launchServer(BROWSER_OPTIONS);
process.stdout.write(`${server.wsEndpoint()}\n`);
const stop = async () => {
  await server.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
