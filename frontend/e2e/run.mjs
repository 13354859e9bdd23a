#!/usr/bin/env node
// Runs the end-to-end scenarios in Debian's Chromium against a running stack:
//   E2E_API_URL (default http://127.0.0.1:8000), E2E_WEB_URL (default http://127.0.0.1:5173),
//   E2E_ADMIN_USERNAME / E2E_ADMIN_PASSWORD for the admin scenarios.
// Screenshots (1280 px and 375 px) go to e2e/artifacts/; screens.mjs adds every page as every
// role at both widths in both colour schemes (e2e/artifacts/screens/). Ends with "N passed, N failed".
import { existsSync } from 'node:fs';
import { a11yIssues, config, cutOffIssues, launch, layoutIssues, waitForService } from './lib.mjs';
import { scenarios } from './scenarios.mjs';
import { screenScenarios } from './screens.mjs';

const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;

async function main() {
  if (!existsSync(config.chromium)) {
    console.error(`e2e: Chromium not found at ${config.chromium} (apt-get install -y chromium)`);
    return 2;
  }
  await waitForService(`${config.apiUrl}/`, 'the API');
  await waitForService(`${config.webUrl}/`, 'the web app');
  console.log(`e2e: API ${config.apiUrl}, web ${config.webUrl}`);

  const browser = await launch();
  const ctx = {};
  const errors = [];
  const results = new Map();
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    for (const s of [...scenarios, ...screenScenarios]) {
      if (only && !only.test(s.name)) continue;
      const missing = (s.needs ?? []).filter((n) => results.get(n) !== 'passed');
      if (missing.length && !only) {
        results.set(s.name, 'skipped');
        skipped += 1;
        console.log(`- ${s.name} (skipped: needs ${missing.join(', ')})`);
        continue;
      }
      const started = Date.now();
      try {
        await s.run({ browser, errors, ctx });
        results.set(s.name, 'passed');
        passed += 1;
        console.log(`✓ ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (e) {
        results.set(s.name, 'failed');
        failed += 1;
        console.log(
          `✗ ${s.name}\n    ${String(e?.message ?? e)
            .split('\n')
            .slice(0, 8)
            .join('\n    ')}`,
        );
        for (const page of [ctx.userPage, ctx.adminPage, ctx.anonPage]) {
          if (page && !page.isClosed()) {
            const name = `failure-${s.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}-${page === ctx.adminPage ? 'admin' : page === ctx.userPage ? 'user' : 'anon'}.png`;
            await page.screenshot({ path: new URL(`./artifacts/${name}`, import.meta.url).pathname, fullPage: true }).catch(() => undefined);
          }
        }
      } finally {
        if (s.cleanup) await s.cleanup({ browser, errors, ctx }).catch((e) => console.log(`  cleanup of "${s.name}" failed: ${e.message}`));
      }
    }
    const uncaught = errors.filter((e) => !/ResizeObserver loop/.test(e));
    if (uncaught.length) {
      failed += 1;
      console.log(`✗ no uncaught errors in the pages\n    ${uncaught.slice(0, 10).join('\n    ')}`);
    } else {
      passed += 1;
      console.log('✓ no uncaught errors in the pages');
    }
    if (layoutIssues.length) {
      failed += 1;
      console.log(`✗ every page fits its width (no sideways scrolling)\n    ${layoutIssues.join('\n    ')}`);
    } else {
      passed += 1;
      console.log('✓ every page fits its width (no sideways scrolling)');
    }
    if (cutOffIssues.length) {
      failed += 1;
      console.log(`✗ no table cell or button is cut off\n    ${cutOffIssues.join('\n    ')}`);
    } else {
      passed += 1;
      console.log('✓ no table cell or button is cut off');
    }
    if (a11yIssues.length) {
      failed += 1;
      console.log(`✗ no serious accessibility violations (axe-core, WCAG 2.1 AA)\n    ${a11yIssues.join('\n    ')}`);
    } else {
      passed += 1;
      console.log('✓ no serious accessibility violations (axe-core, WCAG 2.1 AA)');
    }
  } finally {
    await browser.close();
  }
  console.log('screenshots: e2e/artifacts/');
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`e2e: ${e?.stack ?? e}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
