// A machine without Chromium fails the browser tests with the way to install it, never skips them.
import { describe, expect, it } from 'vitest';
import { chromiumPath, launchChromium } from './launch-chromium.js';

describe('launchChromium', () => {
  it('looks in CHROMIUM_PATH, else at Debian\'s /usr/bin/chromium', () => {
    expect(chromiumPath({})).toBe('/usr/bin/chromium');
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome' })).toBe('/opt/chrome');
  });

  it('fails naming apt-get install chromium and the setup script when the binary is missing', async () => {
    await expect(launchChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).rejects.toThrow(/\/nonexistent\/chromium.*scripts\/ensure-chromium\.sh.*apt-get install -y chromium/);
  });
});
