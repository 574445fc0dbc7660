import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPlainCsv, parseCsvEach, parseCsvRows } from './input-files.js';

test('parseCsvEach reads every text as csv-parse does, plain texts (split directly) included (property)', () => {
  // Characters csv-parse treats specially (quote, CR, LF, comma, BOM, whitespace it trims, a lone surrogate) and plain ones.
  const char = fc.constantFrom('a', 'b', '1', '.', ':', '-', ' ', ' ', ',', ',', '\n', '\n', '"', '\r', '\t', '\u00a0', '\ufeff', '\u2028', '\u3000', 'é', '\ud800');
  let plain = 0;
  fc.assert(
    fc.property(fc.array(char, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
      let want: string[][] | Error;
      try {
        want = parseCsvRows(text, 'x.csv');
      } catch (e) {
        want = e as Error;
      }
      if (isPlainCsv(text)) plain++;
      let got: string[][] | Error;
      try {
        got = parseCsvEach(text, 'x.csv', (r) => r);
      } catch (e) {
        got = e as Error;
      }
      if (want instanceof Error || got instanceof Error) assert.equal(String(got), String(want));
      else assert.deepEqual(got, want);
    }),
    { numRuns: 3000, seed: 9 },
  );
  assert.ok(plain > 300, `only ${plain} plain texts drawn`);
});

test('isPlainCsv: the Philly layout is plain; quotes, CR, BOM and edge whitespace are not', () => {
  assert.equal(isPlainCsv('timestamp,duration\n2017-10-09 07:01:55,66.0\n'), true);
  for (const t of ['a,"b"\n', 'a,b\r\n', '\ufeffa,b', 'a, b', 'a ,b', 'a,b \n', ' a', 'a\n\tb', 'a\ud800']) assert.equal(isPlainCsv(t), false, JSON.stringify(t));
});
