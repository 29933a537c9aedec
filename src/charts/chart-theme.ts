import type { Config, TopLevelSpec } from 'vega-lite';

/** CJK-capable fonts first, so Chinese labels never fall back to a mismatched face. */
export const CHART_FONT =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif';

/** Readable at presentation size: no text under 12px. */
export function chartConfig(): Config {
  return {
    font: CHART_FONT,
    title: { fontSize: 16, subtitleFontSize: 13, anchor: 'start', offset: 12 },
    axis: { labelFontSize: 12, titleFontSize: 13, labelLimit: 180 },
    legend: { labelFontSize: 12, titleFontSize: 13, labelLimit: 200, symbolSize: 120 },
    header: { labelFontSize: 13, titleFontSize: 13 },
    text: { fontSize: 12 },
    view: { stroke: null },
  };
}

/** `$schema` and `config` of every SegLab chart. */
export function chartBase(): Pick<TopLevelSpec, '$schema' | 'config'> {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: chartConfig() };
}

/** For single and layered views: fill the container's width, padding included. */
export const FIT_WIDTH = {
  width: 'container',
  autosize: { type: 'fit-x', contains: 'padding' },
} as const;

/**
 * `text` broken into lines of at most `width` pixels at `fontSize` (an estimate: Latin letters
 * about 0.55 em, CJK characters 1 em), at spaces, or anywhere in CJK text. For subtitles that
 * would run past a phone's edge.
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const em = (ch: string) => (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.55);
  const max = width / fontSize;
  const words = text.split(
    /(?<=\s)|(?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef])/,
  );
  const lines: string[] = [];
  let line = '';
  let size = 0;
  for (const word of words) {
    const w = [...word].reduce((a, ch) => a + em(ch), 0);
    if (size + w > max && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = '';
      size = 0;
    }
    line += word;
    size += w;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  // Chinese punctuation never starts a line: the character it follows moves down with it.
  for (let i = 1; i < lines.length; i++) {
    const prev = [...lines[i - 1]];
    if (!/^[，。；：、！？）」』]/.test(lines[i]) || prev.length < 2) continue;
    lines[i] = prev.pop() + lines[i];
    lines[i - 1] = prev.join('');
  }
  return lines;
}

/**
 * A chart title (and subtitle) wrapped to `width` pixels when it is known, so neither runs past
 * the chart's edge on a phone.
 */
export function fittedTitle(
  text: string,
  subtitle: string | undefined,
  width: number | undefined,
): { text: string | string[]; subtitle?: string | string[] } {
  const fit = (t: string, size: number) =>
    width === undefined ? t : wrapText(t, width - 10, size);
  return subtitle === undefined
    ? { text: fit(text, 16) }
    : { text: fit(text, 16), subtitle: fit(subtitle, 13) };
}
