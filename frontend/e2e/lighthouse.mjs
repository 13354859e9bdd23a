#!/usr/bin/env node
// Lighthouse budget: accessibility and best practices at least LIGHTHOUSE_MIN (default 95) on
// every page, as a phone (375 px, mobile) and on a desktop: the public pages signed out, then every
// signed-in page as the administrator (who may open them all), against the built SPA on a running
// stack (same E2E_* variables as `npm run e2e`). One navigation per page and form factor, one browser. Debian's Chromium is launched by playwright-core with
// a remote-debugging port; Lighthouse attaches to it and audits each URL in the browser's default
// context, keeping its storage (disableStorageReset) so the signed-in pages stay signed in.
// Reports go to e2e/artifacts/lighthouse/ (<page>.json, summary.json, summary.txt).
// Prints one line per page and `lighthouse: home_a11y=.. home_bp=.. ...`; exits 1 below budget.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { apiFetch, ARTIFACTS, CHROMIUM_ARGS, config, SESSION_KEY, sampleCustomer, waitForService } from './lib.mjs';

const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
const OUT = join(ARTIFACTS, 'lighthouse');
const CATEGORIES = [
  ['accessibility', 'a11y'],
  ['best-practices', 'bp'],
];
const PUBLIC = [
  ['home', '/'],
  ['about', '/about'],
  ['docs', '/docs'],
  ['login', '/login'],
  ['register', '/register'],
  ['admin-login', '/admin/login'],
  ['forgot-password', '/forgot-password'],
  ['reset-password', '/reset-password'],
];
const SIGNED_IN = [
  ['dashboard', '/dashboard'],
  ['batch', '/batch'],
  ['history', '/history'],
  ['history-single', '/history/:single'],
  ['history-batch', '/history/:batch'],
  ['profiles', '/profiles'],
  ['account', '/account'],
  ['data', '/data'],
  ['dataset', '/data/:dataset'],
  ['models', '/models'],
  ['admin-users', '/admin/users'],
  ['admin-stats', '/admin/stats'],
  ['admin-audit', '/admin/audit'],
];
const ONLY = process.env.LIGHTHOUSE_ONLY ? new RegExp(process.env.LIGHTHOUSE_ONLY) : null;

const NO_THROTTLING = { rttMs: 0, throughputKbps: 0, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0, cpuSlowdownMultiplier: 1 };

/** No throttling: the budget is about the app, not about a simulated network. */
const settings = (formFactor) => ({
  onlyCategories: CATEGORIES.map(([id]) => id),
  formFactor,
  screenEmulation:
    formFactor === 'mobile'
      ? { mobile: true, width: 375, height: 812, deviceScaleFactor: 2, disabled: false }
      : { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
  // 'simulate' loads the page unthrottled and would only model throttling for the performance
  // category, which is not audited here. 'provided' would instead force Lighthouse's observed-load
  // windows (5.25 s of network and CPU quiet, config.js overrideThrottlingWindows), so every page
  // took 13-15 s, close to maxWaitForLoad; with the windows below a page takes about 2 s.
  throttlingMethod: 'simulate',
  throttling: NO_THROTTLING,
  disableStorageReset: true,
  disableFullPageScreenshot: true,
  // The SPA is loaded when the network and the main thread have been quiet for half a second.
  pauseAfterFcpMs: 250,
  pauseAfterLoadMs: 250,
  networkQuietThresholdMs: 500,
  cpuQuietThresholdMs: 500,
  // Lighthouse's own load detection takes 11 s here even on /about (Playwright sees it idle after
  // 0.7 s); a lower cap than 15 s makes the chart-heavy dashboard report PAGE_HUNG.
  maxWaitForLoad: Number(process.env.LIGHTHOUSE_MAX_WAIT_MS ?? 15_000),
  skipAboutBlank: true,
});
const FORM_FACTORS = ['mobile', 'desktop'].map((f) => ({
  name: f === 'mobile' ? 'phone' : 'desktop',
  config: { extends: 'lighthouse:default', settings: settings(f) },
}));
/** Each form factor runs in its own process and browser, side by side (Lighthouse keeps global
 * state, so one process runs one audit at a time); the parent merges their summaries. */
const FORM = process.env.LIGHTHOUSE_FORM ?? null;
/** Each form factor's pages are split between SHARDS children too: Lighthouse spends most of a
 * page's 15 s waiting for the load to settle, not computing, so more children finish sooner. */
const SHARDS = Math.max(1, Number(process.env.LIGHTHOUSE_SHARDS ?? 2));
const SHARD = Number(process.env.LIGHTHOUSE_SHARD ?? 0);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function ok(res, what) {
  if (res.status >= 300) throw new Error(`${what} -> ${res.status}: ${res.text.slice(0, 200)}`);
  return res.json;
}

/** The administrator's own history (a prediction and a 60-row batch) and a dataset, so every page has content. */
async function seedAdmin() {
  const login = await ok(
    await apiFetch('/auth/login', { method: 'POST', body: { username: config.adminUsername, password: config.adminPassword } }),
    'admin login',
  );
  const token = login.access_token;
  const schema = await ok(await apiFetch('/schema', { token }), 'schema');
  const single = await ok(await apiFetch('/predict', { method: 'POST', body: sampleCustomer(schema, 1), token }), 'predict');
  const batch = await ok(
    await apiFetch('/predict/batch', { method: 'POST', body: { customers: Array.from({ length: 60 }, (_, i) => sampleCustomer(schema, i)) }, token }),
    'batch',
  );
  const datasets = await ok(await apiFetch('/datasets', { token }), 'datasets');
  return { single: single.prediction_id, batch: batch.batch_id, dataset: datasets.datasets[0]?.dataset_id ?? null };
}

/** Signs in through the UI, as a person would; the SPA stores the token in localStorage. */
async function signIn(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${config.webUrl}/admin/login`);
  await page.getByLabel('Username or email').fill(config.adminUsername);
  await page.getByLabel('Password', { exact: true }).fill(config.adminPassword);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => new URL(u).pathname.startsWith('/admin/users'));
  const stored = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  if (!stored || !JSON.parse(stored).token) throw new Error('signing in stored no session token');
  await page.close();
}

function failing(lhr, categoryId) {
  return lhr.categories[categoryId].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
}

/** Runs one child per form factor at the same time, then writes the merged summary. */
async function parent() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const children = FORM_FACTORS.flatMap((form) => Array.from({ length: SHARDS }, (_, shard) => ({ form: form.name, shard })));
  const codes = await Promise.all(
    children.map(
      ({ form, shard }) =>
        new Promise((resolve) => {
          const env = { ...process.env, LIGHTHOUSE_FORM: form, LIGHTHOUSE_SHARD: String(shard) };
          const child = spawn(process.execPath, [new URL(import.meta.url).pathname], { env, stdio: 'inherit' });
          child.on('exit', (code) => resolve(code ?? 1));
        }),
    ),
  );
  const parts = children
    .map(({ form, shard }) => join(OUT, `summary-${form}-${shard}.json`))
    .filter((f) => existsSync(f))
    .map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const scores = Object.assign({}, ...parts.map((p) => p.scores));
  const passed = codes.every((c) => c === 0) && parts.length === children.length && parts.every((p) => p.passed);
  const summary = `lighthouse: ${Object.entries(scores)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ budget: MIN, webUrl: config.webUrl, scores, passed }, null, 2) + '\n');
  writeFileSync(join(OUT, 'summary.txt'), [...parts.flatMap((p) => p.lines), summary, ''].join('\n'));
  console.log(summary);
  if (!passed) console.log(`lighthouse: below the budget of ${MIN} or a run failed; reports in e2e/artifacts/lighthouse/`);
  return passed ? 0 : 1;
}

