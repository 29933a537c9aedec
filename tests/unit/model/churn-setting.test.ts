import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../../src/io/bundle-file';
import { emptyNotebook, type Notebook } from '../../../src/model/notebook';
import { parseNotebook, serializeNotebook } from '../../../src/io/notebook-file';
import { readShareFragment, shareFragment } from '../../../src/io/share-link';

const withDays: Notebook = { ...emptyNotebook('churn'), churnDays: 120 };

describe("the notebook's churn threshold", () => {
  it('survives a reload, a share link and a bundle', () => {
    expect(parseNotebook(serializeNotebook(withDays)).churnDays).toBe(120);
    expect(readShareFragment(shareFragment(withDays)).churnDays).toBe(120);
    const bundle = { notebook: withDays, createdWith: 'test', tables: [] };
    expect(readBundle(writeBundle(bundle)).notebook.churnDays).toBe(120);
  });

  it('is left to the data when absent or not a whole number of days from 1 to 36500', () => {
    expect(parseNotebook(serializeNotebook(emptyNotebook('x'))).churnDays).toBeUndefined();
    for (const bad of [0, -5, 1.5, '90', 36_501, null]) {
      const text = serializeNotebook({ ...emptyNotebook('x'), churnDays: bad as number });
      expect(parseNotebook(text).churnDays).toBeUndefined();
    }
  });

  it("adopts a lifecycle cell's own threshold from a notebook saved before the setting", () => {
    const old = {
      ...emptyNotebook('old'),
      cells: [
        {
          id: 'l',
          kind: 'preset' as const,
          presetId: 'lifecycle',
          params: { churnDays: 200 },
          name: 'stages',
          strategies: {},
        },
      ],
    };
    expect(parseNotebook(serializeNotebook(old)).churnDays).toBe(200);
    // The notebook's own setting wins over the cell's.
    expect(parseNotebook(serializeNotebook({ ...old, churnDays: 90 })).churnDays).toBe(90);
  });
});
