/**
 * The opacity of a mark: dimmed when another one is selected (linked charts). Always encoded, so
 * a selection changes only the data and the chart updates in place.
 */
export const SELECTED_OPACITY = {
  field: 'selected_opacity',
  type: 'quantitative',
  scale: null,
} as const;

export function selectedOpacity(key: string, selected: string | undefined): number {
  return selected === undefined || key === selected ? 1 : 0.3;
}
