import type { PresetCell } from './notebook';
import type { AnyPreset } from './presets';

/**
 * A preset cell's parameters over the preset's defaults: cells saved before a parameter existed
 * still get a value for it.
 */
export function presetParams(
  preset: AnyPreset,
  cell: Pick<PresetCell, 'params'>,
): Record<string, unknown> {
  return { ...(preset.defaults() as Record<string, unknown>), ...cell.params };
}
