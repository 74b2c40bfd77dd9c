// End-to-end through the canvas UI: hover links, keyboard walk, hand
// corrections that survive a reload, export, file drop, the accessible mirror.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launch, openPage, paste, settle, seedArticle, outDir, root } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const docOf = async (page) => JSON.parse(await page.evaluate(() => window.whosaid.documentJson()));

// Scrolls claim i into view and waits for the smooth scroll to settle; returns its point.
async function claimPoint(page, i) {
  let p = null;
  for (let k = 0; k < 40; k++) {
    p = await page.evaluate((q) => window.whosaid.claimPoint(q), i);
    if (p && p.visible) {
      await settle(page);
      const again = await page.evaluate((q) => window.whosaid.claimPoint(q), i);
      if (Math.abs(again.y - p.y) < 1) return again;
    }
    await settle(page);
  }
  return p;
}

test('hover a claim: a link to its source is drawn, with details', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, seedArticle());
  const doc = await docOf(page);
  const qi = doc.quotes.findIndex((q) => q.source);
  assert.ok(qi >= 0, 'some claim has a source');
  const p = await claimPoint(page, qi);
  assert.ok(p && p.visible, 'claim scrolled into view');
  await page.mouse.move(p.x, p.y);
  await settle(page);
  await settle(page);
  const drawn = await page.evaluate(() => window.whosaid.debug());
  assert.equal(drawn.hoveredQuote, qi);
  assert.ok(drawn.links >= 1, 'a link is drawn');
  await page.screenshot({ path: `${outDir}/hover.png` });
  // J and K walk the claims (Tab moves the focus through the controls), Esc clears
  await page.keyboard.press('j');
  await settle(page);
  assert.equal((await page.evaluate(() => window.whosaid.debug())).selectedQuote, 0);
  await page.keyboard.press('j');
  await settle(page);
  assert.equal((await page.evaluate(() => window.whosaid.debug())).selectedQuote, 1);
  await page.keyboard.press('k');
  await page.keyboard.press('j');
  await settle(page);
  assert.equal((await page.evaluate(() => window.whosaid.debug())).selectedQuote, 1);
  // the claim is read out: its words, then who said it
  assert.match((await page.evaluate(() => window.whosaid.announced)).at(-1), /^Claim 2 of \d+, .*said by /);
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal((await page.evaluate(() => window.whosaid.debug())).selectedQuote, -1);
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a correction and the text survive a reload; export gives valid JSON', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, seedArticle());
  const doc = await docOf(page);
  assert.ok(doc.quotes.length > 0 && doc.mentions.length > 1);
  // Give claim 0 the speaker of the last name mention in the text.
  const mi = doc.mentions.length - 1;
  assert.ok(await page.evaluate((m) => window.whosaid.reassignSpeaker(0, m), mi));
  const corrected = await docOf(page);
  assert.equal(corrected.quotes[0].why, 'corrected by hand');
  assert.equal(corrected.quotes[0].source_text, doc.mentions[mi].text);
  assert.deepEqual(corrected.edits.map((e) => e.op), ['claim.source']);

  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  const restored = await docOf(page);
  assert.equal(restored.text, doc.text, 'text restored');
  assert.equal(restored.quotes[0].why, 'corrected by hand', 'correction restored');
  assert.deepEqual(restored.edits, corrected.edits);

  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.whosaid.export('json'))]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(exported.schema, 'whosaid/1');
  assert.equal(exported.text, doc.text);
  assert.equal(exported.quotes[0].why, 'corrected by hand');
  // The other formats come out of the same menu.
  const [handout] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.whosaid.export('html'))]);
  const html = readFileSync(await handout.path(), 'utf8');
  assert.match(html, /<!doctype html>/i);
  assert.doesNotMatch(html, /<script/i);
  assert.equal(handout.suggestedFilename(), 'whosaid.html');
  const [webanno] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.whosaid.export('webanno'))]);
  const wa = JSON.parse(readFileSync(await webanno.path(), 'utf8'));
  assert.ok(JSON.stringify(wa).includes('TextPositionSelector'));
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());
  await context.close();
});

