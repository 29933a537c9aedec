import { describe, expect, it } from 'vitest';
import { errorText } from '../../../src/model/error-text';
import { checkLogo, isLogo, MAX_LOGO_CHARS } from '../../../src/model/presentation';

const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';

describe('presentation logo', () => {
  it('accepts base64 data URLs of common image types only', () => {
    expect(isLogo(png)).toBe(true);
    expect(isLogo('data:image/svg+xml;base64,PHN2Zy8+')).toBe(true);
    expect(isLogo('https://example.com/logo.png')).toBe(false);
    expect(isLogo('data:text/html;base64,PGI+')).toBe(false);
    expect(isLogo('data:image/png,<svg onload=alert(1)>')).toBe(false);
    expect(isLogo(`data:image/png;base64,${'A'.repeat(MAX_LOGO_CHARS)}`)).toBe(false);
  });

  it('explains in both languages why a picked file cannot be the logo', () => {
    expect(checkLogo(png, 'acme.png')).toBe(png);
    const notImage = () => checkLogo('data:application/pdf;base64,JVBE', 'deck.pdf');
    expect(notImage).toThrow(/deck\.pdf is not a PNG/);
    try {
      checkLogo(`data:image/png;base64,${'A'.repeat(MAX_LOGO_CHARS)}`, 'huge.png');
    } catch (e) {
      expect(errorText(e, 'en')).toBe('huge.png is too large for a logo (at most 293 KB).');
      expect(errorText(e, 'zh-CN')).toBe('huge.png 太大，无法用作标志（最多 293 KB）。');
    }
    expect.assertions(4);
  });
});
