/** How far a model fit is; sent to `onProgress` after every optimiser iteration. */
export interface FitProgress {
  iteration: number;
  /** Likelihood evaluations so far. */
  evaluations: number;
  /** The best log-likelihood so far. */
  logLikelihood: number;
}

/** Options shared by the model fits. Fits are pure, so they can run in a Web Worker. */
export interface FitOptions {
  /** Called after every optimiser iteration, e.g. to post progress from a worker. */
  onProgress?: (progress: FitProgress) => void;
  /** Cap on optimiser iterations. Default 5,000. */
  maxIterations?: number;
}
