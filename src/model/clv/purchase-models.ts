import {
  CONTINUOUS_MODELS,
  isContinuousModel,
  modelLabel,
  type PurchaseModelFit,
} from './continuous-models';

/** Every purchase model the Predict cell offers: the continuous ones and discrete-time BG/BB. */
export const PURCHASE_MODELS = [...CONTINUOUS_MODELS, 'bgbb'] as const;
export type PurchaseModelKey = (typeof PURCHASE_MODELS)[number];

export function isPurchaseModel(v: unknown): v is PurchaseModelKey {
  return (PURCHASE_MODELS as readonly unknown[]).includes(v);
}

export function purchaseModelLabel(model: PurchaseModelKey): string {
  return isContinuousModel(model) ? modelLabel(model) : 'BG/BB';
}

/** The calendar periods BG/BB bins orders into, as purchase opportunities. */
export const BGBB_PERIODS = ['month', 'quarter', 'year'] as const;
export type BgBbPeriod = (typeof BGBB_PERIODS)[number];

export const PERIOD_MONTHS: Record<BgBbPeriod, number> = { month: 1, quarter: 3, year: 12 };

export function isBgBbPeriod(v: unknown): v is BgBbPeriod {
  return (BGBB_PERIODS as readonly unknown[]).includes(v);
}

/** A fitted BG/BB model, in the shape of the continuous fits; times are whole periods. */
export interface BgBbModelFit extends Omit<PurchaseModelFit, 'model'> {
  model: 'bgbb';
  period: BgBbPeriod;
}

export type AnyPurchaseFit = PurchaseModelFit | BgBbModelFit;
