// Classroom end to end: a teacher corrects and saves a lesson, a student opens
// it (markup hidden), marks a claim and its speaker, reveals and saves the
// work; the teacher loads it into a class summary. Autosave survives a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, settle, outDir } from './browser.mjs';

const ARTICLE = 'Harbour council debates ferry fares\n\n' +
  'Mayor Ana Lopes said on Monday that ferry fares would stay the same this year.\n\n' +
  '“We promised stable prices and we will keep that promise,” Lopes told the council.\n\n' +
  'Opposition councillor Piotr Nowak said the budget did not add up. “Someone will pay for this later,” he warned.\n\n' +
  'Two port officials, who asked not to be named, said the operator had already asked for a subsidy.';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cp = (s, sub, from = 0) => { const i = Array.from(s).join('').indexOf(sub, from); return Array.from(s.slice(0, i)).length; };
async function download(page, fn) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.evaluate(fn)]);
  return readFileSync(await d.path(), 'utf8');
}
async function dropFile(page, name, content) {
  await page.evaluate(([n, c]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([c], n, { type: 'application/json' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, content]);
}

test('a lesson from teacher to student and back', async () => {
  // Teacher: annotate, correct one claim's speaker, save the lesson.
  const teacher = await openPage(browser);
  const tp = teacher.page;
  await tp.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  const tool = JSON.parse(await tp.evaluate(() => window.whosaid.documentJson()));
  assert.ok(tool.quotes.length >= 2, `the tool finds claims: ${tool.quotes.length}`);
  const ana = tool.mentions.findIndex((m) => m.text === 'Ana Lopes');
  assert.ok(ana >= 0, 'the tool finds Ana Lopes');
  const claimIdx = tool.quotes.findIndex((q) => ARTICLE.includes('“We promised') && q.start === cp(ARTICLE, '“We promised'));
  const target = claimIdx >= 0 ? claimIdx : 0;
  assert.ok(await tp.evaluate(([q, m]) => window.whosaid.reassignSpeaker(q, m), [target, ana]));
  const lessonText = await download(tp, () => window.whosaid.saveLesson({
    title: 'Who sets the ferry fares?', instructions: 'Mark every claim and who made it.',
    questions: ['Which source is anonymous?'] }));
  const lesson = JSON.parse(lessonText);
  assert.equal(lesson.schema, 'whosaid-lesson/1');
  assert.equal(lesson.has_key, true);
  const key = lesson.document;
  assert.equal(key.quotes[target].why, 'corrected by hand');

  // Student: open the lesson; the tool's markup is hidden.
  const student = await openPage(browser);
  const sp = student.page;
  await dropFile(sp, 'lesson.whosaid.json', lessonText);
  await sp.waitForFunction(() => window.whosaid.comparison().mode === 'student');
  let marks = JSON.parse(await sp.evaluate(() => window.whosaid.documentJson()));
  assert.equal(marks.text, ARTICLE);
  assert.equal(marks.quotes.length, 0, 'markup hidden');
  assert.equal(marks.mentions.length, 0, 'markup hidden');
  await sp.evaluate(() => window.whosaid.setStudentName('Sam'));
  // Mark Ana Lopes as a person, the claim, and who said it.
  const a = cp(ARTICLE, 'Ana Lopes');
  assert.ok(await sp.evaluate(([s, e]) => window.whosaid.studentMark(s, e, 'PER'), [a, a + 9]));
  const kq = key.quotes[target];
  assert.ok(await sp.evaluate(([s, e]) => window.whosaid.studentClaim(s, e), [kq.start, kq.end]));
  assert.ok(await sp.evaluate(() => window.whosaid.studentSpeaker(0, 0)));
  marks = JSON.parse(await sp.evaluate(() => window.whosaid.documentJson()));
  assert.equal(marks.quotes.length, 1);
  assert.equal(marks.quotes[0].source_text, 'Ana Lopes');

  // Autosave: a reload keeps the lesson and the marks.
  await sp.reload();
  await sp.waitForFunction(() => window.whosaid && window.whosaid.ready === true);
  assert.equal(await sp.evaluate(() => window.whosaid.comparison().mode), 'student');
  assert.equal(JSON.parse(await sp.evaluate(() => window.whosaid.documentJson())).quotes.length, 1);

  // Reveal: one claim found with the right speaker, the others missed.
  assert.ok(await sp.evaluate(() => window.whosaid.reveal()));
  const cmp = await sp.evaluate(() => window.whosaid.comparison());
  assert.equal(cmp.mode, 'reveal');
  assert.deepEqual(cmp.claims, { right: 1, total: key.quotes.length });
  assert.deepEqual(cmp.speakers, { right: 1, total: 1 });
  assert.equal(cmp.claim_checks[target].speaker_right, true);
  assert.match(cmp.claim_checks[target].why, /Ana Lopes/);
  const anonymous = key.quotes.filter((q) => q.source_kind === 'anonymous').length;
  assert.deepEqual(cmp.anonymous, { right: 0, total: anonymous });
  await settle(sp);
  await sp.screenshot({ path: `${outDir}/classroom-reveal.png` });
  const workText = await download(sp, () => window.whosaid.saveWork());
  const work = JSON.parse(workText);
  assert.equal(work.schema, 'whosaid-student/1');
  assert.equal(work.student, 'Sam');

  // Teacher: open the lesson, then the student's work: a class summary.
  await dropFile(tp, 'lesson.whosaid.json', lessonText);
  await tp.waitForFunction(() => window.whosaid.comparison().mode === 'student');
  await dropFile(tp, 'sam.whosaid-work.json', workText);
  await tp.waitForFunction(() => window.whosaid.classSummary().students === 1);
  const summary = await tp.evaluate(() => window.whosaid.classSummary());
  assert.deepEqual(summary.names, ['Sam']);
  assert.equal(summary.claim_missed_by[target], 0);
  assert.equal(summary.claim_missed_by.reduce((x, y) => x + y, 0), key.quotes.length - 1);
  await settle(tp);
  await tp.screenshot({ path: `${outDir}/classroom-summary.png` });

  // A foreign or broken file gets a message and changes nothing.
  await dropFile(sp, 'odd.json', '{"schema":"whosaid-lesson/9","document":{}}');
  await sp.waitForFunction(() => JSON.stringify(window.whosaid.comparison()).length > 0);
  for (const s of [teacher, student]) {
    assert.deepEqual(s.seen.requests, []);
    assert.deepEqual(s.seen.errors, []);
    await s.context.close();
  }
});

// Bounded recursion (issue 18): a lesson, a student's work or a saved entry
// nested 10,000 levels deep threw an uncaught RangeError and showed nothing.
// Now each is refused with a message, and the page goes on working.
test('deeply nested lesson, work and saved entry get a message, not a crash', async () => {
  const s = await openPage(browser);
  const p = s.page;
  await p.evaluate((t) => window.whosaid.annotate(t), ARTICLE);
  const before = await p.evaluate(() => window.whosaid.documentJson());
  const levels = 10000;
  const deepDoc = '{"schema":"whosaid/1","text":"x","extra":' + '['.repeat(levels) + ']'.repeat(levels) + '}';
  for (const [name, file, what] of [
    ['deep.whosaid.json', `{"schema":"whosaid-lesson/1","title":"Deep","document":${deepDoc}}`, /^deep\.whosaid\.json: lesson: the JSON is nested more than 128 levels deep/],
    ['deep.whosaid-work.json', `{"schema":"whosaid-student/1","student":"Sam","document":${deepDoc}}`, /nested more than 128 levels deep/],
    ['deep.json', deepDoc, /^deep\.json: whosaid\/1: the JSON is nested more than 128 levels deep/],
  ]) {
    await dropFile(p, name, file);
    await p.waitForFunction((src) => new RegExp(src).test(window.whosaid.status().text), what.source);
    const status = await p.evaluate(() => window.whosaid.status());
    assert.match(status.text, what, name);
    assert.equal(await p.evaluate(() => window.whosaid.documentJson()), before, `${name}: the article is kept`);
  }
  // a saved entry that deep (storage is shared by every page of the origin)
  const restored = await p.evaluate((d) => {
    const M = window.whosaid.module;
    const bytes = new TextEncoder().encode(d + '\0');
    const ptr = M._malloc(bytes.length);
    M.HEAPU8.set(bytes, ptr);
    try { return M._whosaid_restore(ptr); } finally { M._free(ptr); }
  }, `{"schema":"whosaid-entry/1","document":${deepDoc}}`);
  assert.equal(restored, 0);
  assert.match((await p.evaluate(() => window.whosaid.status())).text, /Could not restore the saved work: the saved JSON is nested more than 128/);
  assert.equal(await p.evaluate(() => window.whosaid.documentJson()), before);
  assert.deepEqual(s.seen.errors, []);
  await s.context.close();
});
