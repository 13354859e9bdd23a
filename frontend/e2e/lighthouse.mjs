#!/usr/bin/env node
// Lighthouse budget: accessibility and best practices at least LIGHTHOUSE_MIN (default 95) on
// Home (signed out), Dashboard and History (signed in), against the built SPA on a running stack
// (same E2E_* variables as `npm run e2e`). Debian's Chromium is launched by playwright-core with
// a remote-debugging port; Lighthouse attaches to it and audits each URL in the browser's default
// context, keeping its storage (disableStorageReset) so the signed-in pages stay signed in.
// Reports go to e2e/artifacts/lighthouse/ (<page>.json, summary.json, summary.txt).
// Prints one line per page and `lighthouse: home_a11y=.. home_bp=.. ...`; exits 1 below budget.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { apiFetch, ARTIFACTS, CHROMIUM_ARGS, config, SESSION_KEY, waitForService } from './lib.mjs';

const MIN = Number(process.env.LIGHTHOUSE_MIN ?? 95);
const OUT = join(ARTIFACTS, 'lighthouse');
const CATEGORIES = [
  ['accessibility', 'a11y'],
  ['best-practices', 'bp'],
];
const PAGES = [
  { name: 'home', path: '/', signedIn: false },
  { name: 'dashboard', path: '/dashboard', signedIn: true },
  { name: 'history', path: '/history', signedIn: true },
];

/** Desktop, no throttling: the budget is about the app, not about a simulated network. */
const LH_CONFIG = {
  extends: 'lighthouse:default',
  settings: {
    onlyCategories: CATEGORIES.map(([id]) => id),
    formFactor: 'desktop',
    screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false },
    throttlingMethod: 'provided',
    throttling: { rttMs: 0, throughputKbps: 0, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0, cpuSlowdownMultiplier: 1 },
    disableStorageReset: true,
    maxWaitForLoad: 45_000,
  },
};

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

const stamp = Date.now().toString(36);
const USER = { username: `lh_${stamp}`, email: `lh.${stamp}@example.com`, password: 'lighthouse keeps the harbour 7', full_name: 'Lighthouse Audit' };

/** A new account with a little history, so Dashboard and History show real content. */
async function seedUser() {
  const reg = await apiFetch('/auth/register', { method: 'POST', body: { email: USER.email, username: USER.username, password: USER.password, full_name: USER.full_name } });
  if (reg.status !== 201) throw new Error(`register -> ${reg.status}: ${reg.text.slice(0, 200)}`);
  const login = await apiFetch('/auth/login', { method: 'POST', body: { username: USER.username, password: USER.password } });
  if (login.status !== 200) throw new Error(`login -> ${login.status}: ${login.text.slice(0, 200)}`);
  const token = login.json.access_token;
  for (const c of [
    { sex: 'Female', age: 32, annual_income: 120, spending_score: 88, purchase_frequency: 30 },
    { sex: 'Male', age: 58, annual_income: 35, spending_score: 20, purchase_frequency: 4 },
    { sex: null, age: 24, annual_income: 60, spending_score: 60, purchase_frequency: 18 },
  ]) {
    const p = await apiFetch('/predict', { method: 'POST', body: c, token });
    if (p.status !== 200) throw new Error(`predict -> ${p.status}: ${p.text.slice(0, 200)}`);
  }
}

/** Signs in through the UI, as a person would; the SPA stores the token in localStorage. */
async function signIn(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${config.webUrl}/login`);
  await page.getByLabel('Username or email').fill(USER.username);
  await page.getByLabel('Password', { exact: true }).fill(USER.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((u) => new URL(u).pathname === '/dashboard');
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

async function main() {
  if (!existsSync(config.chromium)) {
    console.error(`lighthouse: Chromium not found at ${config.chromium} (apt-get install -y chromium)`);
    return 2;
  }
  await waitForService(`${config.apiUrl}/`, 'the API');
  await waitForService(`${config.webUrl}/`, 'the web app');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

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
    let signedIn = false;
    for (const p of PAGES) {
      if (p.signedIn && !signedIn) {
        await seedUser();
        await signIn(context);
        signedIn = true;
      }
      const url = `${config.webUrl}${p.path}`;
      const result = await lighthouse(url, { port, output: 'json', logLevel: 'error' }, LH_CONFIG);
      if (!result?.lhr) throw new Error(`Lighthouse returned no result for ${url}`);
      const { lhr, report } = result;
      writeFileSync(join(OUT, `${p.name}.json`), Array.isArray(report) ? report[0] : report);
      if (lhr.runtimeError) throw new Error(`${p.name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const finalPath = new URL(lhr.finalDisplayedUrl).pathname;
      if (finalPath !== p.path) throw new Error(`${p.name}: ended on ${finalPath}, not ${p.path} (not signed in?)`);
      const parts = [];
      for (const [id, short] of CATEGORIES) {
        const score = Math.round((lhr.categories[id].score ?? 0) * 100);
        scores[`${p.name}_${short}`] = score;
        parts.push(`${lhr.categories[id].title.toLowerCase()} ${score}`);
        if (score < MIN) belowBudget = true;
      }
      const issues = CATEGORIES.flatMap(([id]) => failing(lhr, id));
      const line = `${p.name} (${p.path}): ${parts.join(', ')}${issues.length ? ` — flagged: ${issues.join(', ')}` : ''}`;
      lines.push(line);
      console.log(line);
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
  const summary = `lighthouse: ${Object.entries(scores).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  writeFileSync(join(OUT, 'summary.json'), JSON.stringify({ budget: MIN, webUrl: config.webUrl, scores, passed: !belowBudget }, null, 2) + '\n');
  writeFileSync(join(OUT, 'summary.txt'), [...lines, summary, ''].join('\n'));
  console.log(summary);
  if (belowBudget) console.log(`lighthouse: below the budget of ${MIN}; reports in e2e/artifacts/lighthouse/`);
  return belowBudget ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`lighthouse: ${e?.stack ?? e}`);
    process.exit(1);
  },
);
