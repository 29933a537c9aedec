import type { CleaningStep } from '../domain/cleaning-step';
import type { CohortChoice } from './cohort-choice';
import type { BgBbPeriod, PurchaseModelKey } from './clv/purchase-models';
import type { Inputs } from './inputs';
import type { Lang } from '../domain/labels';
import type { PivotChoice } from './pivot-view';
import type { PresentChart } from './present-chart';
import type { ReadChoices } from './read-choices';
import type { SqlView } from './sql-chart';
import type { TableMapping } from '../domain/roles';

export interface MarkdownCell {
  id: string;
  kind: 'markdown';
  source: string;
  /** A note to the author (instructions, caveats): shown in the notebook, never in present mode. */
  note?: boolean;
}

export interface SqlCell {
  id: string;
  kind: 'sql';
  source: string;
  /** When set, the cell's result can be queried by later cells under this name (a view). */
  name?: string;
  /** Its result as a table (default) or a chart, and the chart's kind and columns. */
  view?: SqlView;
}

/** A segmentation built from a preset's form; its SQL is generated, visible and editable. */
export interface PresetCell {
  id: string;
  kind: 'preset';
  presetId: string;
  /** The preset's parameters (JSON-serialisable). */
  params: Record<string, unknown>;
  /** The result's name: later cells and charts query the segmentation by it. */
  name: string;
  /** The user's strategy text per segment label, overriding the preset's default playbook. */
  strategies: Record<string, string>;
  /** How its results are shown: the open analysis tab and the share chart's kind. */
  view?: PresetView;
}

export interface PresetView {
  tab?: string;
  chart?: 'donut' | 'bar';
  /** The quadrant's axes: chosen from the data's skew, or linear / log for both. */
  scale?: 'auto' | 'linear' | 'log';
  /** The chart its slide shows in present mode; unset: the preset's headline chart. */
  present?: PresentChart;
  /** Its form folded away, so the results take the cell's width (a story, read by a client). */
  form?: 'hidden';
  /** The Cohorts tab's period, measure and segment, also drawn on its cohorts slide. */
  cohorts?: CohortChoice;
  /** The Segments tab shows the result as a pivot (by default the segment summary) ... */
  segments?: 'pivot';
  /** ... with these choices. */
  pivot?: PivotChoice;
}

/**
 * Predicted customer value (BG/NBD + Gamma-Gamma), fitted in the browser. Its predictions join
 * the customer features, so presets can segment by them.
 */
export interface PredictCell {
  id: string;
  kind: 'predict';
  /** The predictions table's name. */
  name: string;
  /** Last day of the calibration period, YYYY-MM-DD; empty: leave the last third as holdout. */
  calibrationEnd: string;
  unit: 'days' | 'weeks';
  horizonMonths: number;
  monthlyDiscountRate: number;
  margin: number;
  /** The purchase model; BG/NBD when absent. */
  model?: PurchaseModelKey;
  /** BG/BB's purchase opportunities: calendar months when absent. */
  period?: BgBbPeriod;
  /** Fit every purchase model and show their comparison. */
  compare?: boolean;
}

export type Cell = MarkdownCell | SqlCell | PresetCell | PredictCell;

/** Cells whose result is a named, queryable relation. */
export type ResultCell = SqlCell | PresetCell | PredictCell;

export function defaultPredictCell(id: string, name: string): PredictCell {
  return {
    id,
    kind: 'predict',
    name,
    calibrationEnd: '',
    unit: 'weeks',
    horizonMonths: 12,
    monthlyDiscountRate: 0.01,
    margin: 1,
  };
}

/** Where a loaded table came from: enough to ask for the file again, never the data itself. */
export interface TableSource {
  table: string;
  fileName: string;
  origin: 'sample' | 'file';
  /** Column names when it was loaded, so a shared notebook can say what it expects. */
  columns: string[];
  /** How the file was read when the user chose (encoding, sheet, read options), to read it the same way again. */
  choices?: ReadChoices;
  /** Cleaning steps, in order; the table as loaded stays as `<table>__raw`. */
  steps?: CleaningStep[];
  /** Its pivot view's choices, when the user opened one. */
  pivot?: PivotChoice;
}

/** How the notebook looks in present mode, besides its title: the client's logo and a subtitle. */
export interface Presentation {
  /** A `data:image/...;base64,` URL, so the notebook file carries it and nothing is fetched. */
  logo?: string;
  subtitle?: string;
}

export interface Notebook {
  version: 1;
  title: string;
  cells: Cell[];
  tables: TableSource[];
  mappings: TableMapping[];
  /** Analysis ("as of") date, YYYY-MM-DD; empty means the day after the last order. */
  asOf: string;
  /**
   * Churned = no order for more than this many days: the one definition lifecycle, the
   * scorecard, backtests and migration use. Absent: derived from the data's repeat-purchase gaps.
   */
  churnDays?: number;
  lang?: Lang;
  present?: Presentation;
  /** The table of each kind the analyses read (see `resolveInputs`). */
  inputs?: Inputs;
  /** Tables the user marked "not used": never given a kind again by guessing. */
  unused?: string[];
  /** The bundled example: dropping files into it offers a new notebook instead. */
  example?: boolean;
  /** Opened from a link or bundle and not run yet: nothing runs until the user says so. */
  review?: boolean;
}

let counter = 0;

/** A short id unique within a session; cells keep theirs across save and load. */
export function newCellId(): string {
  counter = (counter + 1) % 1_000_000;
  return `c${Date.now().toString(36)}${counter.toString(36)}`;
}

export function emptyNotebook(title: string): Notebook {
  return { version: 1, title, cells: [], tables: [], mappings: [], asOf: '' };
}
