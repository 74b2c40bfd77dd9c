// The same CLI compiled to WebAssembly runs under Node and prints exactly what
// the native CLI prints; the single-file page stays within its size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { root, pagePath } from './browser.mjs';
import { encode, decode } from '../../web/pack.mjs';

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

// One output everywhere (issue 18): "the campaign" went to one entity natively
// and to another in WebAssembly, since a loop took the last match in a hash
// table, whose order is the C++ library's. Every document of the shared dev
// sets, their concatenations (longer texts, more ties) and bad input must give
// byte-identical output. The dev sets are read at test time, never copied.
// stdout, with the exit status and stderr after it: all three must agree
const both = (args, input) => [native, null].map((exe) => {
  const r = spawnSync(exe || process.execPath, exe ? args : [wasm, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  return r.stdout + `\n-- exit ${r.status}\n` + r.stderr;
});

test('native and WASM give byte-identical JSON on the dev sets and their concatenations', { timeout: 600000 }, (t) => {
  const sets = ['polnear/dev.jsonl', 'conll2003/dev.docs.jsonl'].map((f) => resolve(root, '../shared/data', f)).filter(existsSync);
  if (!sets.length) { t.skip('../shared/data is absent'); return; }
  for (const set of sets) {
    const lines = readFileSync(set, 'utf8').split('\n').filter((l) => l.trim());
    const texts = lines.map((l) => JSON.parse(l).text);
    const joined = [];  // six or twenty documents at a time, and all of them
    const step = texts.length > 100 ? 20 : 6;
    for (let k = 0; k < texts.length; k += step) joined.push(JSON.stringify({ id: `joined-${k}`, text: texts.slice(k, k + step).join('\n\n') }));
    joined.push(JSON.stringify({ id: 'all', text: texts.join('\n\n') }));
    for (const input of [lines.join('\n') + '\n', joined.join('\n') + '\n']) {
      const [a, b] = both(['annotate', '--jsonl', '--error-lines', '-'], input);
      assert.match(a, /\n-- exit 0\n$/);
      const na = a.split('\n'), nb = b.split('\n');
      assert.equal(nb.length, na.length, `${set}: as many records`);
      for (let i = 0; i < na.length; i++) {
        if (na[i] !== nb[i]) assert.fail(`${set}: record ${i + 1} (${na[i].slice(0, 80)}) differs between native and WASM`);
      }
    }
  }
});

test('native and WASM give byte-identical output on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'whosaid-bad-'));
  try {
    const cases = {
      'invalid-utf8.txt': Buffer.from([0x41, 0x6e, 0x61, 0x20, 0xff, 0xfe, 0x20, 0x73, 0x61, 0x69, 0x64, 0x20, 0xe2, 0x80, 0x20, 0x68, 0x69, 0x2e]),
      'nul-cr.txt': 'Mayor Ana Lopes\0 said\r\n“we will\rwait.”\r\n\0',
      'unbalanced.txt': '“'.repeat(300) + ' Ana said ' + '”'.repeat(299) + ' "open ‘half',
      'separators.txt': '“We will build\u2028the bridge,” Mayor Ana\u000bLopes said.\u0085“Late\fand costly,” said Ben Okafor.\u2029Officials said so.',
      'rtl-emoji.txt': 'قال أحمد “مرحبا” 👩‍👩‍👧 Ana said “👍🏽 fine”, officials told the ‮reversed‬ press.',
      'long-line.txt': 'Ana Lopes said the council would vote, '.repeat(3000),
      'empty.txt': '',
      'spaces.txt': ' \t \n\n \u00a0\u200b ',
      'comment.html': '<p>Ana Lopes <!--> said “the bridge is open”.</p><!-- a --!><p>Ben said no.</p>',
    };
    const files = [];
    for (const [name, data] of Object.entries(cases)) { writeFileSync(join(dir, name), data); files.push(join(dir, name)); }
    for (const sub of ['annotate', 'html', 'json']) {
      const corpus = resolve(root, 'tests/fuzz/corpus', sub);
      for (const f of readdirSync(corpus)) { const to = join(dir, `${sub}-${f}`); writeFileSync(to, readFileSync(join(corpus, f))); files.push(to); }
    }
    for (const format of ['json', 'brat', 'conll', 'html']) {
      const [a, b] = both(['annotate', '--format', format, ...files]);
      assert.ok(a.length > 0);
      assert.equal(b, a, `--format ${format}: native and WASM differ`);
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the page is one file of at most 5 MB (the models included)', () => {
  const size = statSync(pagePath).size;
  assert.ok(size <= 5_000_000, `page is ${size} bytes`);
});

// The page holds the wasm packed 7 bits a character (web/pack.mjs): what the
// HTML parser hands the page's script must unpack to the very module built.
test('the wasm block of the page unpacks to the built module', () => {
  const page = readFileSync(pagePath, 'utf8');
  const open = '<script id="whosaid-wasm" type="application/octet-stream">';
  const at = page.indexOf(open);
  assert.ok(at >= 0);
  const text = page.slice(at + open.length, page.indexOf('</script>', at));
  for (const bad of ['\0', '\r', '<']) assert.ok(!text.includes(bad), `the block holds ${JSON.stringify(bad)}`);
  const built = readFileSync(resolve(root, 'build/wasm/web/whosaid_web.wasm'));
  assert.ok(Buffer.from(gunzipSync(decode(text))).equals(built));
  assert.ok(text.length < built.length, 'packed and gzipped, the module is smaller than built');
});

test('the packing round-trips every byte, the escaped ones and the last bits', () => {
  const cases = [[], [0], [0x3c], [0x0d, 0x0d], [0xff, 0x00, 0x3c, 0x0d], Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)];
  for (let n = 1; n <= 64; n++) cases.push(new Array(n).fill(0), new Array(n).fill(0x78));  // 0x78 << 1: "<" and NUL groups
  for (const c of cases) {
    const bytes = Buffer.from(c);
    const text = encode(bytes).toString('utf8');
    assert.ok(!/[\0\r<]/.test(text));
    assert.ok(Buffer.from(decode(text)).equals(bytes), `round trip of ${c.length} bytes`);
  }
});
