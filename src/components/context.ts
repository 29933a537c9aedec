import { getContext, setContext } from 'svelte';
import type { Workspace } from '../state/Workspace.svelte';

const KEY = Symbol('workspace');

export function provideWorkspace(ws: Workspace): void {
  setContext(KEY, ws);
}

export function useWorkspace(): Workspace {
  return getContext<Workspace>(KEY);
}
