// The page behaves like a web page (issue 14): a phone with touch reaches
// every action; the keyboard alone opens, exports and starts a lesson; a
// drag selects and Ctrl+C copies; Ctrl+F finds; zoom grows the lines and is
// remembered; CJK and emoji draw with the system's fonts; right-to-left
// paragraphs are right-aligned; links never cross words and tooltips never
// cover their claim; text fields keep what was typed; an idle page draws
// no frames.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { launch, openPage, paste, settle, outDir } from './browser.mjs';

// The team's own test article (written for these tests).
const ARTICLE = 'Ferry fares stay, says the mayor\n\n' +
  'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.\n\n' +
  '“We promised stable prices and we will keep that promise,” Lopes told the council.\n\n' +
  'Opposition councillor Piotr Nowak said the budget did not add up. “Someone will pay for this later,” he warned.\n\n' +
  'Two port officials, who asked not to be named, said the operator had already asked for a subsidy.\n\n' +
  'The president responded from the capital with a short statement.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cps = (s) => Array.from(s);
const cpIndex = (s, sub, from = 0) => cps(s.slice(0, s.indexOf(sub, from))).length;
// Waits n frames, then until the page has drawn everything it had to (its
// input is given to ImGui a frame at a time, so a burst of keys takes a few).
const frames = async (page, n = 3) => {
  for (let i = 0; i < n; i++) await settle(page);
  await page.evaluate(() => new Promise((done) => {
    let last = window.whosaid.frames, still = 0, ticks = 0;
    const tick = () => {
      const now = window.whosaid.frames;
      still = now === last ? still + 1 : 0;
      last = now;
      if (still >= 3 || ++ticks > 240) done(); else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }));
};
const debug = (page) => page.evaluate(() => window.whosaid.debug());
const docOf = async (page) => JSON.parse(await page.evaluate(() => window.whosaid.documentJson()));

// A control drawn in the last frame, by the start of its label.
async function item(page, label, { exact = false } = {}) {
  for (let k = 0; k < 20; k++) {
    const items = (await debug(page)).items;
    const found = items.find((i) => (exact ? i.label === label : i.label.startsWith(label)) && !i.disabled);
    if (found) return found;
    await settle(page);
  }
  throw new Error('no item ' + label + ' among ' + (await debug(page)).items.map((i) => i.label).join(' | '));
}
// Scrolls until words of the article are in view and hold still; their point.
async function wordsPoint(page, text, words, from = 0) {
  const a = cpIndex(text, words, from), b = a + cps(words).length;
  let p = null;
  for (let k = 0; k < 60; k++) {
    p = await page.evaluate(([x, y]) => window.whosaid.textPoint(x, y), [a, b]);
    if (p && p.visible) {
      await settle(page);
      const again = await page.evaluate(([x, y]) => window.whosaid.textPoint(x, y), [a, b]);
      if (again && Math.abs(again.y - p.y) < 0.5) return again;
    }
    await settle(page);
  }
  throw new Error('no steady point for ' + words);
}
const overlap = (a, b) => a && b && a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

// Touch through the DevTools protocol: long presses, drags and pinches (Playwright's touchscreen only taps).
async function touch(page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  return {
    async press(x, y, ms) { await send('touchStart', [[x, y]]); await page.waitForTimeout(ms); await frames(page, 2); },
    // (a finger that moves must move soon: held still for half a second, it is a long press)
    async move(points) { await send('touchMove', points); await settle(page); },
    async end() { await send('touchEnd', []); await frames(page); },
    async start(points) { await send('touchStart', points); await settle(page); },
  };
}

test('a phone (390×844, touch): every action is in the menu, 44 px tall, and works', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await paste(page, ARTICLE);
  await frames(page);
  let d = await debug(page);
  assert.ok(d.phone && d.touchUI, 'the phone layout with touch targets');
  // The bar: Menu, Undo, Redo, Find, ? (the rest is in the menu); all inside the screen.
  for (const label of ['Menu', 'Find', '?']) {
    const it = await item(page, label);
    assert.ok(it.h >= 44 && it.w >= 44 && it.x + it.w / 2 <= 390, `${label} on the bar, ${it.w}×${it.h} px`);
  }
  const fingers = await touch(page);
  const tapItem = async (label) => {
    let it = await item(page, label);
    // a long menu scrolls under the finger
    for (let k = 0; k < 10 && it.y + it.h / 2 > 844; k++) {
      await fingers.start([[200, 700]]);
      for (let y = 660; y >= 420; y -= 40) await fingers.move([[200, y]]);
      await fingers.end();
      it = await item(page, label);
    }
    assert.ok(it.h >= 44, `${label}: ${it.h} px tall`);
    assert.ok(it.x - it.w / 2 >= 0 && it.x + it.w / 2 <= 390 && it.y + it.h / 2 <= 844, `${label} is on the screen`);
    await page.touchscreen.tap(it.x, it.y);
    await frames(page);
  };
  const fromMenu = async (label) => { await tapItem('Menu'); await tapItem(label); };
  // Open…: the browser's file picker
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), fromMenu('Open')]);
  await chooser.setFiles({ name: 'ferry.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE.replace('Monday', 'Tuesday')) });
  await page.waitForFunction(() => JSON.parse(window.whosaid.documentJson()).text.includes('Tuesday'));
  // Edit text, and Cancel
  await fromMenu('Edit text');
  assert.equal((await debug(page)).editing, true);
  await tapItem('Cancel');
  assert.equal((await debug(page)).editing, false);
  // Undo, Redo
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'Piotr Nowak' } })));
  await fromMenu('↶ Undo');
  assert.equal((await page.evaluate(() => window.whosaid.edits())).edits.length, 0);
  await fromMenu('↷ Redo');
  assert.equal((await page.evaluate(() => window.whosaid.edits())).edits.length, 1);
  // Export: every format downloads
  for (const [label, name] of [['Export: whosaid JSON', 'whosaid.json'], ['Export: Printable handout', 'whosaid.html'],
    ['Export: W3C', 'whosaid.jsonld'], ['Export: CoNLL', 'whosaid.conll'], ['Export: brat', 'whosaid.txt']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), fromMenu(label)]);
    assert.equal(download.suggestedFilename(), name);
  }
  // All links, Mark words, Find, text size, the shortcuts
  await fromMenu('All links');
  d = await debug(page);
  assert.ok(d.links >= 3, `links drawn: ${d.links}`);
  assert.equal(d.linkCrossings, 0, 'no link crosses a word');
  await page.screenshot({ path: `${outDir}/phone-links.png` });
  await fromMenu('All links');
  await fromMenu('Mark words');
  assert.equal((await debug(page)).markMode, true);
  await fromMenu('Mark words');
  const size = (await debug(page)).fontSize;
  await fromMenu('Bigger text');
  assert.ok((await debug(page)).fontSize > size);
  await fromMenu('Smaller text');
  assert.ok(Math.abs((await debug(page)).fontSize - size) < 0.01);
  await fromMenu('Keyboard shortcuts');
  assert.equal((await debug(page)).helpOpen, true);
  await tapItem('Close');
  assert.equal((await debug(page)).helpOpen, false);
  await fromMenu('Find in the article');
  assert.equal((await debug(page)).find.open, true);
  await tapItem('Close find');
  // Library…, and Close
  await fromMenu('Library');
  await item(page, 'New article');
  await tapItem('Close');
  // Classroom: save as a lesson
  await fromMenu('Classroom: Save as a lesson');
  const [lesson] = await Promise.all([page.waitForEvent('download'), tapItem('Save lesson')]);
  assert.equal(lesson.suggestedFilename(), 'lesson.whosaid.json');
  // New: an empty article, the previous one kept in the library
  await fromMenu('New');
  assert.equal((await debug(page)).editing, true);
  assert.equal((await docOf(page)).text, '');
  assert.ok((await page.evaluate(() => window.whosaid.library())).length >= 1);
  // The side panel is a bottom sheet: a tap opens it
  await paste(page, ARTICLE);
  await frames(page);
  assert.equal((await debug(page)).sheetOpen, false);
  await tapItem('Panels');
  assert.equal((await debug(page)).sheetOpen, true);
  await page.screenshot({ path: `${outDir}/phone-sheet.png` });
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a tablet (820×1180 and 1180×820, touch): the whole toolbar on the screen, every target 44×44 px, menus and panels by touch', async () => {
  for (const viewport of [{ width: 820, height: 1180 }, { width: 1180, height: 820 }]) {
    const { context, page, seen } = await openPage(browser, { viewport, hasTouch: true, isMobile: true });
    await paste(page, ARTICLE);
    await frames(page);
    const d = await debug(page);
    assert.ok(d.touchUI && !d.phone, 'the touch layout, not the phone one');
    const inside = (it) => it.x - it.w / 2 >= 0 && it.x + it.w / 2 <= viewport.width && it.y - it.h / 2 >= 0 && it.y + it.h / 2 <= viewport.height;
    for (const label of ['Open', 'Edit text', 'New', 'Library', '↶ Undo', '↷ Redo', 'Export', 'Classroom', 'All links', 'Mark words', 'Find', 'A−', 'A+', '?']) {
      const it = d.items.find((i) => i.label.startsWith(label));
      assert.ok(it, `${viewport.width}: ${label} is on the bar`);
      assert.ok(it.h >= 44 && it.w >= 44, `${viewport.width}: ${label} is ${it.w}×${it.h}`);
      assert.ok(inside(it), `${viewport.width}: ${label} is on the screen`);
    }
    for (const tab of ['Actors', 'Sources', 'Claims', 'Edits']) {
      const it = await item(page, tab);
      assert.ok(it.h >= 44 && inside(it), `${viewport.width}: the ${tab} tab, ${it.h} px tall, on the screen`);
    }
    // Export ▾ by a tap: its rows on the screen, 44 px tall; a tap downloads
    const exp = await item(page, 'Export');
    await page.touchscreen.tap(exp.x, exp.y);
    await frames(page);
    const row = await item(page, 'whosaid JSON');
    assert.ok(row.h >= 44 && inside(row), `${viewport.width}: the menu's row ${row.w}×${row.h} on the screen`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.touchscreen.tap(row.x, row.y)]);
    assert.equal(download.suggestedFilename(), 'whosaid.json');
    await frames(page);
    // a tap on a tab opens it; its rows are 44 px tall
    const claims = await item(page, 'Claims');
    await page.touchscreen.tap(claims.x, claims.y);
    await frames(page);
    const claimRow = (await debug(page)).items.find((i) => i.control && i.group === 80);
    assert.ok(claimRow && claimRow.h >= 44, `${viewport.width}: a claim row ${claimRow?.h} px tall`);
    await page.screenshot({ path: `${outDir}/tablet-${viewport.width}.png` });
    assert.deepEqual(seen.requests, []);
    assert.deepEqual(seen.errors, []);
    await context.close();
  }
});

