#!/usr/bin/env node
// Budget check: the gzipped JavaScript the first page loads (the entry script and every
// modulepreload in dist/index.html) must stay at or under the budget (default 200 KB).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const budgetKb = Number(process.env.SIZE_BUDGET_KB ?? 200);
const indexPath = join(dist, 'index.html');
if (!existsSync(indexPath)) {
  console.error('size: dist/index.html not found; run `npm run build` first.');
  process.exit(2);
}
const html = readFileSync(indexPath, 'utf8');
const urls = new Set();
for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) urls.add(m[1]);
for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
  const href = /\bhref="([^"]+)"/.exec(m[0]);
  if (href) urls.add(href[1]);
}
let total = 0;
const rows = [];
for (const url of urls) {
  if (/^https?:\/\//.test(url)) continue;
  const file = join(dist, url.replace(/^\//, ''));
  const raw = readFileSync(file);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  rows.push([url, raw.length, gz]);
}
for (const [url, raw, gz] of rows) console.log(`  ${url}  ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzipped`);
const kb = total / 1024;
console.log(`size: first page JS ${kb.toFixed(1)} KB gzipped (${rows.length} file(s)); budget ${budgetKb} KB`);
if (rows.length === 0) {
  console.error('size: no scripts found in dist/index.html');
  process.exit(2);
}
if (kb > budgetKb) {
  console.error(`size: over budget by ${(kb - budgetKb).toFixed(1)} KB`);
  process.exit(1);
}
