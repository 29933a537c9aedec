import { serveDist as serve } from '../../scripts/serve-dist.mjs';

export type StaticServer = Awaited<ReturnType<typeof serve>>;

/**
 * The production build served under a sub-path, as a static host would (see
 * scripts/serve-dist.mjs). SEGLAB_DIST points the tests at another build, e.g. one made while
 * dist/ is in use.
 */
export function serveDist(
  dist: string,
  options: { base?: string; isolated?: boolean; csp?: boolean } = {},
): Promise<StaticServer> {
  return serve(process.env.SEGLAB_DIST ?? dist, options);
}
