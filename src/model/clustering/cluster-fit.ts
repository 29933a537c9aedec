/** What a clustering is fitted from: the user's choices. */
export interface ClusterSettings {
  /** Columns of the features table, in order. */
  features: string[];
  /** Whether each feature is taken as sign(x)·ln(1 + |x|) before standardising. */
  log: boolean;
  seed: number;
  restarts: number;
}

/** One k's clusters: centroids in standardised units, one row per cluster in segment order. */
export interface ClusterSolution {
  k: number;
  centroids: number[][];
  /** Sum of squared distances to the centroids, in standardised units, over the fitted customers. */
  inertia: number;
  /** Mean silhouette, −1..1: higher is better separated. */
  silhouette: number;
}

/** A fitted clustering: everything its SQL needs, and the silhouette curve. */
export interface ClusterFit extends ClusterSettings {
  /** Per feature: the mean and standard deviation of the (logged) values it was fitted on. */
  center: number[];
  scale: number[];
  /** k = 2..8 (fewer with very few customers). */
  solutions: ClusterSolution[];
  /** The k of highest silhouette. */
  bestK: number;
  /** Customers with every chosen feature (clustered), and without (not clustered). */
  customers: number;
  notClustered: number;
  /** The size of the fixed-seed sample the centroids were fitted on, when not all customers. */
  fitSample: number | null;
  /** The size of the fixed-seed sample silhouettes were measured on, when not all. */
  silhouetteSample: number | null;
  /** The analysis date of the features it was fitted on (set by the app). */
  asOf?: string;
}

/** The smallest and largest k tried. */
export const K_RANGE = { min: 2, max: 8 } as const;

/** Silhouettes are exact up to this many customers, and on a sample of this many beyond. */
export const SILHOUETTE_SAMPLE = 3000;

/** Centroids are fitted on all customers up to this many, and on a sample of this many beyond. */
export const FIT_SAMPLE = 20_000;
