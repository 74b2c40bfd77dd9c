// The README's screenshots (not a test):
//   node tests/e2e/readme_shots.mjs
//   → web/screenshot.png (desktop), web/phone.png, web/tablet.png, web/find.png,
//     web/links.png, web/grammar.png, web/editing.png, web/library.png
// CJK and emoji in the pictures need system fonts for them (on Debian:
// fonts-droid-fallback, fonts-noto-color-emoji); the page ships none.
import { readFileSync } from 'node:fs';
import { launch, openPage, paste, settle, root } from './browser.mjs';

const ARTICLE = 'Ferry fares stay, says the mayor\n\n' +
  'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.\n\n' +
  '“We promised stable prices and we will keep that promise,” Lopes told the council.\n\n' +
  'Opposition councillor Piotr Nowak said the budget did not add up. “Someone will pay for this later,” he warned.\n\n' +
  'Two port officials, who asked not to be named, said the operator had already asked for a subsidy.\n\n' +
  'The president said from the capital that a short statement would follow.';
const frames = async (page, n = 4) => { for (let i = 0; i < n; i++) await settle(page); };
const cp = (s, sub) => Array.from(s.slice(0, s.indexOf(sub))).length;
async function point(page, text, words) {
  const a = cp(text, words);
  let p = null;
  for (let k = 0; k < 20; k++) { p = await page.evaluate(([x, y]) => window.whosaid.textPoint(x, y), [a, a + Array.from(words).length]); await settle(page); }
  return p;
}
const item = async (page, label) => (await page.evaluate(() => window.whosaid.debug())).items.find((i) => i.label.startsWith(label));
async function hoverClaim(page, q) {
  let p = null;
  for (let k = 0; k < 20; k++) { p = await page.evaluate((i) => window.whosaid.claimPoint(i), q); await settle(page); }
  await page.mouse.move(p.x, p.y);
  await frames(page, 6);
}
const browser = await launch();

// Desktop: the sample, a claim hovered (its link, its details beside it).
{
  const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 860 } });
  await frames(page);
  await hoverClaim(page, 4);
  await page.screenshot({ path: `${root}/web/screenshot.png` });
  // All links: one colour per source, in the gaps between the lines or along the margin, with arrowheads.
  await page.setViewportSize({ width: 720, height: 860 });
  await page.mouse.move(715, 855);
  await page.keyboard.press('l');
  await frames(page, 6);
  await page.screenshot({ path: `${root}/web/links.png` });
  await page.keyboard.press('l');
  await page.setViewportSize({ width: 1280, height: 860 });
  await frames(page, 6);
  // Grammar: G, then a word under the pointer: its head and dependents, named.
  {
    const sample = readFileSync(`${root}/assets/sample.txt`, 'utf8');
    await page.keyboard.press('g');
    const w = await point(page, sample, 'defended');
    await page.mouse.move(w.x, w.y);
    await frames(page, 6);
    await page.screenshot({ path: `${root}/web/grammar.png`, clip: { x: 0, y: 0, width: 1280, height: 430 } });
    await page.keyboard.press('g');
    await page.mouse.move(715, 855);
    await frames(page, 6);
  }
  // The find bar: Ctrl+F, a word, its matches.
  await page.keyboard.press('Control+f');
  await frames(page);
  await page.keyboard.type('bridge');
  await page.keyboard.press('Enter');
  await frames(page, 6);
  await page.screenshot({ path: `${root}/web/find.png`, clip: { x: 0, y: 0, width: 1280, height: 430 } });
  await context.close();
}

// A phone: the menu folded, the panels a bottom sheet; then the menu open.
{
  const { page, context } = await openPage(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  await frames(page);
  const shots = [];
  await page.screenshot({ path: '/tmp/whosaid-phone-a.png' });
  const menu = await item(page, 'Menu');
  await page.touchscreen.tap(menu.x, menu.y);
  await frames(page, 6);
  await page.screenshot({ path: '/tmp/whosaid-phone-b.png' });
  await page.touchscreen.tap(372, 26);  // beside the bar's buttons: the menu closes
  await frames(page);
  const sheet = await item(page, 'Panels');
  await page.touchscreen.tap(sheet.x, sheet.y);
  await frames(page, 6);
  await page.screenshot({ path: '/tmp/whosaid-phone-c.png' });
  shots.push('/tmp/whosaid-phone-a.png', '/tmp/whosaid-phone-b.png', '/tmp/whosaid-phone-c.png');
  // three phone screens side by side, in one picture (drawn by the browser itself)
  const tiles = shots.map((p) => 'data:image/png;base64,' + readFileSync(p).toString('base64'));
  await context.close();
  const strip = await (await browser.newContext({ viewport: { width: 3 * 390 + 4 * 16, height: 844 + 32 } })).newPage();
  await strip.setContent(`<body style="margin:0;background:#ddd;display:flex;gap:16px;padding:16px">${tiles.map((t) => `<img src="${t}" width=390 height=844 style="box-shadow:0 2px 8px #0004">`).join('')}</body>`);
  await strip.waitForFunction(() => Array.from(document.images).every((i) => i.complete));
  await strip.screenshot({ path: `${root}/web/phone.png` });
  await strip.context().close();
}

// A tablet (820×1180, touch): the toolbar wraps, the panels below the article, 44 px targets.
{
  const { page, context } = await openPage(browser, { viewport: { width: 820, height: 1180 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  await frames(page);
  await page.screenshot({ path: `${root}/web/tablet.png` });
  await context.close();
}

// Corrections: a right-click on a claim, the Edits tab.
{
  const { page, context } = await openPage(browser, { viewport: { width: 1280, height: 720 } });
  await paste(page, ARTICLE);
  await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } }));
  await page.evaluate(() => window.whosaid.edit({ op: 'mention.add', at: { exact: 'the council' }, label: 'ORG' }));
  await page.evaluate(() => window.whosaid.edit({ op: 'claim.not', at: { exact: 'that a short statement would follow' } }));
  await page.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Piotr Nowak' }, name: 'Councillor Piotr Nowak' }));
  await frames(page);
  const tab = await item(page, 'Edits (');
  await page.mouse.click(tab.x, tab.y);
  await frames(page);
  const p = await point(page, ARTICLE, 'did not add up');
  await page.mouse.move(p.x0 + 3, p.y);
  await frames(page, 2);
  await page.mouse.click(p.x0 + 3, p.y, { button: 'right' });
  await frames(page);
  const kind = await item(page, 'Change its kind');
  if (kind) { await page.mouse.move(kind.x, kind.y); await frames(page, 6); }
  await page.screenshot({ path: `${root}/web/editing.png` });
  await page.keyboard.press('Escape');
  await page.mouse.click(5, 600);
  await frames(page);
  // a second article and a lesson, then the library
  await page.evaluate(() => window.whosaid.annotate('Library opens on Sundays\n\nThe town librarian, Marta Sousa, said the reading room would open on Sundays from March. “Families asked for it,” she said.'));
  await page.evaluate(() => window.whosaid.saveLesson({ title: 'Who asked for Sundays?', instructions: '', questions: [] }));
  await frames(page);
  const lib = await item(page, 'Library');
  await page.mouse.click(lib.x, lib.y);
  await frames(page, 6);
  await page.screenshot({ path: `${root}/web/library.png` });
  await context.close();
}
console.log('wrote web/screenshot.png, phone.png, tablet.png, find.png, links.png, editing.png, library.png');
await browser.close();
