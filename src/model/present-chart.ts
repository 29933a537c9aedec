/** The chart a segmentation shows on its slide in present mode, or only its summary table. */
export type PresentChart = 'quadrant' | 'shares' | 'scorecard' | 'geography' | 'migration' | 'none';

const ALL: readonly PresentChart[] = [
  'quadrant',
  'shares',
  'scorecard',
  'geography',
  'migration',
  'none',
];

/** The chart that tells each preset's story best, shown until the author picks another. */
const HEADLINE: Record<string, PresentChart> = {
  'value-loyalty': 'quadrant',
  rfm: 'scorecard',
  'churn-risk': 'scorecard',
  lifecycle: 'migration',
  geography: 'geography',
};

export function isPresentChart(v: unknown): v is PresentChart {
  return typeof v === 'string' && (ALL as readonly string[]).includes(v);
}

/** The charts a preset's slide can show: the quadrant only where the preset has one. */
export function presentChartChoices(presetId: string): PresentChart[] {
  return ALL.filter((c) => c !== 'quadrant' || presetId === 'value-loyalty');
}

export function headlineChart(presetId: string): PresentChart {
  return HEADLINE[presetId] ?? 'shares';
}

/** The chart the author chose for the cell's slide, else its preset's headline chart. */
export function presentChartFor(cell: {
  presetId: string;
  view?: { present?: PresentChart };
}): PresentChart {
  const chosen = cell.view?.present;
  return chosen !== undefined && presentChartChoices(cell.presetId).includes(chosen)
    ? chosen
    : headlineChart(cell.presetId);
}
