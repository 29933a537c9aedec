import { describe, expect, it } from 'vitest';
import { NotebookState, type NotebookSpill } from '../../../src/state/NotebookState.svelte';
import { MemoryStorage } from '../../support/workspace';

/** localStorage with a quota, as browsers have (about 5 MB per origin); throws like them. */
class QuotaStorage extends MemoryStorage {
  constructor(private readonly limit: number) {
    super();
  }
  override setItem(key: string, value: string) {
    if (value.length > this.limit) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    super.setItem(key, value);
  }
}

/** IndexedDB's part, in memory; `fail` makes writes reject. */
class MemorySpill implements NotebookSpill {
  text: string | null = null;
  fail: Error | null = null;
  async write(text: string) {
    if (this.fail) throw this.fail;
    this.text = text;
  }
  async read() {
    return this.text;
  }
}
const memorySpill = () => new MemorySpill();

/** A notebook of `cells` SQL cells of `size` characters each. */
function fill(state: NotebookState, cells: number, size: number) {
  for (let i = 0; i < cells; i++) state.addCell('sql', i, `-- ${i}\n${'x'.repeat(size)}`);
}

describe('NotebookState autosave', () => {
  it('a notebook too large for localStorage is saved in IndexedDB and restored from it', async () => {
    const storage = new QuotaStorage(2_500_000);
    const spill = memorySpill();
    const state = new NotebookState(storage, spill);
    fill(state, 30, 99_000); // about 3 M characters
    state.saveNow();
    await state.saving;
    expect(state.saveError).toBeNull();
    expect(storage.getItem('seglab.notebook')).toBeNull();
    expect(spill.text!.length).toBeGreaterThan(2_900_000);

    const again = new NotebookState(storage, spill);
    const restored = await again.restore();
    expect(restored?.cells).toHaveLength(30);
    expect(restored?.cells[29]).toMatchObject({ source: `-- 29\n${'x'.repeat(99_000)}` });

    // Smaller again: back in localStorage, and the large copy is let go.
    again.replace(restored!);
    again.notebook.cells.splice(1);
    again.saveNow();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(again.saveError).toBeNull();
    expect(spill.text).toBe('');
    expect((await new NotebookState(storage, spill).restore())?.cells).toHaveLength(1);
  });

  it('a save that fails is reported until one succeeds', async () => {
    const storage = new QuotaStorage(1000);
    const spill = memorySpill();
    spill.fail = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const state = new NotebookState(storage, spill);
    fill(state, 1, 2000);
    state.saveNow();
    await state.saving;
    expect(state.saveError).toEqual({
      tooLarge: false,
      message: 'The quota has been exceeded.',
    });
    spill.fail = null;
    state.saveNow();
    await state.saving;
    expect(state.saveError).toBeNull();
  });

  it('without IndexedDB, a full localStorage is reported, not ignored', () => {
    const state = new NotebookState(new QuotaStorage(1000));
    fill(state, 1, 2000);
    state.saveNow();
    expect(state.saveError?.message).toBe('The quota has been exceeded.');
  });

  it('a notebook past the notebook limits keeps the last version that fits, and says why', async () => {
    const storage = new MemoryStorage();
    const state = new NotebookState(storage, memorySpill());
    fill(state, 1, 10);
    state.saveNow();
    state.addCell('sql', 1, 'y'.repeat(150_000));
    state.saveNow();
    expect(state.saveError).toEqual({ tooLarge: true, message: 'cell 2 has 150000 characters' });
    expect((await new NotebookState(storage).restore())?.cells).toHaveLength(1);
  });

  it('checks and stores a large notebook in a later task; a newer save supersedes it', async () => {
    const storage = new MemoryStorage();
    const spill = memorySpill();
    const writes: number[] = [];
    const write = spill.write.bind(spill);
    spill.write = (text: string) => {
      writes.push(text.length);
      return write(text);
    };
    const state = new NotebookState(storage, spill);
    fill(state, 12, 99_000); // about 1.2 M characters: past localStorage's share
    state.saveNow();
    // Nothing stored in the task that asked.
    expect(writes).toEqual([]);
    state.addCell('markdown', 12, '# later');
    state.saveNow();
    await state.saving;
    // Only the newer notebook was written, once.
    expect(writes).toHaveLength(1);
    expect((await new NotebookState(storage, spill).restore())?.cells).toHaveLength(13);
    // A page being left cannot wait for a later task: the write starts before any timer runs.
    state.addCell('markdown', 13, '# leaving');
    state.saveNow(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(writes).toHaveLength(2);
    await state.saving;
    expect((await new NotebookState(storage, spill).restore())?.cells).toHaveLength(14);
  });

  it('a large notebook past the limits is not stored, and says why', async () => {
    const storage = new MemoryStorage();
    const spill = memorySpill();
    const state = new NotebookState(storage, spill);
    fill(state, 1, 10);
    state.saveNow();
    fill(state, 12, 99_000);
    state.addCell('sql', 0, 'y'.repeat(150_000));
    state.saveNow();
    await state.saving;
    expect(state.saveError).toEqual({ tooLarge: true, message: 'cell 1 has 150000 characters' });
    expect(spill.text).toBeNull();
    expect((await new NotebookState(storage, spill).restore())?.cells).toHaveLength(1);
  });

  it('a read-only tab writes nothing', async () => {
    const storage = new MemoryStorage();
    const state = new NotebookState(storage);
    state.readOnly = true;
    fill(state, 1, 10);
    state.saveNow();
    expect(storage.getItem('seglab.notebook')).toBeNull();
  });
});
