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
