// The page in headless Chromium (as tests/e2e launch it): first annotated
// frame, from navigation, median of RUNS fresh page loads. Prints one JSON line.
//
//   node bench/page.mjs [RUNS=5]
import { launch, openPage } from '../tests/e2e/browser.mjs';

const runs = Number(process.argv[2] || 5);
const browser = await launch();
const times = [];
try {
  for (let i = 0; i < runs; ++i) {
    const { context, page } = await openPage(browser);
    await page.waitForFunction(() => window.whosaid.firstFrameMs !== null, null, { timeout: 30000 });
    times.push(await page.evaluate(() => window.whosaid.firstFrameMs));
    await context.close();
  }
} finally {
  await browser.close();
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ first_frame_ms: Math.round(times[times.length >> 1]), runs: times.map(Math.round) }));