test('touch: one finger scrolls, a long press opens the menu, a long press then a drag marks words, two fingers zoom', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await paste(page, ARTICLE + '\n\n' + ARTICLE);
  await frames(page);
  const t = (await docOf(page)).text;
  const fingers = await touch(page);
  // one finger up: the article scrolls down
  const before = (await debug(page)).scroll;
  await fingers.start([[200, 500]]);
  for (let y = 480; y >= 300; y -= 30) await fingers.move([[200, y]]);
  await fingers.end();
  await frames(page, 6);
  const scrolled = (await debug(page)).scroll;
  assert.ok(scrolled > before + 100, `scrolled from ${before} to ${scrolled}`);
  // a long press on a name: its menu
  let p = await wordsPoint(page, t, 'Piotr Nowak');
  await fingers.press(p.x0 + 3, p.y, 700);
  await fingers.end();
  await item(page, 'Remove this mention');
  await page.screenshot({ path: `${outDir}/touch-menu.png` });
  await page.touchscreen.tap(20, 830);  // outside: the menu closes
  await frames(page);
  // a long press, then a drag: the words are selected and the menu asks what they are
  p = await wordsPoint(page, t, 'Two port officials');
  await fingers.press(p.x0 + 3, p.y, 700);
  await fingers.move([[p.x0 + 40, p.y]]);
  await fingers.move([[p.x1 - 3, p.y]]);
  await fingers.end();
  assert.equal(await page.evaluate(() => window.whosaid.selectionText()), 'Two port officials');
  const claim = await item(page, 'a claim');
  assert.ok(claim.h >= 44);
  await page.touchscreen.tap(claim.x, claim.y);
  await frames(page);
  assert.deepEqual((await page.evaluate(() => window.whosaid.edits())).edits.map((e) => e.op), ['claim.add']);
  // two fingers apart: bigger text
  const size = (await debug(page)).fontSize;
  await fingers.start([[150, 400], [240, 400]]);
  await fingers.move([[120, 400], [270, 400]]);
  await fingers.move([[90, 400], [300, 400]]);
  await fingers.end();
  assert.ok((await debug(page)).fontSize > size * 1.3, `pinch: ${size} → ${(await debug(page)).fontSize}`);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('keyboard only: open a file, export, save a lesson, open it as a student and reveal', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  await frames(page);
  const key = async (k, n = 1) => { for (let i = 0; i < n; i++) { await page.keyboard.press(k); await frames(page, 2); } };
  // Tab to a control, by its label; the focus ring shows
  const tabTo = async (label) => {
    for (let i = 0; i < 60; i++) {
      const d = await debug(page);
      if (d.focus.startsWith(label) && d.focusVisible) return;  // the focus ring shows where it is
      await key('Tab');
    }
    throw new Error('Tab never reached ' + label);
  };
  await tabTo('Open');
  await page.screenshot({ path: `${outDir}/keyboard-focus.png` });
  // Enter on Open asks for a file. In one full CI run the chooser did not come
  // after the first Enter (it did in every run of the test alone, cause not
  // found); the focus is checked again and Enter pressed again, three times at most.
  let chooser;
  for (let attempt = 1; !chooser; attempt++) {
    try {
      [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), key('Enter')]);
    } catch (e) {
      if (attempt >= 3) throw e;
      await tabTo('Open');
    }
  }
  await chooser.setFiles({ name: 'ferry.txt', mimeType: 'text/plain', buffer: Buffer.from(ARTICLE.replace('Monday', 'Friday')) });
  await page.waitForFunction(() => JSON.parse(window.whosaid.documentJson()).text.includes('Friday'));
  // Export ▾, Enter: the menu, its first item focused and showing its shortcut; Enter downloads
  await tabTo('Export');
  await key('Enter');
  const first = await item(page, 'whosaid JSON');
  assert.equal((await debug(page)).focus.startsWith('whosaid JSON'), true, 'the menu has the focus');
  assert.equal(first.shortcut, 'Ctrl+S', 'the menu shows the shortcut');
  const [download] = await Promise.all([page.waitForEvent('download'), key('Enter')]);
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.ok(exported.text.includes('Friday'));
  // Ctrl+S exports too
  const [again] = await Promise.all([page.waitForEvent('download'), key('Control+s')]);
  assert.equal(again.suggestedFilename(), 'whosaid.json');
  // Classroom ▾ → Save as a lesson…: the title field has the caret; Tab goes through the dialog
  await tabTo('Classroom');
  await key('Enter');
  await key('Enter');
  let d = await debug(page);
  assert.ok(d.field && d.field.kind === 5, 'typing in the title');
  await key('Control+a');
  await page.keyboard.type('Who sets the fares?');
  await key('Tab');
  await page.keyboard.type('Mark every claim.');
  await key('Tab');
  await page.keyboard.type('Which source is anonymous?');
  await tabTo('Save lesson');
  const [lessonFile] = await Promise.all([page.waitForEvent('download'), key('Enter')]);
  const lessonText = readFileSync(await lessonFile.path(), 'utf8');
  const lesson = JSON.parse(lessonText);
  assert.equal(lesson.title, 'Who sets the fares?');
  assert.equal(lesson.instructions, 'Mark every claim.');
  assert.deepEqual(lesson.questions, ['Which source is anonymous?']);
  // A student: Ctrl+O opens the lesson; Tab to the name field; Reveal
  const path = `${outDir}/keyboard-lesson.whosaid.json`;
  writeFileSync(path, lessonText);
  const [picker] = await Promise.all([page.waitForEvent('filechooser'), key('Control+o')]);
  await picker.setFiles(path);
  await page.waitForFunction(() => window.whosaid.comparison().mode === 'student');
  await tabTo('Your name');
  await page.keyboard.type('Sam');
  await key('Tab');
  await tabTo('Reveal');
  await key('Enter');
  assert.equal((await page.evaluate(() => window.whosaid.comparison())).mode, 'reveal');
  // The shortcuts: ? lists them, Esc closes
  await key('Escape');
  await key('?');
  assert.equal((await debug(page)).helpOpen, true);
  await page.screenshot({ path: `${outDir}/keyboard-help.png` });
  await key('Escape');
  assert.equal((await debug(page)).helpOpen, false);
  assert.deepEqual(seen.requests, []);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('keyboard: the panel tabs and their lists by arrows, F6 between regions, a correction from the claim menu, and every Tab stop has a name', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  await frames(page);
  const key = async (k, n = 1) => { for (let i = 0; i < n; i++) { await page.keyboard.press(k); await frames(page, 2); if (process.env.TRACE) console.log(k, '→', (await debug(page)).focus); } };
  const unnamed = async (where) => {
    const stops = (await debug(page)).items.filter((i) => i.control && i.nav && !i.disabled && i.w > 0);
    assert.ok(stops.length > 3, `${where}: Tab stops drawn`);
    assert.deepEqual(stops.filter((i) => !i.label.trim()).map((i) => `${i.window} @${i.x},${i.y}`), [], `${where}: every Tab stop has a name`);
  };
  await unnamed('the article');
  // F6: the toolbar, the article, the side panel (at its current tab)
  for (let i = 0; i < 3 && (await debug(page)).focus !== 'Open…'; i++) await key('F6');
  assert.equal((await debug(page)).focus, 'Open…');
  await key('F6');
  assert.equal((await debug(page)).focus, 'Article');
  await key('F6');
  assert.equal((await debug(page)).focus, 'Actors');
  await key('Shift+F6');
  assert.equal((await debug(page)).focus, 'Article', 'Shift+F6 goes back');
  await key('F6');
  // arrows move between the tabs, Enter opens one; Tab goes into its list; arrows move in it; Enter selects
  for (const [tab, first] of [['Sources', 'Ana Lopes'], ['Claims', null], ['Actors', null]]) {
    for (let i = 0; i < 8 && (await debug(page)).focus !== tab; i++) await key(i < 4 ? 'ArrowRight' : 'ArrowLeft');
    assert.equal((await debug(page)).focus, tab);
    await key('Enter');
    await unnamed(`the ${tab} tab`);
    await key('Tab');
    const row = (await debug(page)).focus;
    assert.ok(row && row !== tab && (!first || row.includes(first)), `${tab}: Tab goes into the list (${row})`);
    if (tab !== 'Actors') { await key('Shift+Tab'); continue; }
    await key('ArrowDown');
    const next = (await debug(page)).focus;
    assert.notEqual(next, row, 'arrows move in the list');
    await key('Enter');
    const d = await debug(page);
    assert.ok(d.selectedEntity >= 0, 'Enter selects the actor');
    await unnamed('an actor selected');
    await key('F6');
    await key('F6');
    await key('F6');
    assert.notEqual((await debug(page)).focus, '(unnamed)');
  }
  // a claim selected (J), its details in the panel
  await key('Escape');
  await key('j');
  assert.ok((await debug(page)).selectedQuote >= 0);
  await unnamed('a claim selected');
  // a correction from the keyboard: the claim's menu (Shift+F10), arrows to "Remove this claim", Enter
  await key('Shift+F10');
  await item(page, 'Remove this claim');
  for (let i = 0; i < 8 && (await debug(page)).focus !== 'Remove this claim'; i++) await key('ArrowDown');
  assert.equal((await debug(page)).focus, 'Remove this claim');
  await key('Enter');
  assert.deepEqual((await page.evaluate(() => window.whosaid.edits())).edits.map((e) => e.op), ['claim.remove']);
  assert.match((await page.evaluate(() => window.whosaid.announced)).at(-1) || '', /.+/);
  await key('Control+z');
  assert.equal((await page.evaluate(() => window.whosaid.edits())).edits.length, 0, 'Ctrl+Z undoes it');
  // the dialogs: the library, the shortcuts, a lesson
  const tabTo = async (label) => {
    for (let i = 0; i < 60 && !(await debug(page)).focus.startsWith(label); i++) await key('Tab');
    assert.ok((await debug(page)).focus.startsWith(label), `Tab reaches ${label}`);
  };
  await tabTo('Library');
  await key('Enter');
  await item(page, 'New article');
  await unnamed('the library');
  await key('Escape');
  await tabTo('Classroom');
  await key('Enter');
  await key('Enter');
  assert.equal((await debug(page)).field?.kind, 5, 'the lesson dialog, typing its title');
  await unnamed('the lesson dialog');
  await key('Escape');
  await key('Escape');
  await key('?');
  assert.equal((await debug(page)).helpOpen, true);
  await unnamed('the shortcuts');
  await key('Escape');
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('a drag selects a sentence (marking nothing) and Ctrl+C copies it as plain text', async () => {
  const { context, page, seen } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await paste(page, ARTICLE);
  const t = (await docOf(page)).text;
  const sentence = 'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.';
  const p = await wordsPoint(page, t, sentence);
  await page.mouse.move(p.x0 - 1, p.y);
  await page.mouse.down();
  await settle(page);  // (a held button keeps the page drawing: no waiting for it to go still)
  await page.mouse.move(p.x1, p.y, { steps: 6 });
  await settle(page);
  await page.mouse.up();
  await frames(page);
  assert.equal(await page.evaluate(() => window.whosaid.selectionText()), sentence);
  assert.equal((await page.evaluate(() => window.whosaid.edits())).edits.length, 0, 'a drag marks nothing');
  await page.keyboard.press('Control+c');
  await frames(page);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sentence);
  await page.screenshot({ path: `${outDir}/selection.png` });
  // Shift+F10: the selection's menu from the keyboard, its shortcuts shown
  await page.keyboard.press('Shift+F10');
  await frames(page);
  assert.equal((await item(page, 'Copy', { exact: true })).shortcut, 'Ctrl+C');
  assert.equal((await item(page, 'Find this text')).shortcut, 'Ctrl+F');
  await page.keyboard.press('Escape');
  await frames(page);
  // a click elsewhere clears the selection; Ctrl+A selects all of the article
  await page.keyboard.press('Control+a');
  await frames(page);
  assert.equal(await page.evaluate(() => window.whosaid.selectionText()), t);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('Ctrl+F: a find bar with highlights, next and previous, and the count', async () => {
  const { context, page, seen } = await openPage(browser);
  const doc = await docOf(page);  // the team's sample article
  const word = 'bridge';
  const expected = doc.text.toLowerCase().split(word).length - 1;
  assert.ok(expected >= 3);
  await page.keyboard.press('Control+f');
  await frames(page);
  await page.keyboard.type(word);
  await frames(page);
  let d = await debug(page);
  assert.equal(d.find.open, true);
  assert.equal(d.find.count, expected);
  assert.equal(d.find.current, 0);
  assert.ok(d.find.highlights >= 1, 'matches are highlighted');
  await page.keyboard.press('Enter');
  await frames(page);
  assert.equal((await debug(page)).find.current, 1);
  await page.keyboard.press('Shift+Enter');
  await frames(page);
  assert.equal((await debug(page)).find.current, 0);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await frames(page, 6);
  d = await debug(page);
  assert.equal(d.find.current, 2);
  assert.match((await page.evaluate(() => window.whosaid.announced)).at(-1), new RegExp(`of ${expected}`));
  await page.screenshot({ path: `${outDir}/find.png` });
  assert.equal(await page.evaluate((w) => window.whosaid.find(w.toUpperCase()), word), expected, 'case-insensitive');
  await page.keyboard.press('Escape');
  await frames(page);
  assert.equal((await debug(page)).find.open, false);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('zoom: Ctrl+= and Ctrl+wheel grow the lines, the size is remembered, Ctrl+0 resets', async () => {
  const { context, page, seen } = await openPage(browser);
  await frames(page);
  const start = await debug(page);
  await page.keyboard.press('Control+Equal');
  await frames(page);
  const bigger = await debug(page);
  assert.ok(bigger.fontSize > start.fontSize && bigger.lineHeight > start.lineHeight, `${start.lineHeight} → ${bigger.lineHeight}`);
  await page.mouse.move(400, 400);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await frames(page);
  const wheel = await debug(page);
  assert.ok(wheel.lineHeight > bigger.lineHeight, 'Ctrl+wheel zooms in');
  await page.reload();
  await page.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  await frames(page);
  assert.ok(Math.abs((await debug(page)).fontSize - wheel.fontSize) < 0.01, 'remembered');
  await page.keyboard.press('Control+0');
  await frames(page);
  assert.equal((await debug(page)).fontSize, start.fontSize);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('CJK, emoji and other scripts draw with the system fonts, never as the replacement glyph', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 1100, height: 700 } });
  const text = 'Scripts\n\n北京市政府发言人王芳说：“我们会尽快修复这座桥。”\n\n東京都の広報担当者は「橋は来月から通行止めになります」と述べた。\n\n' +
    'Emoji: “Fixing the bridge 🚧👷🏽‍♀️ starts Monday 🎉,” the council wrote, with a 🇫🇷 flag. 😀\n\n' +
    'नगर परिषद के प्रवक्ता ने कहा कि पुल मार्च में खुलेगा।';
  assert.deepEqual(await page.evaluate((s) => window.whosaid.missingGlyphs(s), text).then((m) => m.filter((c) => c < 0x80)), []);
  await paste(page, text);
  await frames(page, 8);
  const d = await debug(page);
  assert.equal(d.missingGlyphs, 0, 'nothing drawn as the fallback glyph');
  assert.deepEqual(await page.evaluate((s) => window.whosaid.missingGlyphs(s), text), [], 'every code point has a glyph in the atlas');
  assert.ok(d.glyphs.added > 30, `glyphs drawn by the browser: ${d.glyphs.added}`);
  assert.ok(d.imageWords >= 3, 'emoji sequences, flags and Devanagari words drawn whole');
  await page.screenshot({ path: `${outDir}/scripts.png` });
  // the replacement character itself is drawn only where the text has it
  assert.equal(d.glyphs.dropped, 0);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('many CJK characters on a high-density screen, then a zoom: the room grows and stays in the atlas, the zoomed text has its own font', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 1000, height: 700 }, deviceScaleFactor: 2 });
  // 900 distinct characters: more than the first room holds at 2x, so the room grows
  let text = 'Characters\n\n';
  for (let i = 0; i < 900; i++) text += String.fromCodePoint(0x4E00 + i * 7) + (i % 30 === 29 ? '。\n\n' : '');
  await paste(page, text);
  await frames(page, 8);
  const roomInAtlas = (g) => g.room.length === 6 && g.room[0] + g.room[2] <= g.room[4] && g.room[1] + g.room[3] <= g.room[5];
  let d = await debug(page);
  assert.ok(d.glyphs.room[2] > 512, `the room grew: ${d.glyphs.room}`);
  assert.ok(roomInAtlas(d.glyphs), `the room is placed in the atlas: ${d.glyphs.room}`);
  assert.equal(d.glyphs.dropped, 0);
  assert.equal(d.missingGlyphs, 0);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Equal');
  await page.waitForTimeout(500);
  await frames(page, 4);
  d = await debug(page);
  assert.equal(d.articleFontPx, Math.round(d.fontSize), `the article drawn with a font of its own at ${d.fontSize} px`);
  assert.ok(roomInAtlas(d.glyphs), `after the zoom too: ${d.glyphs.room}`);
  assert.equal(d.glyphs.dropped, 0, 'each character is kept once, whatever the zoom');
  assert.equal(d.missingGlyphs, 0);
  await page.screenshot({ path: `${outDir}/cjk-zoomed.png` });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('right-to-left paragraphs are right-aligned, their words in order from the right', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  const arabic = 'قال المتحدث باسم البلدية إن الجسر سيفتح في مارس.';
  const text = 'A report\n\n' + arabic + '\n\nThe bridge opens in March, the city said.';
  await paste(page, text);
  await frames(page, 6);
  const first = await wordsPoint(page, text, 'قال'), second = await wordsPoint(page, text, 'المتحدث');
  const latin = await wordsPoint(page, text, 'The bridge');
  const article = (await debug(page)).article;
  assert.ok(first.x > second.x, 'the first word is the rightmost');
  assert.ok(first.x1 > article[2] - 60, `right-aligned: ${first.x1} near ${article[2]}`);
  assert.ok(latin.x0 < article[0] + 40, 'left-to-right paragraphs stay left-aligned');
  // the Arabic words are shaped (joined) by the browser, each drawn whole
  assert.ok((await debug(page)).imageWords >= arabic.split(' ').length, 'every Arabic word drawn whole, its letters joined');
  await page.screenshot({ path: `${outDir}/rtl.png` });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('links: lanes between the lines, never across words, one colour per source; tooltips beside their claim', async () => {
  for (const viewport of [{ width: 1280, height: 860 }, { width: 390, height: 844 }]) {
    const { context, page, seen } = await openPage(browser, { viewport });
    await frames(page);
    await page.keyboard.press('l');
    await frames(page, 4);
    const d = await debug(page);
    assert.ok(d.links >= 4, `links: ${d.links}`);
    assert.equal(d.linkCrossings, 0, 'no link runs over a word');
    if (viewport.width < 500) assert.ok(d.linkPaths.some((path) => path.length >= 6), 'some link goes by the margin to another line');
    await page.screenshot({ path: `${outDir}/links-${viewport.width}.png` });
    await page.keyboard.press('l');
    // every claim's tooltip: inside the screen, off its words
    const doc = await docOf(page);
    for (let q = 0; q < Math.min(doc.quotes.length, 8); q++) {
      let p = null;
      for (let k = 0; k < 30; k++) {
        p = await page.evaluate((i) => window.whosaid.claimPoint(i), q);
        if (p && p.visible) break;
        await settle(page);
      }
      await frames(page, 4);
      p = await page.evaluate((i) => window.whosaid.claimPoint(i), q);
      await page.mouse.move(p.x, p.y);
      await frames(page, 4);
      const h = await debug(page);
      if (h.hoveredQuote !== q || !h.tooltip) continue;
      assert.ok(!overlap(h.tooltip, h.tooltipFor), `claim ${q}: the tooltip ${h.tooltip} leaves ${h.tooltipFor} free`);
      assert.ok(h.tooltip[0] >= 0 && h.tooltip[2] <= viewport.width && h.tooltip[3] <= viewport.height, `claim ${q}: on the screen`);
    }
    assert.deepEqual(seen.errors, []);
    await context.close();
  }
});

test('grammar: G, then the word under the pointer shows its head and dependents, named in plain words; on a tablet a tap on Grammar, then on a word', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 1280, height: 860 } });
  await paste(page, ARTICLE);
  await frames(page);
  await page.keyboard.press('g');
  await frames(page);
  assert.equal((await debug(page)).grammar.on, true);
  const p = await wordsPoint(page, ARTICLE, 'said', ARTICLE.indexOf('Lopes said'));
  await page.mouse.move(p.x, p.y);
  await frames(page, 4);
  const d = await debug(page);
  assert.match(d.grammar.note, /^\u201Csaid\u201D is a verb/);
  assert.ok(d.grammar.arcs >= 2, `arcs: ${d.grammar.arcs}`);
  assert.ok(d.tooltip && !overlap(d.tooltip, d.tooltipFor), 'the tooltip leaves the word free');
  await page.screenshot({ path: `${outDir}/grammar.png` });
  await page.keyboard.press('g');
  await frames(page, 4);
  const off = await debug(page);
  assert.equal(off.grammar.on, false);
  assert.equal(off.grammar.arcs, 0);
  assert.deepEqual(seen.errors, []);
  await context.close();

  const tab = await openPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true });
  await paste(tab.page, ARTICLE);
  await frames(tab.page);
  const g = await item(tab.page, 'Grammar');
  await tab.page.touchscreen.tap(g.x, g.y);
  await frames(tab.page, 4);
  assert.equal((await debug(tab.page)).grammar.on, true);
  const w = await wordsPoint(tab.page, ARTICLE, 'councillor');
  await tab.page.touchscreen.tap(w.x, w.y);
  await frames(tab.page, 6);
  assert.match((await debug(tab.page)).grammar.note, /^\u201Ccouncillor\u201D is a noun/);
  assert.ok((await debug(tab.page)).grammar.arcs >= 1);
  assert.deepEqual(tab.seen.errors, []);
  await tab.context.close();
});

