// The same CLI compiled to WebAssembly runs under Node and prints exactly what
// the native CLI prints; the single-file page stays within its size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { root, pagePath } from './browser.mjs';

const native = resolve(root, 'build/native/shell/whosaid');
const wasm = resolve(root, 'build/wasm/shell/whosaid.js');
const sample = resolve(root, 'assets/sample.txt');

test('WASM CLI under Node matches the native CLI', () => {
  const a = execFileSync(native, ['annotate', sample], { encoding: 'utf8' });
  const b = execFileSync(process.execPath, [wasm, 'annotate', sample], { encoding: 'utf8' });
  assert.equal(b, a);
  const doc = JSON.parse(a);
  assert.equal(doc.schema, 'whosaid/1');
  assert.ok(doc.mentions.length > 0 && doc.quotes.length > 0);
});

test('WASM CLI reads --jsonl from stdin', () => {
  const input = JSON.stringify({ id: 'n1', text: 'Mayor Ana Lopes said “we will wait”.' }) + '\n';
  const out = execFileSync(process.execPath, [wasm, 'annotate', '--jsonl', '-'], { input, encoding: 'utf8' });
  const doc = JSON.parse(out.trim());
  assert.equal(doc.id, 'n1');
  assert.equal(doc.quotes.length, 1);
});

test('the page is one file of at most 5 MB (the models included)', () => {
  const size = statSync(pagePath).size;
  assert.ok(size <= 5_000_000, `page is ${size} bytes`);
});