async function main() {
  if (!FORM) return parent();
  if (!existsSync(config.chromium)) {
    console.error(`lighthouse: Chromium not found at ${config.chromium} (apt-get install -y chromium)`);
    return 2;
  }
  await waitForService(`${config.apiUrl}/`, 'the API');
  await waitForService(`${config.webUrl}/`, 'the web app');
  const port = await freePort();
  const userDataDir = mkdtempSync(join(tmpdir(), 'segmenta-lighthouse-'));
  // A persistent context is the browser's default context: the tabs Lighthouse opens share its storage.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: config.chromium,
    headless: !config.headed,
    args: [...(config.headed ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS), `--remote-debugging-port=${port}`],
    viewport: { width: 1350, height: 940 },
  });
  const scores = {};
  const lines = [];
  let belowBudget = false;
  try {
    console.log(`lighthouse: web ${config.webUrl}, API ${config.apiUrl}, Chromium on port ${port}, budget ${MIN}`);
    if (!config.adminUsername || !config.adminPassword) throw new Error('E2E_ADMIN_USERNAME and E2E_ADMIN_PASSWORD are needed for the signed-in pages');
    const ids = await seedAdmin();
    const pages = [
      ...PUBLIC.map(([name, path]) => ({ name, path, signedIn: false })),
      ...SIGNED_IN.filter(([, path]) => path !== '/data/:dataset' || ids.dataset).map(([name, path]) => ({
        name,
        path: path
          .replace(':single', ids.single)
          .replace(':batch', ids.batch)
          .replace(':dataset', ids.dataset ?? ''),
        signedIn: true,
      })),
    ]
      .filter((p) => !ONLY || ONLY.test(p.name))
      .filter((_, i) => i % SHARDS === SHARD);
    let signedIn = false;
    for (const p of pages) {
      if (p.signedIn && !signedIn) {
        await signIn(context);
        signedIn = true;
      }
      for (const form of FORM_FACTORS.filter((f) => f.name === FORM)) {
        const url = `${config.webUrl}${p.path}`;
        const started = Date.now();
        const result = await lighthouse(url, { port, output: 'json', logLevel: 'error' }, form.config);
        if (!result?.lhr) throw new Error(`Lighthouse returned no result for ${url}`);
        const { lhr, report } = result;
        const key = `${form.name}_${p.name}`;
        writeFileSync(join(OUT, `${key}.json`), Array.isArray(report) ? report[0] : report);
        if (lhr.runtimeError) throw new Error(`${key}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
        if (finalPath !== p.path) throw new Error(`${key}: ended on ${finalPath}, not ${p.path} (not signed in?)`);
        const parts = [];
        for (const [id, short] of CATEGORIES) {
          const score = Math.round((lhr.categories[id].score ?? 0) * 100);
          scores[`${key}_${short}`] = score;
          parts.push(`${lhr.categories[id].title.toLowerCase()} ${score}`);
          if (score < MIN) belowBudget = true;
        }
        const issues = CATEGORIES.flatMap(([id]) => failing(lhr, id));
        const line = `${key} (${p.path}): ${parts.join(', ')}${issues.length ? ` — flagged: ${issues.join(', ')}` : ''} [${((Date.now() - started) / 1000).toFixed(1)} s]`;
        lines.push(line);
        console.log(line);
      }
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  writeFileSync(join(OUT, `summary-${FORM}-${SHARD}.json`), JSON.stringify({ scores, lines, passed: !belowBudget }, null, 2) + '\n');
  return belowBudget ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`lighthouse: ${e?.stack ?? e}`);
    process.exit(1);
  },
);
