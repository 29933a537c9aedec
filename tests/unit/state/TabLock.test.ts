import { describe, expect, it } from 'vitest';
import { TabLock, type Locks } from '../../../src/state/TabLock.svelte';
import { MemoryLocks } from '../../support/memory-locks';

describe('TabLock', () => {
  it('the first tab has the notebook, the second not; Take over swaps them', async () => {
    const locks = new MemoryLocks();
    const first = new TabLock(locks);
    const second = new TabLock(locks);
    let lost = 0;
    first.onLost = () => lost++;
    expect(await first.acquire()).toBe(true);
    expect(await second.acquire()).toBe(false);
    expect(second.held).toBe(false);
    expect(await second.takeOver()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([first.held, second.held, lost]).toEqual([false, true, 1]);
    second.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await new TabLock(locks).acquire()).toBe(true);
  });

  it('without Web Locks, or when they are refused, the tab writes', async () => {
    expect(await new TabLock(undefined).acquire()).toBe(true);
    const refusing: Locks = {
      request: () => Promise.reject(new DOMException('no locks here', 'SecurityError')),
    };
    const tab = new TabLock(refusing);
    expect(await tab.acquire()).toBe(true);
    expect(tab.held).toBe(true);
  });
});
