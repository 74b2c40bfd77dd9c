// The README's screenshots of correcting and of the library (not a test):
//   node tests/e2e/readme_shots.mjs   → web/editing.png, web/library.png
import { launch, openPage, paste, settle, root } from './browser.mjs';

const ARTICLE = 'Ferry fares stay, says the mayor\n\n' +
  'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.\n\n' +
  '“We promised stable prices and we will keep that promise,” Lopes told the council.\n\n' +
  'Opposition councillor Piotr Nowak said the budget did not add up. “Someone will pay for this later,” he warned.\n\n' +
  'Two port officials, who asked not to be named, said the operator had already asked for a subsidy.\n\n' +
  'The president responded from the capital with a short statement.';
const frames = async (page, n = 4) => { for (let i = 0; i < n; i++) await settle(page); };
const cp = (s, sub) => Array.from(s.slice(0, s.indexOf(sub))).length;
async function point(page, words) {
  const a = cp(ARTICLE, words);
  let p = null;
  for (let k = 0; k < 20; k++) { p = await page.evaluate(([x, y]) => window.whosaid.textPoint(x, y), [a, a + Array.from(words).length]); await settle(page); }
  return p;
}
const item = async (page, label) => (await page.evaluate(() => window.whosaid.debug())).items.find((i) => i.label.startsWith(label));

const browser = await launch();
const { page } = await openPage(browser, { viewport: { width: 1280, height: 720 } });
await paste(page, ARTICLE);
await page.evaluate(() => window.whosaid.edit({ op: 'mention.remove', at: { exact: 'The president' } }));
await page.evaluate(() => window.whosaid.edit({ op: 'mention.add', at: { exact: 'the council' }, label: 'ORG' }));
await page.evaluate(() => window.whosaid.edit({ op: 'claim.not', at: { exact: 'from the capital with a short statement' } }));
await page.evaluate(() => window.whosaid.edit({ op: 'actor.rename', at: { exact: 'Piotr Nowak' }, name: 'Councillor Piotr Nowak' }));
// the Edits tab: where the side panel's tab bar is, then the last tab
const tab = await page.evaluate(() => window.whosaid.debug());
await page.mouse.click(1105, 100);
await frames(page);
// a right-click on a claim
const p = await point(page, 'did not add up');
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
console.log('wrote web/editing.png and web/library.png', tab.articleTop);
await browser.close();
