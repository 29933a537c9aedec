/** How a shared notebook starts in a URL: `#nb=<version>.<packed notebook>` (see share-link.ts). */
export const SHARE_PREFIX = '#nb=';

/** Whether a URL fragment (`location.hash`) carries a shared notebook. */
export function isShareFragment(hash: string): boolean {
  return hash.startsWith(SHARE_PREFIX);
}
