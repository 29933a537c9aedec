import { expect, it } from 'vitest';
import { parseReadChoices } from '../../../src/model/read-choices';

it('parseReadChoices keeps valid read options and drops damaged ones', () => {
  expect(
    parseReadChoices({
      encoding: 'gb18030',
      delimiter: 'whitespace',
      header: false,
      skip: 2,
      decimalComma: true,
      quote: "'",
    }),
  ).toEqual({
    encoding: 'gb18030',
    delimiter: 'whitespace',
    header: false,
    skip: 2,
    decimalComma: true,
    quote: "'",
  });
  expect(
    parseReadChoices({ delimiter: ':', header: 'no', skip: -1, quote: '""', sheet: 3 }),
  ).toEqual({});
  expect(parseReadChoices({ skip: 1.5 })).toEqual({});
});