test('what a reader tells apart: arrowheads, a colour per source, faint unsure claims with their number, one colour per actor, cut names in full on hover', async () => {
  const { context, page, seen } = await openPage(browser, { viewport: { width: 1280, height: 860 } });
  const longName = 'the Northern Regional Ferry and Harbour Authority of the Outer Coastal Islands';
  // a bare quotation before anyone speaks, said by no one: the tool is unsure of it
  const text = 'Port news\n\nThe council met on Monday.\n\n“We will not pay for this.”' + ARTICLE.slice(ARTICLE.indexOf('\n\n')) +
    `\n\nA spokesman for ${longName} said the timetable was fixed.`;
  await paste(page, text);
  await frames(page);
  await page.keyboard.press('l');
  await frames(page, 4);
  let d = await debug(page);
  const doc = await docOf(page);
  // every link whose source is in view ends in an arrowhead
  assert.ok(d.linksDrawn.length >= 4, `links: ${d.linksDrawn.length}`);
  assert.equal(d.linksDrawn.filter((l) => l.arrow).length, d.links - d.offscreenLinks, 'an arrowhead on every link to a source in view');
  // one colour per source actor, and different actors in different colours
  const byActor = new Map();
  for (const l of d.linksDrawn.filter((l) => l.entity >= 0)) byActor.set(l.entity, (byActor.get(l.entity) || new Set()).add(l.color));
  assert.ok(byActor.size >= 3, `source actors: ${byActor.size}`);
  for (const [e, colours] of byActor) assert.equal(colours.size, 1, `actor ${e}: one colour`);
  const colours = [...byActor.values()].map((c) => [...c][0]);
  assert.equal(new Set(colours).size, colours.length, 'each source actor a colour of its own');
  await page.keyboard.press('l');
  await frames(page);
  // confidence: the unsure claim is fainter and thinner, and its tooltip says the number
  const unsure = doc.quotes.findIndex((q) => q.confidence < 0.5);
  const sure = doc.quotes.findIndex((q) => q.confidence >= 0.8);
  assert.ok(unsure >= 0 && sure >= 0, 'the article has an unsure claim and a sure one');
  let p = null;
  for (let k = 0; k < 40; k++) {
    p = await page.evaluate((i) => window.whosaid.claimPoint(i), unsure);
    if (p && p.visible) break;
    await page.mouse.wheel(0, 200);
    await settle(page);
  }
  await frames(page, 4);
  d = await debug(page);
  const line = (q) => d.underlinesDrawn.find((u) => u.quote === q);
  assert.ok(line(unsure) && line(sure), 'both underlines drawn');
  assert.ok(line(unsure).alpha < 0.5 && line(sure).alpha > 0.9, `faint below 50 %: ${line(unsure).alpha} against ${line(sure).alpha}`);
  assert.ok(line(unsure).thickness < line(sure).thickness);
  for (const [q, re] of [[unsure, /^confidence \d+% \(unsure\)$/], [sure, /^confidence \d+%$/]]) {
    p = await page.evaluate((i) => window.whosaid.claimPoint(i), q);
    if (!p || !p.visible) continue;
    await page.mouse.move(p.x, p.y);
    await frames(page, 4);
    d = await debug(page);
    assert.equal(d.hoveredQuote, q);
    assert.match(d.tooltipConfidence, re);
    assert.equal(d.tooltipConfidence.match(/\d+/)[0], String(Math.round(doc.quotes[q].confidence * 100)));
  }
  // an actor has one colour, in the text and in the Actors list
  await page.mouse.move(5, 850);
  await frames(page);
  d = await debug(page);
  const inList = new Map(d.actorRowColors);
  const shared = d.mentionColors.filter(([e]) => e >= 0 && inList.has(e));
  assert.ok(shared.length >= 4, `actors both in the text and in the list: ${shared.length}`);
  for (const [e, c] of shared) assert.equal(c, inList.get(e), `actor ${doc.entities[e]?.name}: the same colour in the text and the list`);
  // a name too long for the panel ends in "…" and shows in full on hover
  const ent = doc.entities.find((e) => e.name.includes('Northern Regional Ferry'));
  assert.ok(ent, 'the long name is an actor');
  const row = (await debug(page)).items.find((i) => i.control && i.label === ent.name);
  assert.ok(row, 'its row in the Actors list');
  await page.mouse.move(row.x, row.y);
  await frames(page, 4);
  assert.equal((await debug(page)).fullText, ent.name, 'the whole name on hover');
  await page.screenshot({ path: `${outDir}/reader.png` });
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('text fields: Enter breaks the line at the caret; Esc asks before throwing typed text away', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, 'One short line.');
  await frames(page);
  const edit = await item(page, 'Edit text');
  await page.mouse.click(edit.x, edit.y);
  await frames(page, 4);
  assert.equal((await debug(page)).field?.kind, 1, 'the editor has the caret');
  await page.keyboard.press('End');
  await page.keyboard.type(' ab');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.keyboard.type('c');
  await frames(page);
  assert.equal((await debug(page)).field.text, 'One short line. a\ncb');
  // Esc: the text changed, so the page asks; Keep editing keeps it
  await page.keyboard.press('Escape');
  await frames(page, 4);
  assert.equal((await debug(page)).discardAsk, true);
  await item(page, 'Keep editing');
  await page.keyboard.press('Enter');
  await frames(page, 4);
  let d = await debug(page);
  assert.equal(d.discardAsk, false);
  assert.equal(d.editing, true);
  assert.equal(d.field.text, 'One short line. a\ncb');
  // Esc again, then Discard: the editor closes, the article as it was
  await page.keyboard.press('Escape');
  await frames(page, 4);
  const discard = await item(page, 'Discard');
  await page.mouse.click(discard.x, discard.y);
  await frames(page, 4);
  d = await debug(page);
  assert.equal(d.editing, false);
  assert.equal((await docOf(page)).text, 'One short line.');
  // an unchanged field: Esc just cancels it
  await page.mouse.click(edit.x, edit.y);
  await frames(page, 4);
  await page.keyboard.press('Escape');
  await frames(page, 4);
  d = await debug(page);
  assert.equal(d.discardAsk, false);
  assert.equal(d.editing, false);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('screen readers: actions are announced in a live region', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  await frames(page);
  await page.keyboard.press('j');
  await frames(page);
  const said = await page.evaluate(() => window.whosaid.announced);
  assert.match(said.at(-1), /^Claim 1 of \d+, .+ said by .+, confidence \d+%\.$/);
  assert.equal(await page.evaluate(() => document.getElementById('announce').getAttribute('aria-live')), 'polite');
  assert.ok(await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'Piotr Nowak' } })));
  assert.match(await page.evaluate(() => document.getElementById('status').textContent), /^Done: /);
  assert.deepEqual(seen.errors, []);
  await context.close();
});

