import { LocalizedError } from '../../domain/localized-error';
import { churnRisk } from './churn-risk';
import { clusters } from './clusters';
import { combinePreset } from './combine-preset';
import { customerType } from './customer-type';
import { geography } from './geography';
import { lifecycle } from './lifecycle';
import { needs } from './needs';
import type { Preset } from './preset';
import { purchaseBehaviour } from './purchase-behaviour';
import { rfmPreset } from './rfm';
import { valueLoyalty } from './value-loyalty';
import { valueTiers } from './value-tiers';

/**
 * A preset whose parameter type is not known statically (e.g. picked from a menu). Its
 * `validate` checks whatever parameters it is given.
 */
export type AnyPreset = Preset<unknown>;

/** Every segmentation preset, in the order the menu shows them. */
export const PRESETS: readonly AnyPreset[] = [
  rfmPreset,
  valueTiers,
  lifecycle,
  purchaseBehaviour,
  valueLoyalty,
  needs,
  geography,
  customerType,
  churnRisk,
  clusters,
];

/** Presets that read other cells' segmentations rather than the features table. */
export const COMBINING_PRESETS: readonly AnyPreset[] = [combinePreset as AnyPreset];

/** The preset with this id; throws a readable error for an unknown id. */
export function presetById(id: string): AnyPreset {
  const preset = [...PRESETS, ...COMBINING_PRESETS].find((p) => p.id === id);
  if (!preset)
    throw new LocalizedError({
      en: `Unknown segmentation preset "${id}".`,
      zh: `未知的分群模板“${id}”。`,
    });
  return preset;
}