test('drop an HTML file: its article text is annotated; a binary file is refused', async () => {
  const { context, page, seen } = await openPage(browser);
  const html = '<html><head><script>document.title="x"</script><style>p{}</style></head><body><nav>Home · World</nav>' +
    '<article><h1>Harbour plan approved</h1><p>“We have waited long enough,” said Mayor Ana Lopes on Monday.</p>' +
    '<p>The Port Authority said it would start work in May.</p></article><footer>© Gazette</footer></body></html>';
  const drop = (name, type, content) => page.evaluate(([n, t, c]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([typeof c === 'string' ? c : new Uint8Array(c)], n, { type: t }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, type, content]);
  await drop('story.html', 'text/html', html);
  await page.waitForFunction(() => JSON.parse(window.whosaid.documentJson()).text.startsWith('Harbour plan approved'));
  const doc = await docOf(page);
  assert.equal(doc.text, 'Harbour plan approved\n\n“We have waited long enough,” said Mayor Ana Lopes on Monday.\n\nThe Port Authority said it would start work in May.');
  assert.ok(doc.quotes.length >= 1);
  await settle(page);
  await page.screenshot({ path: `${outDir}/dropped.png` });

  await drop('photo.png', 'image/png', [0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0, 0, 0]);
  await page.waitForFunction(() => document.getElementById('message').textContent.includes('does not look like text'));
  assert.equal((await docOf(page)).text, doc.text, 'previous article kept');
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the accessible mirror carries the markup and the ledger', async () => {
  const { context, page } = await openPage(browser);
  await paste(page, seedArticle());
  await page.waitForFunction(() => document.querySelectorAll('#mirror-article mark').length > 0);
  const doc = await docOf(page);
  const mirror = await page.evaluate(() => ({
    text: document.getElementById('mirror-article').textContent,
    marks: document.querySelectorAll('#mirror-article mark').length,
    inText: new Set(Array.from(document.querySelectorAll('#mirror-article [data-claim]')).map((e) => e.dataset.claim)).size,
    items: Array.from(document.querySelectorAll('#mirror-claims > li')).map((li) => ({
      text: li.textContent, desc: document.getElementById(li.getAttribute('aria-describedby'))?.textContent, label: li.getAttribute('aria-label') })),
    rows: document.querySelectorAll('#mirror-ledger tbody tr').length,
    paragraphs: document.querySelectorAll('#mirror-article > p').length,
    labelled: Array.from(document.querySelectorAll('#mirror [aria-label]')).map((e) => e.tagName),
    activedescendant: document.getElementById('canvas').getAttribute('aria-activedescendant'),
    headings: Array.from(document.querySelectorAll('#mirror h1, #mirror h2')).map((h) => h.textContent),
  }));
  assert.equal(mirror.text, doc.text);
  assert.ok(mirror.marks >= doc.mentions.length * 0.9);
  assert.equal(mirror.inText, doc.quotes.length);
  assert.ok(mirror.rows > 0);
  assert.ok(mirror.paragraphs > 3, 'the article in paragraphs');
  assert.deepEqual(mirror.headings.slice(1), ['Article', 'Claims', 'Sources']);
  // each claim is an item: its own words are read, and who said it is its description, not a replacement
  assert.equal(mirror.items.length, doc.quotes.length);
  const cps = Array.from(doc.text);
  doc.quotes.forEach((q, i) => {
    assert.equal(mirror.items[i].text, q.content_spans.map(([a, b]) => cps.slice(a, b).join('')).join(' … '));
    assert.equal(mirror.items[i].label, null);
    assert.match(mirror.items[i].desc, /^said by .+; .*confidence \d+ %/);
  });
  // actors keep their words too ("he" stays "he"); nothing points outside the canvas
  const pronoun = await page.evaluate(() => Array.from(document.querySelectorAll('#mirror-article mark')).map((m) => [m.textContent, m.getAttribute('aria-label'), m.getAttribute('aria-description')]));
  assert.ok(pronoun.every(([, label, desc]) => label === null && desc));
  assert.deepEqual(mirror.labelled, []);
  assert.equal(mirror.activedescendant, null);
  // a valid accessible document: ids unique, every reference resolves, lists hold items, the table has headers
  const valid = await page.evaluate(() => {
    const ids = Array.from(document.querySelectorAll('[id]')).map((e) => e.id);
    const refs = [];
    for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls', 'aria-owns', 'for'])
      for (const e of document.querySelectorAll(`[${attr}]`))
        for (const id of e.getAttribute(attr).split(/\s+/).filter(Boolean)) if (!document.getElementById(id)) refs.push(`${attr}=${id}`);
    const badLists = Array.from(document.querySelectorAll('#mirror ul, #mirror ol')).filter((l) => Array.from(l.children).some((c) => c.tagName !== 'LI')).length;
    const tables = Array.from(document.querySelectorAll('#mirror table')).map((t) => t.querySelectorAll('thead th').length);
    return { dupes: ids.filter((id, i) => ids.indexOf(id) !== i), refs, badLists, tables };
  });
  assert.deepEqual(valid.dupes, [], 'ids are unique');
  assert.deepEqual(valid.refs, [], 'every aria reference resolves');
  assert.equal(valid.badLists, 0, 'lists hold only items');
  assert.ok(valid.tables.length >= 1 && valid.tables.every((n) => n > 0), 'tables have column headers');
  await context.close();
});

test('a 4 MB paste: the mirror holds the start of the text and the ledger, the page goes on', async () => {
  const { context, page, seen } = await openPage(browser);
  const long = (readFileSync(resolve(root, 'assets/sample.txt'), 'utf8') + '\n\n').repeat(2400);
  await paste(page, long);
  await page.waitForFunction(() => window.whosaid.stats().bytes > 4e6);
  await page.waitForFunction(() => document.getElementById('mirror-article').hasAttribute('aria-description'));
  const mirror = await page.evaluate(() => ({
    length: document.getElementById('mirror-article').textContent.length,
    note: document.getElementById('mirror-article').getAttribute('aria-description'),
    rows: document.querySelectorAll('#mirror-ledger tbody tr').length,
  }));
  assert.ok(mirror.length > 50000 && mirror.length <= 100000, `mirror holds ${mirror.length} characters`);
  assert.match(mirror.note, /first [\d,]+ characters/);
  assert.ok(mirror.rows > 0);
  await settle(page);
  assert.ok((await page.evaluate(() => window.whosaid.stats())).quotes > 1000);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('bench mode reports frame times while scrolling a 0.5 MB article', async () => {
  const { context, page, seen } = await openPage(browser, {}, '?bench=1');
  await page.waitForFunction(() => window.whosaid.benchResult, null, { timeout: 120000 });
  const r = await page.evaluate(() => window.whosaid.benchResult);
  assert.ok(r.bytes >= 512 * 1024);
  assert.equal(r.frames, 300);
  assert.ok(r.medianMs > 0 && r.scrolledTo > 0);
  console.log(`bench (not asserted): ${JSON.stringify(r)}`);
  assert.deepEqual(seen.errors, []);
  await context.close();
});
