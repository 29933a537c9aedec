import { LocalizedError } from '../domain/localized-error';
import type { Presentation } from './notebook';

/** Logos larger than this (as a data URL) are refused: they travel inside every saved notebook. */
export const MAX_LOGO_CHARS = 400_000;

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/svg+xml'];
const DATA_URL = /^data:(image\/[a-z+.-]+);base64,[A-Za-z0-9+/]*={0,2}$/;

/** Whether `url` is a logo SegLab shows: a base64 data URL of a common image type, not too big. */
export function isLogo(url: string): boolean {
  const type = DATA_URL.exec(url)?.[1];
  return type !== undefined && LOGO_TYPES.includes(type) && url.length <= MAX_LOGO_CHARS;
}

/** Checks a logo the user picked (as a data URL); throws an error the user can read. */
export function checkLogo(url: string, fileName: string): string {
  const type = /^data:([^;,]*)/.exec(url)?.[1] ?? '';
  if (!LOGO_TYPES.includes(type)) {
    throw new LocalizedError({
      en: `${fileName} is not a PNG, JPEG, GIF, WebP or SVG image.`,
      zh: `${fileName} 不是 PNG、JPEG、GIF、WebP 或 SVG 图片。`,
    });
  }
  if (url.length > MAX_LOGO_CHARS) {
    const kb = Math.round((MAX_LOGO_CHARS * 3) / 4 / 1024);
    throw new LocalizedError({
      en: `${fileName} is too large for a logo (at most ${kb} KB).`,
      zh: `${fileName} 太大，无法用作标志（最多 ${kb} KB）。`,
    });
  }
  if (!isLogo(url)) {
    throw new LocalizedError({
      en: `${fileName} could not be read as an image.`,
      zh: `无法将 ${fileName} 读取为图片。`,
    });
  }
  return url;
}

/** The presentation settings found in a notebook file; a damaged logo is left out, not fatal. */
export function parsePresentation(v: unknown): Presentation | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { logo, subtitle } = v as Record<string, unknown>;
  const out: Presentation = {
    ...(typeof logo === 'string' && isLogo(logo) ? { logo } : {}),
    ...(typeof subtitle === 'string' && subtitle !== '' ? { subtitle } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}
