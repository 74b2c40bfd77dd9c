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

// Tighter CSP (issue 18): no 'unsafe-eval', and inline script only by hash.
// The page's own scripts run (it starts); one that was not there when the page
// was built, or a string turned into code, is refused.
test('the CSP allows the page’s own scripts by hash, and no eval', async () => {
  const { context, page, seen } = await openPage(browser);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  assert.doesNotMatch(scriptSrc, /'unsafe-eval'|'unsafe-inline'/, scriptSrc);
  assert.match(scriptSrc, /^script-src ('sha256-[A-Za-z0-9+/]{43}=' )+'wasm-unsafe-eval'$/, scriptSrc);
  const hashes = scriptSrc.match(/sha256-[^']+/g);
  assert.equal(hashes.length, await page.evaluate(() => document.querySelectorAll('script:not([type])').length), 'one hash per inline script');
  // (DevTools lets its own evaluation use eval: the attempts run later, from a message event)
  await page.evaluate(() => {
    window.addEventListener('message', (m) => {
      if (m.data !== 'csp-probe') return;
      const out = {};
      try { out.eval = String(eval('1 + 1')); } catch (e) { out.eval = e.name; }
      try { out.fn = String(new Function('return 2')()); } catch (e) { out.fn = e.name; }
      setTimeout('window.__timer = true', 0);
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true;';
      document.body.appendChild(s);
      window.__probe = out;
    });
    window.postMessage('csp-probe', '*');
  });
  await page.waitForFunction(() => window.__probe);
  await page.waitForTimeout(100);
  const tried = await page.evaluate(() => ({ ...window.__probe, timer: window.__timer === true, injected: window.__injected === true }));
  assert.deepEqual(tried, { eval: 'EvalError', fn: 'EvalError', timer: false, injected: false });
  assert.deepEqual(seen.requests, []);
  // the refusals are reported on the console; nothing else is
  assert.deepEqual(seen.errors.filter((e) => !/Content Security Policy/.test(e)), []);
  await context.close();
});
