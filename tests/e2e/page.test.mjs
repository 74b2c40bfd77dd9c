// End-to-end: the single-file page from file://, paste, markup through the
// test hook, a screenshot, zero network requests, no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, paste, settle, seedArticle, outDir } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function checkSpans(doc) {
  const cps = Array.from(doc.text);  // code points
  for (const m of doc.mentions) assert.equal(cps.slice(m.start, m.end).join(''), m.text, `mention ${m.start}-${m.end}`);
  for (const q of doc.quotes)
    for (const [a, b] of q.content_spans) assert.ok(0 <= a && a < b && b <= cps.length, `quote ${q.id} in range`);
}

test('opens on the sample article, offline', async () => {
  const { context, page, seen } = await openPage(browser);
  const doc = JSON.parse(await page.evaluate(() => window.whosaid.documentJson()));
  assert.equal(doc.schema, 'whosaid/1');
  assert.match(doc.text, /Vellmar/);
  assert.ok(doc.mentions.length > 5 && doc.quotes.length > 3);
  await settle(page);
  const drawn = await page.evaluate(() => window.whosaid.debug());
  assert.ok(drawn.highlights > 0, 'actors are highlighted');
  assert.ok(drawn.underlines > 0, 'claims are underlined');
  await page.screenshot({ path: `${outDir}/sample.png` });
  assert.deepEqual(seen.requests, [], 'no network requests');
  assert.deepEqual(seen.errors, [], 'no console errors');
  await context.close();
});

test('paste an article: markup, screenshot, no network', async () => {
  const { context, page, seen } = await openPage(browser);
  const article = seedArticle();
  await paste(page, article);
  const doc = JSON.parse(await page.evaluate(() => window.whosaid.documentJson()));
  assert.equal(doc.text, article.replace(/\r\n?/g, '\n'));
  const minMentions = article.includes('Vellmar') ? 10 : 20;  // the team's sample is shorter than the seed
  assert.ok(doc.mentions.length >= minMentions, `mentions found: ${doc.mentions.length}`);
  assert.ok(doc.quotes.length >= 5, `quotes found: ${doc.quotes.length}`);
  checkSpans(doc);
  // The hook gives the same JSON as a direct annotate() call.
  const again = await page.evaluate((t) => window.whosaid.annotate(t), article);
  assert.equal(again, JSON.stringify(doc));
  await settle(page);
  await page.screenshot({ path: `${outDir}/pasted.png` });
  assert.deepEqual(seen.requests, [], 'no network requests');
  assert.deepEqual(seen.errors, [], 'no console errors');
  await context.close();
});

test('bad input keeps the previous article and says why', async () => {
  const { context, page, seen } = await openPage(browser);
  const before = await page.evaluate(() => window.whosaid.documentJson());
  // Over the 16 MB limit: refused with a message, previous document kept.
  const err = await page.evaluate(() => { try { window.whosaid.annotate('x '.repeat(9 << 20)); return null; } catch (e) { return e.message; } });
  assert.match(err, /text too large/);
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), before);
  const status = await page.evaluate(() => window.whosaid.status());  // the canvas message, mirrored in the DOM
  assert.equal(status.error, true);
  assert.match(status.text, /text too large.*previous article is kept/);
  // Unbalanced quotes, NUL, lone surrogate: no crash, valid document.
  const odd = '“never closed \u0000 \uD800 «« " \n\n„ and more';
  const doc = JSON.parse(await page.evaluate((t) => window.whosaid.annotate(t), odd));
  assert.equal(doc.schema, 'whosaid/1');
  assert.deepEqual(seen.errors, []);
  await context.close();
});
