// Editing a teacher can trust, through the page: ten corrections made with
// the mouse, undone and redone one by one (keys and toolbar); corrections
// kept when the same article is pasted again; a steady layout while the page
// waits for a click; the library across a reload; a full storage; two tabs;
// and exports that read back as the same document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, paste, settle, outDir } from './browser.mjs';

// The team's own test article (written for these tests).
const ARTICLE = 'Ferry fares stay, says the mayor\n\n' +
  'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.\n\n' +
  '“We promised stable prices and we will keep that promise,” Lopes told the council.\n\n' +
  'Opposition councillor Piotr Nowak said the budget did not add up. “Someone will pay for this later,” he warned.\n\n' +
  'Two port officials, who asked not to be named, said the operator had already asked for a subsidy.\n\n' +
  'The president said from the capital that a short statement would follow.';
const OTHER = 'Library opens on Sundays\n\nThe town librarian, Marta Sousa, said the reading room would open on Sundays from March. ' +
  '“Families asked for it,” she said.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cps = (s) => Array.from(s);
const cpIndex = (s, sub, from = 0) => cps(s.slice(0, s.indexOf(sub, from))).length;
const docOf = async (page) => JSON.parse(await page.evaluate(() => window.whosaid.documentJson()));
const editCount = async (page) => (await page.evaluate(() => window.whosaid.edits())).edits.length;
const frames = async (page, n = 3) => { for (let i = 0; i < n; i++) await settle(page); };

// Scrolls until `fn` (evaluated in the page) gives a visible point that holds still.
async function pointBy(page, fn, arg) {
  let p = null;
  for (let k = 0; k < 60; k++) {
    p = await page.evaluate(fn, arg);
    if (p && p.visible) {
      await settle(page);
      const again = await page.evaluate(fn, arg);
      if (again && Math.abs(again.y - p.y) < 0.5) return again;
    }
    await settle(page);
  }
  throw new Error('no steady point for ' + JSON.stringify(arg));
}
const wordsPoint = (page, text, words, from = 0) => {
  const start = cpIndex(text, words, from);
  return pointBy(page, ([a, b]) => window.whosaid.textPoint(a, b), [start, start + cps(words).length]);
};
// A menu item or button drawn in the last frame, by the start of its label.
async function item(page, label) {
  for (let k = 0; k < 10; k++) {
    const found = (await page.evaluate(() => window.whosaid.debug())).items.find((i) => i.label.startsWith(label));
    if (found) return found;
    await settle(page);
  }
  throw new Error('no item ' + label);
}
async function clickItem(page, label) {
  const it = await item(page, label);
  await page.mouse.move(it.x, it.y);
  await frames(page, 2);
  await page.mouse.click(it.x, it.y);
  await frames(page);
}
// (the first word's start, not the middle: the gaps between words are no text)
async function contextMenu(page, text, words, from = 0) {
  const p = await wordsPoint(page, text, words, from);
  await page.mouse.click(p.x0 + 3, p.y, { button: 'right' });
  await frames(page);
}
// A drag selects the words, as on a web page; marking them is an explicit
// action: a right-click on the selection opens its menu.
async function drag(page, text, words) {
  const p = await wordsPoint(page, text, words);
  await page.mouse.move(p.x0, p.y);
  await page.mouse.down();
  await frames(page, 1);
  await page.mouse.move(p.x1, p.y, { steps: 4 });
  await frames(page, 1);
  await page.mouse.up();
  await frames(page);
  assert.equal(await page.evaluate(() => window.whosaid.selectionText()), words, 'the drag selected the words');
  await page.mouse.click((p.x0 + p.x1) / 2, p.y, { button: 'right' });
  await frames(page);
}
async function clickWords(page, text, words, from = 0) {
  const p = await wordsPoint(page, text, words, from);
  await page.mouse.click(p.x0 + 3, p.y);
  await frames(page);
}

