import type { PresetCell } from './notebook';
import type { AnyPreset } from './presets';
import type { ParamSpec } from './presets/preset';

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

/** The fields the form shows for these parameters: those of the chosen method only. */
export function shownParams(preset: AnyPreset, params: Record<string, unknown>): ParamSpec[] {
  return preset.params.filter(
    (spec) => !spec.shownWhen || spec.shownWhen.values.includes(String(params[spec.shownWhen.key])),
  );
}
