import { version } from '../../package.json';

/** Written into bundles, so a file says which SegLab made it. */
export const CREATED_WITH = `SegLab ${version}`;
