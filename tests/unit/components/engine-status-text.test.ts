import { describe, expect, it } from 'vitest';
import { engineStatusText } from '../../../src/components/engine-status-text';
import { translate, type MessageKey, type MessageParams } from '../../../src/i18n/translate';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const MB = 1048576;

describe('the engine badge text', () => {
  it('shows how much of DuckDB has downloaded, of how much when the host says', () => {
    const p = { phase: 'downloading' as const, bytesLoaded: 10 * MB, bytesTotal: 32 * MB };
    expect(engineStatusText(p, en, null)).toBe('Downloading DuckDB… 10.0 MB of 32.0 MB');
    expect(engineStatusText(p, zh, null)).toBe('正在下载 DuckDB… 10.0 MB / 32.0 MB');
  });

  it('counts what has arrived when the host sends no Content-Length', () => {
    const p = { phase: 'downloading' as const, bytesLoaded: 3.5 * MB, bytesTotal: 0 };
    expect(engineStatusText(p, en, null)).toBe('Downloading DuckDB… 3.5 MB');
    expect(engineStatusText(p, zh, null)).toBe('正在下载 DuckDB… 3.5 MB');
  });

  it('names the bundle when ready and the reason when it failed', () => {
    const ready = { phase: 'ready' as const, bytesLoaded: 1, bytesTotal: 1, bundle: 'coi' };
    expect(engineStatusText(ready, en, null)).toBe('DuckDB ready (multi-threaded)');
    const failed = { phase: 'failed' as const, bytesLoaded: 0, bytesTotal: 0 };
    expect(engineStatusText(failed, en, 'out of memory')).toMatch(/out of memory/);
  });
});
