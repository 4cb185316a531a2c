import { describe, expect, it } from 'vitest';
import { browserName } from './browser';

describe('browserName', () => {
  it('names the browser and the system', () => {
    expect(
      browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36'),
    ).toBe('Chrome on Linux');
    expect(browserName('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe(
      'Firefox on macOS',
    );
    expect(
      browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0'),
    ).toBe('Edge on Windows');
  });

  it('shows what it does not recognise as it is, and says when there is nothing', () => {
    expect(browserName('drover-cli/0.1')).toBe('drover-cli/0.1');
    expect(browserName(null)).toBe('Unknown client');
  });
});
