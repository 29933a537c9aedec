import { expect, it } from 'vitest';
import { skipLines } from '../../../src/ingest/skip-lines';

it('skipLines leaves out the first lines, whatever ends them', () => {
  expect(skipLines('a\r\nb\nc\rd', 0)).toBe('a\r\nb\nc\rd');
  expect(skipLines('a\r\nb\nc\rd', 1)).toBe('b\nc\rd');
  expect(skipLines('a\r\nb\nc\rd', 3)).toBe('d');
  expect(skipLines('a\r\nb\nc\rd', 9)).toBe('');
});
