import type { Labels } from '../../domain/labels';
import type { PresetContext } from '../../sql/presets/context';

export type { PresetContext };

/** Shows a field only while another parameter has one of these values (e.g. the method). */
export interface ShownWhen {
  key: string;
  values: string[];
}

/** One form field of a preset. The form is generated from these. */
export type ParamSpec = { shownWhen?: ShownWhen } & (
  | {
      key: string;
      kind: 'number';
      label: Labels;
      help?: Labels;
      min?: number;
      max?: number;
      step?: number;
    }
  | { key: string; kind: 'integer'; label: Labels; help?: Labels; min?: number; max?: number }
  /** A share, 0-1; typed as 90, 90% or 0.9 (see parseShare). */
  | { key: string; kind: 'share'; label: Labels; help?: Labels }
  | {
      key: string;
      kind: 'select';
      label: Labels;
      help?: Labels;
      options: { value: string; label: Labels }[];
    }
  | { key: string; kind: 'boolean'; label: Labels; help?: Labels }
  | { key: string; kind: 'text'; label: Labels; help?: Labels }
  /** The name of another cell's segmentation result (customer_id, segment). */
  | { key: string; kind: 'result'; label: Labels; help?: Labels }
  /** A preset-specific editor (e.g. the RFM rule table); the value is JSON-serialisable. */
  | { key: string; kind: 'custom'; label: Labels; help?: Labels }
);

/** A named group a preset can put customers into, with the default playbook for it. */
export interface SegmentDef {
  key: string;
  label: Labels;
  /** What to do with these customers (the classic playbook), editable by the user. */
  strategy: Labels;
  /** What the segment means, shown beside the form. */
  definition?: Labels;
}

/** A parameter problem, shown at the form field named by `key`. */
export interface ParamError {
  key: string;
  message: Labels;
}

/**
 * A segmentation preset: data in, readable DuckDB SQL out. Every preset lives in its own file
 * under src/model/presets/ with this same shape.
 *
 * `toSql` returns ONE SELECT statement producing at least `customer_id` and `segment` (the
 * segment's label in `ctx.lang`), plus any preset-specific columns (scores, thresholds used).
 */
export interface Preset<P> {
  id: string;
  label: Labels;
  description: Labels;
  params: ParamSpec[];
  defaults(): P;
  validate(params: P): ParamError[];
  segments(params: P): SegmentDef[];
  toSql(params: P, ctx: PresetContext): string;
  /** Whether it reads the scores a Predict cell joins into the features (p_alive, …). */
  readsPredictions?(params: P): boolean;
}