test('ten corrections with the mouse, undone and redone one by one', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  const t = (await docOf(page)).text;
  const states = [await page.evaluate(() => window.whosaid.documentJson())];
  const step = async (name, action) => {
    const before = await editCount(page);
    await action();
    await frames(page);
    assert.equal(await editCount(page), before + 1, `${name}: one edit more (${(await page.evaluate(() => window.whosaid.status())).text})`);
    states.push(await page.evaluate(() => window.whosaid.documentJson()));
  };
  await step('remove a mention', async () => { await contextMenu(page, t, 'The president'); await clickItem(page, 'Remove this mention'); });
  await step('retype a mention', async () => {
    await contextMenu(page, t, 'Piotr Nowak');
    await clickItem(page, 'Change its type');
    await clickItem(page, 'organization');
  });
  await step('mark words as an actor', async () => { await drag(page, t, 'the council'); await clickItem(page, 'organization'); });
  await step('not a claim', async () => { await contextMenu(page, t, 'short statement'); await clickItem(page, 'Not a claim'); });
  await step('change a speaker', async () => {
    await contextMenu(page, t, 'stable prices');
    await clickItem(page, "Change this claim's speaker");
    await clickWords(page, t, 'Piotr Nowak');
  });
  await step('split an actor', async () => {
    await contextMenu(page, t, 'Lopes', t.indexOf('promise'));
    await clickItem(page, 'A different actor');
  });
  await step('merge actors', async () => {
    await contextMenu(page, t, 'he warned');
    await clickItem(page, 'Same actor as');
    await clickWords(page, t, 'Ana Lopes');
  });
  await step('change a claim kind', async () => {
    await contextMenu(page, t, 'pay for this');
    await clickItem(page, 'Change its kind');
    await clickItem(page, 'reported speech');
  });
  await step('remove a claim', async () => { await contextMenu(page, t, 'did not add up'); await clickItem(page, 'Remove this claim'); });
  await step('add a claim', async () => {
    await drag(page, t, 'the operator had already asked for a subsidy');
    await clickItem(page, 'a claim');
    await page.keyboard.press('Escape');  // no speaker for now
  });
  assert.equal(new Set(states).size, 11, 'every edit changed the markup');
  const log = await page.evaluate(() => window.whosaid.edits());
  assert.deepEqual(log.edits.map((e) => e.op), ['mention.remove', 'mention.retype', 'mention.add', 'claim.not', 'claim.source',
    'actor.split', 'actor.merge', 'claim.kind', 'claim.remove', 'claim.add']);
  assert.ok(log.edits.every((e) => e.by === 'teacher' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(e.time) && !e.unplaced));
  await frames(page);
  await page.screenshot({ path: `${outDir}/edited.png` });

  // Undo all ten: keys and the toolbar button in turn; each step is the state before.
  await page.mouse.click(5, 300);  // focus the canvas, nothing under the pointer
  await frames(page);
  assert.equal(await editCount(page), 10, 'the focus click changes nothing');
  for (let k = 10; k >= 1; k--) {
    if (k % 2) await page.keyboard.press('Control+z');
    else await clickItem(page, 'Undo');
    await frames(page);
    assert.equal(await editCount(page), k - 1, `edits after undo ${11 - k}`);
    assert.equal(await page.evaluate(() => window.whosaid.documentJson()), states[k - 1], `after undo ${11 - k}`);
  }
  assert.equal(await page.evaluate(() => window.whosaid.undo()), false, 'nothing more to undo');
  for (let k = 1; k <= 10; k++) {
    if (k % 2) await page.keyboard.press('Control+Shift+z');
    else await clickItem(page, 'Redo');
    await frames(page);
    assert.equal(await editCount(page), k, `edits after redo ${k}`);
    assert.equal(await page.evaluate(() => window.whosaid.documentJson()), states[k], `after redo ${k}`);
  }
  // The history survives a reload: undo still works after it.
  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), states[10], 'restored after reload');
  assert.ok(await page.evaluate(() => window.whosaid.undo()));
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), states[9]);
  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  assert.ok(await page.evaluate(() => window.whosaid.redo()), 'the redo history too');
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), states[10]);
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('pasting the same article again keeps the corrections; a lightly changed one too', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'claim.not', at: { exact: 'that a short statement would follow' } })));
  const corrected = await page.evaluate(() => window.whosaid.documentJson());
  await paste(page, ARTICLE);
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), corrected, 'the same text: the same document');
  assert.match((await page.evaluate(() => window.whosaid.status())).text, /2 corrections kept/);
  // A typo fixed and a sentence added: every offset after it moves.
  const changed = ARTICLE.replace('Ferry fares stay', 'Ferry fares will stay').replace('this year.', 'this year, and next.');
  await paste(page, changed);
  const doc = await docOf(page);
  assert.equal(doc.text, changed);
  assert.equal(doc.edits.length, 2);
  assert.ok(doc.edits.every((e) => !e.unplaced), 'both placed again');
  assert.ok(!doc.mentions.some((m) => m.text === 'The president'));
  assert.ok(!doc.quotes.some((q) => q.content_spans.some(([a, b]) => cps(changed).slice(a, b).join('').includes('short statement'))));
  // A change that takes an edit's words away: listed as not placed, never dropped.
  const cut = changed.replace('\n\nThe president said from the capital that a short statement would follow.', '\n\nThe capital was quiet.');
  await paste(page, cut);
  const after = await docOf(page);
  assert.equal(after.edits.length, 2);
  assert.equal(after.edits.filter((e) => e.unplaced).length, 2);
  assert.match((await page.evaluate(() => window.whosaid.status())).text, /could not be placed/);
  assert.equal((await page.evaluate(() => window.whosaid.library())).length, 1, 'one article, not four');
  await frames(page);
  await page.screenshot({ path: `${outDir}/unplaced.png` });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('the article does not move while the page waits for the speaker to be clicked', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  const t = (await docOf(page)).text;
  const before = await wordsPoint(page, t, 'Piotr Nowak');
  const top = (await page.evaluate(() => window.whosaid.debug())).articleTop;
  await contextMenu(page, t, 'stable prices');
  await clickItem(page, "Change this claim's speaker");
  await frames(page);
  const d = await page.evaluate(() => window.whosaid.debug());
  assert.equal(d.pick, 1, 'waiting for the speaker');
  assert.equal(d.articleTop, top, 'the article starts where it did');
  const during = await wordsPoint(page, t, 'Piotr Nowak');
  assert.deepEqual([during.x, during.y], [before.x, before.y]);
  await page.screenshot({ path: `${outDir}/pick-speaker.png` });
  // ...so the click lands on the name aimed at
  await page.mouse.click(during.x0 + 3, during.y);
  await frames(page);
  const doc = await docOf(page);
  const claim = doc.quotes.find((q) => cps(t).slice(q.start, q.end).join('').includes('stable prices'));
  assert.equal(claim.source_text, 'Piotr Nowak');
  assert.equal((await page.evaluate(() => window.whosaid.debug())).articleTop, top);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('two articles and a lesson in the library, intact after a reload', async () => {
  const { context, page, seen } = await openPage(browser);
  await page.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  const first = await page.evaluate(() => window.whosaid.documentJson());
  await page.evaluate((t) => window.whosaid.annotate(t), OTHER);
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Marta Sousa' }, name: 'Librarian Marta Sousa' })));
  const second = await page.evaluate(() => window.whosaid.documentJson());
  const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => window.whosaid.saveLesson({
    title: 'Who asked for Sundays?', instructions: 'Mark every claim.', questions: [] }))]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).schema, 'whosaid-lesson/1');

  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  const lib = await page.evaluate(() => window.whosaid.library());
  assert.equal(lib.length, 3, JSON.stringify(lib));
  assert.deepEqual(lib.map((e) => e.kind).sort(), ['article', 'article', 'lesson']);
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), second, 'the tab reopens on its last article');
  const byTitle = (s) => lib.find((e) => e.title.startsWith(s));
  assert.ok(await page.evaluate((id) => window.whosaid.open(id), byTitle('Ferry fares').id));
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), first);
  assert.ok(await page.evaluate((id) => window.whosaid.open(id), byTitle('Lesson: Who asked').id));
  const lesson = await page.evaluate(() => window.whosaid.comparison());
  assert.equal(lesson.mode, 'student');
  assert.equal((await docOf(page)).text, OTHER);
  assert.ok(await page.evaluate((id) => window.whosaid.open(id), byTitle('Library opens').id));
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), second);
  // The Library window lists all three; rename, duplicate and delete go through it.
  await clickItem(page, 'Library');
  await frames(page);
  await page.screenshot({ path: `${outDir}/library.png` });
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a full storage: a message offers to export, and nothing saved before is lost', async () => {
  const { context, page, seen } = await openPage(browser);
  await page.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  const saved = await page.evaluate(() => window.whosaid.documentJson());
  const filled = await page.evaluate(() => {
    let n = 0;
    for (let size = 1 << 20; size >= 64; size >>= 1) {
      const chunk = 'x'.repeat(size);
      try { for (;;) localStorage.setItem('test.fill.' + n++, chunk); } catch (e) { /* full at this size: try smaller */ }
    }
    return n;
  });
  assert.ok(filled > 0);
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'claim.not', at: { exact: 'that a short statement would follow' } })));
  const msg = await page.evaluate(() => ({ text: document.getElementById('message').textContent, shown: document.getElementById('message').style.display,
                                           kind: document.getElementById('message').dataset.kind }));
  assert.equal(msg.shown, 'block');
  assert.equal(msg.kind, 'storage');
  assert.match(msg.text, /storage is full/);
  assert.match(msg.text, /Export/);
  await frames(page);
  await page.screenshot({ path: `${outDir}/storage-full.png` });
  // the export offered works
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.evaluate(() => Array.from(document.querySelectorAll('#message button')).find((b) => b.textContent.startsWith('Export')).click())]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).edits.length, 2, 'the export has the unsaved edit too');
  // Room again, reload: the article as it was last saved, nothing lost.
  await page.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('test.fill.')) localStorage.removeItem(k); });
  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), saved);
  assert.deepEqual(seen.errors.filter((e) => !/quota/i.test(e)), []);
  await context.close();
});

