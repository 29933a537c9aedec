// How amounts are written: shared by the JS parser (ingest/parse-amount.ts) and the SQL that
// reads the same way (sql/amount-rule.ts), so the two agree.

export const FULL_WIDTH = '０１２３４５６７８９．，－＋（）％−';
export const HALF_WIDTH = '0123456789.,-+()%-';
/** Currency marks, and spaces of every width (some locales group thousands with them). */
export const NOISE = "RMB|CNY|USD|EUR|GBP|HKD|[¥￥$£€元 \t\r\n\u00a0\u2009\u202f\u3000']";

const numberRegex = (d: '.' | ',') => {
  const [dec, group] = d === '.' ? ['[.]', ','] : [',', '[.]'];
  const n = `([0-9]{1,3}(${group}[0-9]{3})+|[0-9]+)(${dec}[0-9]*)?|${dec}[0-9]+`;
  return `[+-]?(?:${n})|[(](?:${n})[)]`;
};
export const VALID = { '.': numberRegex('.'), ',': numberRegex(',') };