test('an idle page draws no frames: at most 2 in the 5 s after a paste, none under a button held still, and a drag held at the edge scrolls on', async () => {
  const { context, page, seen } = await openPage(browser);
  await paste(page, ARTICLE);
  await frames(page, 6);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.whosaid.frames);
  await page.waitForTimeout(5000);
  const idle = (await page.evaluate(() => window.whosaid.frames)) - before;
  console.log(`frames drawn in 5 s of idle: ${idle}`);
  assert.ok(idle <= 2, `${idle} frames while idle`);
  // input wakes it; it goes quiet again
  await page.mouse.move(300, 300);
  await page.mouse.move(310, 320);
  await frames(page, 4);
  assert.ok((await page.evaluate(() => window.whosaid.frames)) > before + idle);
  await page.waitForTimeout(500);
  const after = await page.evaluate(() => window.whosaid.frames);
  await page.waitForTimeout(2000);
  assert.ok((await page.evaluate(() => window.whosaid.frames)) - after <= 1);
  // a button held still: quiet too; held at the article's bottom edge while selecting, the article scrolls on
  await paste(page, Array(8).fill(ARTICLE).join('\n\n'));
  await frames(page, 6);
  const article = (await debug(page)).article;
  await page.mouse.move(article[0] + 60, article[1] + 60);
  await page.mouse.down();
  await page.waitForTimeout(800);
  const held = await page.evaluate(() => window.whosaid.frames);
  await page.waitForTimeout(2000);
  const heldFrames = (await page.evaluate(() => window.whosaid.frames)) - held;
  console.log(`frames drawn in 2 s with the button held still: ${heldFrames}`);
  assert.ok(heldFrames <= 2, `${heldFrames} frames under a held button`);
  const top = (await debug(page)).scroll;
  await page.mouse.move(article[0] + 200, article[3] - 2, { steps: 4 });
  await page.waitForTimeout(1500);
  const scrolled = (await debug(page)).scroll;
  assert.ok(scrolled > top + 100, `dragged to the edge and held: scrolled from ${top} to ${scrolled}`);
  await page.mouse.up();
  assert.deepEqual(seen.errors, []);
  await context.close();
});