test('two tabs on one article never overwrite each other', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const open = async () => {
    const page = await context.newPage();
    await page.goto((await import('./browser.mjs')).pageUrl);
    await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true && window.whosaid.module);
    return page;
  };
  const a = await open();
  await a.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  assert.ok(await a.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  const b = await open();  // a new tab opens the newest entry: the same article
  assert.equal(await b.evaluate(() => window.whosaid.current()), await a.evaluate(() => window.whosaid.current()));
  assert.equal(await editCount(b), 1);
  assert.ok(await a.evaluate(() => window.whosaid.edit({ op: 'claim.not', at: { exact: 'that a short statement would follow' } })));
  await b.waitForFunction(() => window.whosaid.edits().edits.length === 2);  // the other tab's change arrives
  assert.ok(await b.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Piotr Nowak' }, name: 'Councillor Nowak' })));
  await a.waitForFunction(() => window.whosaid.edits().edits.length === 3);
  assert.equal(await a.evaluate(() => window.whosaid.documentJson()), await b.evaluate(() => window.whosaid.documentJson()));
  // A tab that is behind (it missed the other's save) keeps its change as a new entry.
  // (b cannot read the entry while a saves: as if the 'storage' event came late)
  await b.evaluate(() => {
    window.realGetItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (k) { return k.endsWith('.data') ? null : window.realGetItem.call(this, k); };
  });
  const shared = await a.evaluate(() => window.whosaid.current());
  assert.ok(await a.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'Ana Lopes' } })));
  await a.waitForTimeout(300);
  assert.equal(await editCount(b), 3, 'b did not see it');
  await b.evaluate(() => { Storage.prototype.getItem = window.realGetItem; });
  assert.ok(await b.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'Piotr Nowak' } })));
  assert.notEqual(await b.evaluate(() => window.whosaid.current()), shared, 'b saved a new entry');
  assert.match(await b.evaluate(() => document.getElementById('message').textContent), /another tab/);
  // (b's new entry reaches a through a 'storage' event: on a busy machine, not at once)
  await a.waitForFunction(() => window.whosaid.library().length === 2, null, { timeout: 10000 }).catch(() => {});
  const lib = await a.evaluate(() => window.whosaid.library());
  assert.equal(lib.length, 2);
  assert.ok(lib.some((e) => e.title.endsWith('(changed in two tabs)')));
  // a's entry has a's change, not b's
  const aEntry = JSON.parse(await a.evaluate((id) => localStorage.getItem('whosaid.lib.' + id + '.data'), shared));
  assert.deepEqual(aEntry.document.edits.map((e) => e.at.exact), ['The president', 'that a short statement would follow', 'Piotr Nowak', 'Ana Lopes']);
  await context.close();
});

