import { describe, expect, it } from 'vitest';
import {
  NEUTRAL_COLORS,
  SEGMENT_COLORS,
  segmentColors,
  segmentColorScale,
} from '../../../src/charts/palette';
import { pick, type Lang } from '../../../src/domain/labels';
import { PRESETS, presetById } from '../../../src/model/presets';
import { RFM_RULE_TABLES } from '../../../src/model/presets/rfm-rules';
import { valueLoyalty } from '../../../src/model/presets/value-loyalty';

/** Hue (degrees) and saturation (0–1) of a #rrggbb colour. */
function hsl(hex: string): { h: number; s: number; l: number } {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return { h: 0, s: 0, l };
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: h * 60, s, l };
}
const isRed = (hex: string) => {
  const { h, s } = hsl(hex);
  return s > 0.35 && (h < 12 || h > 340);
};
const isGrey = (hex: string) => hsl(hex).s < 0.05;

function colorsOf(id: string, params?: object): Record<string, string> {
  const preset = presetById(id);
  return segmentColors(id, preset.segments({ ...(preset.defaults() as object), ...params }));
}

/** What a chart draws: the colour scale for a result's segments, as it comes. */
function drawn(labels: string[], colors: Record<string, string>): Record<string, string> {
  const scale = segmentColorScale(labels, [], colors);
  return Object.fromEntries(scale.domain.map((d, i) => [d, scale.range[i]!]));
}

describe('segmentColors', () => {
  const defs = valueLoyalty.segments(valueLoyalty.defaults());
  const colors = segmentColors(valueLoyalty.id, defs);

  it('keeps a segment its colour whatever the order and size of a result, in both languages', () => {
    const label = (key: string, lang: Lang) => pick(defs.find((d) => d.key === key)!.label, lang);
    const core = colors[label('core', 'en')]!;
    const bySize = drawn(['Low priority', 'Prospects', 'Core', 'Grow loyalty'], colors);
    const byPreset = drawn(['Core', 'Grow loyalty', 'Increase spend', 'Low priority'], colors);
    const onlyCore = drawn(['Core'], colors);
    const zh = drawn(['潜在客户', label('low_priority', 'zh-CN'), label('core', 'zh-CN')], colors);
    expect(bySize['Core']).toBe(core);
    expect(byPreset['Core']).toBe(core);
    expect(onlyCore['Core']).toBe(core);
    expect(zh[label('core', 'zh-CN')]).toBe(core);
    expect(zh[label('low_priority', 'zh-CN')]).toBe(bySize['Low priority']);
    // And it differs from the other segments of the preset.
    expect(new Set(defs.map((d) => colors[pick(d.label, 'en')])).size).toBe(defs.length);
  });

  it('paints lifecycle "Churned" and "At risk" red, "Loyal" not, prospects grey', () => {
    const c = colorsOf('lifecycle');
    expect(isRed(c['Churned']!)).toBe(true);
    expect(isRed(c['已流失客户']!)).toBe(true);
    expect(isRed(c['At risk']!)).toBe(true);
    expect(isRed(c['Loyal']!)).toBe(false);
    expect(isGrey(c['Loyal']!)).toBe(false);
    expect(isGrey(c['Potential']!)).toBe(true);
  });

  it('gives the top tier of RFM the strongest colour and lost customers reds', () => {
    for (const table of RFM_RULE_TABLES) {
      const c = colorsOf('rfm', { rules: table.rules });
      const [top, ...rest] = table.rules.map(
        (r) => c[typeof r.label === 'string' ? r.label : r.label.en]!,
      );
      // The first rule is the best segment (Important value / Champions): darker than any
      // other colour but the reds of lost customers.
      const others = rest.filter((other) => !isRed(other));
      expect(others.length).toBeGreaterThan(4);
      expect(others.every((other) => hsl(other).l > hsl(top!).l)).toBe(true);
      expect(isGrey(c['Prospects'] ?? c['潜在客户']!)).toBe(true);
    }
    const standard = colorsOf('rfm', { rules: RFM_RULE_TABLES[1]!.rules });
    expect(isRed(standard['Lost']!)).toBe(true);
    expect(isRed(standard['At Risk']!)).toBe(true);
    expect(isRed(standard['Champions']!)).toBe(false);
  });

  it('gives every segment of every preset its own colour', () => {
    for (const preset of PRESETS) {
      let defs;
      try {
        defs = preset.segments(preset.defaults() as never);
      } catch {
        continue;
      }
      const c = segmentColors(preset.id, defs);
      const used = defs.map((d) => c[typeof d.label === 'string' ? d.label : d.label.en]);
      expect(new Set(used).size, preset.id).toBe(defs.length);
    }
  });
});

describe('segmentColorScale', () => {
  it('uses the given colours, then fallbacks for unknown segments, then greys for neutral labels', () => {
    const scale = segmentColorScale(['VIP', 'Mystery', 'VIP'], ['New', 'Left'], { VIP: '#123456' });
    expect(scale.domain).toEqual(['VIP', 'Mystery', 'New', 'Left']);
    expect(scale.range).toEqual([
      '#123456',
      SEGMENT_COLORS[0],
      NEUTRAL_COLORS[0],
      NEUTRAL_COLORS[1],
    ]);
    expect(SEGMENT_COLORS.some((c) => (NEUTRAL_COLORS as readonly string[]).includes(c))).toBe(
      false,
    );
    expect(SEGMENT_COLORS.some(isRed)).toBe(false);
  });
});
