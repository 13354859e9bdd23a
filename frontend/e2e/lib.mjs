// Helpers for the browser end-to-end tests (playwright-core driving Debian's Chromium).
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(HERE, 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });

export const config = {
  apiUrl: (process.env.E2E_API_URL ?? 'http://127.0.0.1:8000').replace(/\/$/, ''),
  webUrl: (process.env.E2E_WEB_URL ?? 'http://127.0.0.1:5173').replace(/\/$/, ''),
  adminUsername: process.env.E2E_ADMIN_USERNAME ?? '',
  adminPassword: process.env.E2E_ADMIN_PASSWORD ?? '',
  chromium: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  headed: process.env.E2E_HEADED === '1',
  trainTimeoutMs: Number(process.env.E2E_TRAIN_TIMEOUT_MS ?? 240_000),
};

export const SESSION_KEY = 'segmenta.session';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright gives every launch a fresh temporary user-data-dir and removes it on close. */
export async function launch() {
  return chromium.launch({
    executablePath: config.chromium,
    headless: !config.headed,
    args: config.headed ? CHROMIUM_ARGS.filter((a) => a !== '--headless') : CHROMIUM_ARGS,
  });
}

export class AssertionError extends Error {}

export function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

/** A fresh, isolated browser context (own storage) with one page, watching for page errors. */
export async function newPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, baseURL: config.webUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.setDefaultNavigationTimeout(30_000);
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return page;
}

/** Pages that scrolled sideways at a width (the layout must fit 375 px). */
export const layoutIssues = [];

export async function checkOverflow(page, name, width) {
  const wide = await page.evaluate((w) => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= w + 1) return null;
    const offenders = [];
    // The outermost elements that stick out while their parent does not.
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      const parent = el.parentElement;
      if (r.right > w + 1 && parent && parent.getBoundingClientRect().right <= w + 1 && getComputedStyle(parent).overflowX === 'visible') {
        offenders.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 4).join('.')} (right ${Math.round(r.right)})`);
        if (offenders.length >= 3) break;
      }
    }
    return { scrollWidth: doc.scrollWidth, offenders };
  }, width);
  if (wide) layoutIssues.push(`${name} at ${width} px is ${wide.scrollWidth} px wide (${wide.offenders.join(', ')})`);
}

/** Serious or critical WCAG 2 A/AA violations found by axe-core on the pages screenshotted. */
export const a11yIssues = [];
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function checkAccessibility(page, name) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.nodes.length}): ${v.nodes
            .slice(0, 2)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
  });
  for (const v of violations) a11yIssues.push(`${name}: ${v}`);
}

/** Table cells and buttons whose content is cut off: wider than their box (text sticking out), or
 * (a table cell) beyond the right edge of the scroll box that holds its table, i.e. pushed off screen. */
export const cutOffIssues = [];

export async function checkCutOff(page, name, width) {
  const found = await page.evaluate(() => {
    const out = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const describe = (el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30)}"`;
    for (const el of document.querySelectorAll('main td, main th, button')) {
      if (!visible(el) || el.closest('.sr-only')) continue;
      const head = el.closest('thead');
      if (head && getComputedStyle(head).clipPath !== 'none') continue; // a header row kept for screen readers only
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${describe(el)} is cut off (${el.scrollWidth} > ${el.clientWidth} px)`);
      else if (el.tagName !== 'BUTTON') {
        const box = el.closest('[role="region"]') ?? el.closest('table')?.parentElement;
        if (box && el.getBoundingClientRect().right > box.getBoundingClientRect().right + 1) out.push(`${describe(el)} lies beyond its table's visible edge`);
      }
      if (out.length >= 3) break;
    }
    return out;
  });
  for (const f of found) cutOffIssues.push(`${name} at ${width} px: ${f}`);
}

/** Full-page screenshots at desktop (1280 px) and phone (375 px) widths. */
export async function screenshots(page, name) {
  const paths = [];
  for (const [width, height] of [
    [1280, 900],
    [375, 812],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(250); // let charts re-measure
    await checkOverflow(page, name, width);
    if (width === 1280) await checkAccessibility(page, name);
    const path = join(ARTIFACTS, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  return paths;
}

export async function waitForUrl(page, predicate, timeout = 20_000) {
  await page.waitForURL((url) => predicate(new URL(url)), { timeout });
}

export async function logIn(page, username, password, path = '/login') {
  await page.goto(path);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The stored token of a page's session (for API checks next to the UI). */
export async function tokenOf(page) {
  return page.evaluate((key) => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null')?.token ?? null;
    } catch {
      return null;
    }
  }, SESSION_KEY);
}

/** A customer the active schema accepts: each number inside its hard range, the categories in turn. */
export function sampleCustomer(schema, i) {
  const out = {};
  for (const f of schema.features) {
    if (f.type === 'categorical') out[f.name] = f.categories?.[i % (f.categories?.length || 1)] ?? null;
    else {
      const lo = f.min ?? 0;
      const hi = f.max ?? lo + 100;
      const v = lo + ((hi - lo) * ((i * 37) % 100)) / 100;
      out[f.name] = f.integer ? Math.round(v) : Math.round(v * 10) / 10;
    }
  }
  return out;
}

export async function apiFetch(path, { token, method = 'GET', body, headers = {} } = {}) {
  const res = await fetch(`${config.apiUrl}${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, json, text };
}

export async function waitForService(url, label, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${label} at ${url} is not reachable (${last}); start the stack first`);
}

/** Polls `fn` until it returns a truthy value. */
export async function eventually(fn, { timeout = 20_000, interval = 500, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new AssertionError(`timed out waiting for ${message}${lastError ? `: ${lastError.message}` : ''}`);
}