test('W3C Web Annotation, whosaid/1 and brat exports read back as the same document', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  await page.evaluate(() => window.whosaid.setAuthor('Ms Novak'));
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Piotr Nowak' }, name: 'Councillor Piotr Nowak' })));
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.add', at: { exact: 'the council' }, label: 'ORG' })));
  const original = await page.evaluate(() => window.whosaid.documentJson());
  for (const format of ['webanno', 'json']) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate((f) => window.whosaid.export(f), format)]);
    const bytes = readFileSync(await download.path(), 'utf8');
    if (format === 'webanno') {
      const w = JSON.parse(bytes);
      const edited = w.first.items.filter((x) => x.creator.type === 'Person');
      assert.ok(edited.length >= 2 && edited.every((x) => x.creator.name === 'Ms Novak' && x.modified && x['@context']));
      assert.ok(w.first.items.every((x) => x['@context'] && x.created && x.generator.type === 'Software'));
    }
    await page.evaluate(() => window.whosaid.annotate('Something else entirely, said nobody.'));
    await page.evaluate(([n, c]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([c], n, { type: 'application/json' }));
      document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [download.suggestedFilename(), bytes]);
    await page.waitForFunction(() => JSON.parse(window.whosaid.documentJson()).text.startsWith('Ferry fares'));
    assert.equal(await page.evaluate(() => window.whosaid.documentJson()), original, `${format} read back`);
    // and the edits can still be undone after the import
    assert.ok(await page.evaluate(() => window.whosaid.undo()));
    assert.ok(await page.evaluate(() => window.whosaid.redo()));
    assert.equal(await page.evaluate(() => window.whosaid.documentJson()), original);
  }
  // brat: two files, dropped together
  const files = [];
  page.on('download', async (d) => files.push({ name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') }));
  await page.evaluate(() => window.whosaid.export('brat'));
  await page.waitForFunction(() => true);
  for (let k = 0; k < 50 && files.length < 2; k++) await settle(page);
  assert.deepEqual(files.map((f) => f.name).sort(), ['whosaid.ann', 'whosaid.txt']);
  assert.match(files.find((f) => f.name.endsWith('.ann')).text, /\tWhosaidEdit T1\t\{"op":"mention.remove"/);
  await page.evaluate(() => window.whosaid.annotate('Something else entirely, said nobody.'));
  await page.evaluate((fs) => {
    const dt = new DataTransfer();
    for (const f of fs) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForFunction(() => JSON.parse(window.whosaid.documentJson()).text.startsWith('Ferry fares'));
  assert.equal(await page.evaluate(() => window.whosaid.documentJson()), original, 'brat read back');
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('work saved by the page before the library opens, its corrections read as edits', async () => {
  const { context, page, seen } = await openPage(browser);
  const at = cpIndex(ARTICLE, 'the council');
  const old = { schema: 'whosaid/1', text: ARTICLE, entities: [], mentions: [], quotes: [],
                corrections: { speakers: [], added: [{ start: at, end: at + 11, label: 'ORG' }], removed: [], renamed: [] } };
  await page.evaluate((s) => { localStorage.clear(); sessionStorage.clear(); localStorage.setItem('whosaid.state.v1', s); }, JSON.stringify(old));
  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  const doc = await docOf(page);
  assert.equal(doc.text, ARTICLE);
  assert.deepEqual(doc.edits.map((e) => [e.op, e.at.exact, e.label]), [['mention.add', 'the council', 'ORG']]);
  assert.ok(doc.mentions.some((m) => m.text === 'the council' && m.label === 'ORG'));
  assert.equal((await page.evaluate(() => window.whosaid.library())).length, 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('whosaid.state.v1')), null, 'the old slot became the entry');
  assert.ok(await page.evaluate(() => window.whosaid.undo()), 'and the migrated edit can be undone');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

// Issue 18: all tabs shared one autosave key, so a reloaded tab showed the
// other tab's article and lost its own correction. Each tab keeps its entry.
test('two tabs on two articles: each reloads on its own, with its correction', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const { pageUrl } = await import('./browser.mjs');
  const open = async () => {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true && window.whosaid.module);
    return page;
  };
  const a = await open(), b = await open();
  await a.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  assert.ok(await a.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } })));
  await b.evaluate((t) => window.whosaid.annotate(t), OTHER);
  assert.ok(await b.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Marta Sousa' }, name: 'Librarian Marta Sousa' })));
  const docA = await a.evaluate(() => window.whosaid.documentJson()), docB = await b.evaluate(() => window.whosaid.documentJson());
  assert.notEqual(await a.evaluate(() => window.whosaid.current()), await b.evaluate(() => window.whosaid.current()), 'one entry per tab');
  for (const [page, doc] of [[a, docA], [b, docB], [a, docA]]) {
    await page.reload();
    await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true && window.whosaid.module);
    assert.equal(await page.evaluate(() => window.whosaid.documentJson()), doc, 'a reloaded tab shows its own article and correction');
  }
  assert.equal((await a.evaluate(() => window.whosaid.library())).length, 2);
  await context.close();
});
