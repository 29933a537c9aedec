import type { EngineProgress } from '../engine/types';
import type { MessageKey, MessageParams } from '../i18n/translate';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * What the engine badge says. A host that sends no Content-Length leaves the size of DuckDB's
 * download unknown: the badge then counts what has arrived instead of "of 0.0 MB".
 */
export function engineStatusText(p: EngineProgress, t: Translate, error: string | null): string {
  switch (p.phase) {
    case 'downloading':
      return p.bytesTotal > 0
        ? t('engine.downloading', { loaded: mb(p.bytesLoaded), total: mb(p.bytesTotal) })
        : t('engine.downloadingUnsized', { loaded: mb(p.bytesLoaded) });
    case 'starting':
      return t('engine.starting');
    case 'ready':
      return t('engine.ready', {
        bundle: t(
          p.bundle === 'coi'
            ? 'engine.bundle.coi'
            : p.bundle === 'eh'
              ? 'engine.bundle.eh'
              : 'engine.bundle.mvp',
        ),
      });
    case 'failed':
      return t('engine.failed', { message: error ?? '' });
    default:
      return t('engine.idle');
  }
}
