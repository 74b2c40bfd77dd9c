// The page in headless Chromium (as tests/e2e launch it): first annotated
// frame, from navigation, median of RUNS fresh page loads, and the median of
// each start-up phase (whosaid.startup). Prints one JSON line.
//
//   node bench/page.mjs [RUNS=5]
import { launch, openPage } from '../tests/e2e/browser.mjs';

const runs = Number(process.argv[2] || 5);
const browser = await launch();
const times = [];
const phases = [];
try {
  for (let i = 0; i < runs; ++i) {
    const { context, page } = await openPage(browser);
    await page.waitForFunction(() => window.whosaid.firstFrameMs !== null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.whosaid.firstFrameMs));
    phases.push(await page.evaluate(() => window.whosaid.startup));
    await context.close();
  }
} finally {
  await browser.close();
}
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const startup = {};
for (const key of Object.keys(phases[0] || {})) startup[key] = Math.round(median(phases.map((p) => p[key])));
console.log(JSON.stringify({ first_frame_ms: Math.round(median(times)), runs: times.map(Math.round), startup }));
