// The end-to-end scenarios, run in order against the real stack. Each one records what later
// ones need in `ctx`; `needs` names the scenarios that must have passed first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { apiFetch, ARTIFACTS, assert, config, eventually, HERE, logIn, newPage, screenshots, SESSION_KEY, tokenOf, waitForUrl } from './lib.mjs';

const stamp = Date.now().toString(36);
const USERNAME = `e2e_${stamp}`;
const EMAIL = `e2e.${stamp}@example.com`;
const PASSWORD = 'amber tiger walks quietly home 42';

// The form is generated from GET /schema: the bundled model's fields, labelled with their units.
const BUNDLED = { age: /^Age\b/, income: /^Annual income\b/, spending: /^Spending score\b/, frequency: /^Purchase frequency\b/ };

async function fillCustomer(page, { age, income, spending, frequency, sex = 'Female' }) {
  await page.getByLabel('Sex (optional)').selectOption(sex);
  await page.getByLabel(BUNDLED.age).fill(String(age));
  await page.getByLabel(BUNDLED.income).fill(String(income));
  await page.getByLabel(BUNDLED.spending).fill(String(spending));
  await page.getByLabel(BUNDLED.frequency).fill(String(frequency));
}

/** The Mall Customers table (200 rows: customer_id, gender, age, annual_income_thousands, spending_score). */
const MALL_CSV = [join(HERE, '..', '..', 'data', 'mall_customers.csv'), '/work/shared/data/mall_customers.csv'].find((p) => existsSync(p));

// The local API runs several processes; an activation reaches the others on their next model
// check (settings.model_refresh_seconds, 5 s, as Lambda containers do). Until then a page may be
// served the previous model's schema, so every activation here waits that long before going on.
const MODEL_REFRESH_MS = 5_500;

async function activate(version, token) {
  const activated = await apiFetch(`/models/${encodeURIComponent(version)}/activate`, { method: 'POST', body: {}, token });
  assert(activated.status === 200, `activation of ${version} -> ${activated.status}`);
  await sleep(MODEL_REFRESH_MS);
}

async function activeVersionOnDashboard(page) {
  await page.goto('/dashboard');
  const badge = page.getByTestId('active-model-version');
  await badge.waitFor();
  return (await badge.textContent())?.trim();
}

/** A seeded pseudo-random generator (mulberry32): the same orders file on every run. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Order lines with known behaviour (as segcore/rfm_sample.py draws them), day-first dates and
 * headers the mapping must be told about:
 * - loyal: 15-40 orders over the last 1-2 years, the last within 15 days, 5-15 per item;
 * - one-off: one small order 90-360 days ago;
 * - lapsed big spenders: 6-12 large orders (60-120 per item), the last 250-400 days ago;
 * - new: 1-2 orders, the first within the last 10 days.
 * Then messy rows: a cancellation, a line without a customer, a zero price, a repeated line and
 * an unreadable date, each counted by the API and never used silently.
 */
function ordersCsv() {
  const rand = seeded(12);
  const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo));
  const end = Date.UTC(2011, 11, 9, 12, 0);
  const stamp = (daysAgo) => {
    const d = new Date(end - daysAgo * 86_400_000 - between(0, 600) * 60_000);
    const p = (n) => String(n).padStart(2, '0');
    return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${d.getUTCHours()}:${p(d.getUTCMinutes())}`;
  };
  const rules = {
    loyal: { n: 40, orders: [15, 41], last: [0, 15], span: [360, 720], price: [5, 15] },
    oneOff: { n: 80, orders: [1, 2], last: [90, 360], span: [0, 1], price: [2, 6] },
    lapsedBig: { n: 30, orders: [6, 13], last: [250, 400], span: [200, 400], price: [60, 120] },
    newcomer: { n: 30, orders: [1, 3], last: [0, 10], span: [0, 10], price: [5, 15] },
  };
  const lines = ['Order Ref,Client,Item,Order Date,Qty,Price Each,Country'];
  const truth = {};
  let customer = 20000;
  let invoice = 700000;
  for (const [behaviour, r] of Object.entries(rules)) {
    for (let c = 0; c < r.n; c++) {
      const id = String(customer++);
      truth[id] = behaviour;
      const orders = between(...r.orders);
      const last = between(...r.last);
      const span = between(...r.span);
      for (let o = 0; o < orders; o++) {
        const day = o === 0 ? last : last + Math.floor(rand() * (span + 1));
        const when = stamp(day);
        const ref = invoice++;
        for (let l = between(1, 4); l > 0; l--) {
          const price = (r.price[0] + rand() * (r.price[1] - r.price[0])).toFixed(2);
          lines.push(`${ref},${id},SKU-${l},${when},${between(1, 5)},${price},United Kingdom`); // distinct items: no accidental repeats
        }
      }
    }
  }
  const loyal = Object.keys(truth).find((id) => truth[id] === 'loyal');
  lines.push(
    `C${invoice},${loyal},SKU-1,${stamp(3)},-1,9.99,United Kingdom`, // a cancellation: netted, not an order
    `${invoice + 1},,SKU-1,${stamp(2)},2,4.50,United Kingdom`, // no customer id
    `${invoice + 2},${loyal},SKU-1,${stamp(2)},1,0.00,United Kingdom`, // zero price
    lines[1], // an exact repeat of the first line
    `${invoice + 3},${loyal},SKU-1,someday,1,5.00,United Kingdom`, // no readable date
  );
  return { text: lines.join('\n') + '\n', truth };
}

/** A bar chart's bars as [category, fill] (recharts draws no bar for a zero value). */
async function barColours(chart, valueOf) {
  // recharts 3 may draw the tick labels in a layer of their own, outside the axis group.
  const texts = async (selector) => (await chart.locator(selector).allTextContents()).map((t) => t.trim());
  // Horizontal bar charts name their categories on the y axis (the x axis then holds numbers).
  let labels = await texts('.recharts-yAxis-tick-labels text, .recharts-yAxis .recharts-cartesian-axis-tick text');
  if (!labels.length || labels.every((l) => /^[\d.,\s-]*$/.test(l)))
    labels = await texts('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value, .recharts-xAxis .recharts-cartesian-axis-tick-value');
  const fills = await chart.locator('.recharts-bar-rectangle path').evaluateAll((els) => els.map((e) => e.getAttribute('fill')));
  const drawn = labels.filter((l) => (valueOf(l) ?? 0) > 0);
  assert(drawn.length === fills.length, `one bar per non-zero category (${drawn.join(', ')} of ${labels.join(', ')} vs ${fills.length} bars)`);
  return drawn.map((l, i) => [l, fills[i]]);
}

/** Name -> colour of the active model's segments, from GET /clusters. */
async function modelColours(page) {
  const clusters = await apiFetch('/clusters', { token: await tokenOf(page) });
  assert(clusters.status === 200, `GET /clusters -> ${clusters.status}`);
  return {
    version: clusters.json.model_version,
    colours: new Map(clusters.json.clusters.map((c) => [c.cluster_name, c.color])),
    clusters: clusters.json.clusters,
  };
}

/** Every page that draws segments uses the model's colour for each: dashboard, history, batch, models, admin. */
async function assertColoursEverywhere(page, { version, colours }, label) {
  const sameAs = (name, colour, where) => assert(colour === colours.get(name), `${label}: ${where} draws ${name} in ${colours.get(name)} (got ${colour})`);
  await page.goto('/dashboard');
  await fillCustomer(page, { age: 25, income: 120, spending: 90, frequency: 40 });
  await page.getByRole('button', { name: 'Predict segment' }).click();
  await page.getByTestId('explanation-summary').waitFor();
  const predicted = (await page.getByTestId('segment-name').textContent())?.trim();
  sameAs(predicted, await page.getByTestId('segment-name').locator('[data-color]').getAttribute('data-color'), 'the result card');

  await page.goto('/history');
  const first = page.getByTestId('history-segment').first();
  await first.locator('[data-color]').waitFor();
  sameAs(((await first.textContent()) ?? '').split(/fits no segment/)[0].trim(), await first.locator('[data-color]').getAttribute('data-color'), 'history');

  await page.goto('/batch');
  await page.getByLabel('CSV file (up to 5 MB)').setInputFiles({
    name: 'colours.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Gender,Age,Annual Income (k$),Spending Score (1-100),Purchase_Frequency\nFemale,23,28,85,40\nMale,45,120,20,6\nFemale,35,75,55,24\nMale,60,30,15,3\nFemale,30,130,90,45\n',
    ),
  });
  await page.getByRole('button', { name: 'Score file' }).click();
  const batchChart = page.getByRole('img', { name: /^Rows per segment/ });
  await batchChart.locator('.recharts-bar-rectangle path').first().waitFor();
  const counts = new Map(
    ((await batchChart.getAttribute('aria-label')) ?? '')
      .replace(/^Rows per segment: /, '')
      .split(', ')
      .map((p) => [p.replace(/ \d+$/, ''), Number(p.match(/(\d+)$/)?.[1] ?? 0)]),
  );
  for (const [name, fill] of await barColours(batchChart, (l) => counts.get(l))) sameAs(name, fill, 'the batch chart');

  await page.goto(`/models?version=${encodeURIComponent(version)}`);
  const detail = page.getByTestId('model-detail');
  await detail.locator('li [data-color]').first().waitFor();
  for (const item of await detail.locator('li:has([data-color])').all()) {
    const text = (await item.textContent()) ?? '';
    const name = [...colours.keys()].find((n) => text.includes(n));
    if (name) sameAs(name, await item.locator('[data-color]').first().getAttribute('data-color'), 'the models page');
  }

  await page.goto('/admin/stats');
  const stats = await apiFetch('/admin/stats', { token: await tokenOf(page) });
  const byCluster = stats.json.predictions.by_cluster;
  const adminChart = page.getByRole('img', { name: /^Predictions by segment/ });
  await adminChart.locator('.recharts-bar-rectangle path').first().waitFor();
  const drawn = await barColours(adminChart, (l) => byCluster[l]);
  const current = drawn.filter(([name]) => colours.has(name));
  assert(current.length > 0, `${label}: the admin chart shows segments of the model`);
  for (const [name, fill] of current) sameAs(name, fill, 'the admin statistics');
  return predicted;
}

/** The admin's signed-in page, shared by the scenarios that need one. */
async function adminPage({ browser, errors, ctx }) {
  if (!ctx.adminPage) {
    assert(config.adminUsername && config.adminPassword, 'E2E_ADMIN_USERNAME and E2E_ADMIN_PASSWORD are set');
    ctx.adminPage = await newPage(browser, errors);
    await logIn(ctx.adminPage, config.adminUsername, config.adminPassword, '/admin/login');
    await waitForUrl(ctx.adminPage, (u) => u.pathname.startsWith('/admin/') && u.pathname !== '/admin/login');
  }
  return ctx.adminPage;
}

export const scenarios = [
  {
    name: 'public pages render (home, about, API docs)',
    async run({ browser, errors, ctx }) {
      const page = await newPage(browser, errors);
      ctx.anonPage = page;
      await page.goto('/');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await screenshots(page, 'home');
      await page.goto('/about');
      await page.getByRole('heading', { name: 'About Segmenta' }).waitFor();
      await page.goto('/docs');
      await page.getByRole('heading', { name: 'API documentation' }).waitFor();
      await page.locator('details').first().waitFor();
      await screenshots(page, 'docs');
      await page.goto('/login');
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      await screenshots(page, 'login');
    },
  },
  {
    name: 'register a new account',
    async run({ browser, errors, ctx }) {
      const page = await newPage(browser, errors);
      ctx.userPage = page;
      await page.goto('/register');
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Username').fill(USERNAME);
      await page.getByLabel('Full name (optional)').fill('End To End');
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('Confirm password').fill(PASSWORD);
      const meter = page.getByTestId('strength-meter');
      assert(Number(await meter.getAttribute('data-score')) >= 2, 'the strength meter rates the passphrase at least fair');
      await screenshots(page, 'register');
      await page.getByRole('button', { name: 'Create account' }).click();
      await waitForUrl(page, (u) => u.pathname === '/dashboard');
      await page.getByTestId('nav-role').waitFor();
      assert((await page.getByTestId('nav-role').textContent())?.trim() === 'user', 'a new account has the user role');
    },
  },
  {
    name: 'log out and log in',
    needs: ['register a new account'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.getByRole('button', { name: 'Log out' }).click();
      await waitForUrl(page, (u) => u.pathname === '/login');
      await page.getByText('You have been logged out.').waitFor();
      await page.getByLabel('Username or email').fill(USERNAME);
      await page.getByLabel('Password', { exact: true }).fill('wrong password for sure!!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /invalid|incorrect|wrong/i })
        .first()
        .waitFor();
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await waitForUrl(page, (u) => u.pathname === '/dashboard');
    },
  },
  {
    name: 'predict and see the explanation',
    needs: ['log out and log in'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.goto('/dashboard');
      // Inline validation first.
      await page.getByLabel(BUNDLED.age).fill('150');
      await page.getByLabel(BUNDLED.income).focus();
      await page.getByText('Age must be between 18 and 100.').waitFor();
      await fillCustomer(page, { age: 32, income: 120, spending: 88, frequency: 30 });
      await page.getByRole('button', { name: 'Predict segment' }).click();
      const summary = page.getByTestId('explanation-summary');
      await summary.waitFor();
      assert(((await summary.textContent()) ?? '').trim().length > 10, 'the explanation has a summary in words');
      ctx.segment = (await page.getByTestId('segment-name').textContent())?.trim();
      assert(ctx.segment, 'the result names a segment');
      await page.getByRole('list', { name: 'What decided it' }).waitFor();
      await page.getByRole('table', { name: 'Your last 10 predictions' }).waitFor();
      await page.locator('.recharts-surface').first().waitFor();
      await screenshots(page, 'dashboard');
    },
  },
  {
    name: 'a customer who fits no segment is flagged; segment colours are the model ones on every page',
    needs: ['log out and log in'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.goto('/dashboard');
      // The borderline customer: average on everything, between the bundled segments.
      await fillCustomer(page, { age: 40, income: 60, spending: 50, frequency: 15 });
      await page.getByRole('button', { name: 'Predict segment' }).click();
      const warning = page.getByTestId('atypical-warning');
      await warning.waitFor();
      const segment = (await page.getByTestId('segment-name').textContent())?.trim();
      assert(((await warning.textContent()) ?? '').includes(`The nearest is ${segment}`), 'the warning names the nearest segment');
      assert(
        /^This customer fits no segment well/.test(((await page.getByTestId('explanation-summary').textContent()) ?? '').trim()),
        'the explanation says it fits no segment well',
      );
      const clusters = await apiFetch('/clusters', { token: await tokenOf(page) });
      const colorOf = new Map(clusters.json.clusters.map((c) => [c.cluster_name, c.color]));
      const shown = await page.getByTestId('segment-name').locator('[data-color]').getAttribute('data-color');
      assert(shown && shown === colorOf.get(segment), `the result card uses the model colour of ${segment} (${shown} vs ${colorOf.get(segment)})`);
      const axes = ((await page.getByTestId('map-axes').textContent()) ?? '').trim();
      assert(/^Across: Higher|^Across: Lower/.test(axes) && !axes.includes('Component'), `the map's axes say what they mean (${axes})`);
      await screenshots(page, 'atypical');
      await page.goto('/history');
      const first = page.getByTestId('history-segment').first();
      await first.locator('[data-color]').waitFor();
      assert((await first.locator('[data-color]').getAttribute('data-color')) === shown, 'history draws the segment in the same colour');
      await first.getByText('fits no segment well').waitFor();
    },
  },
  {
    name: 'history and its filter',
    needs: ['predict and see the explanation'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.goto('/history');
      await page.getByTestId('history-total').waitFor();
      await page.getByTestId('history-segment').first().waitFor();
      const segmentSelect = page.getByRole('combobox', { name: 'Segment' });
      await eventually(async () => (await segmentSelect.locator('option').count()) > 1, { message: 'segment options' });
      await segmentSelect.selectOption({ label: ctx.segment });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await waitForUrl(page, (u) => u.searchParams.has('cluster'));
      await eventually(
        async () => {
          const cells = await page.getByTestId('history-segment').allTextContents();
          return cells.length > 0 && cells.every((c) => c.trim() === ctx.segment);
        },
        { message: `only ${ctx.segment} rows` },
      );
      await screenshots(page, 'history');
      const labels = (await segmentSelect.locator('option').allTextContents()).map((s) => s.trim());
      const other = labels.find((l) => l !== ctx.segment && l !== 'All segments');
      assert(other, 'there is another segment to filter by');
      await segmentSelect.selectOption({ label: other });
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.getByText('No predictions match these filters').waitFor();
      // Detail view of the entry.
      await page.getByRole('button', { name: 'Clear' }).click();
      await page
        .getByRole('link', { name: /^Details/ })
        .first()
        .click();
      await waitForUrl(page, (u) => /^\/history\/.+/.test(u.pathname));
      await page.getByRole('heading', { name: 'Prediction' }).waitFor();
    },
  },
  {
    name: 'save a profile and predict from it',
    needs: ['log out and log in'],
    async run({ ctx }) {
      const page = ctx.userPage;
      const name = `Big spender ${stamp}`;
      await page.goto('/profiles');
      await page.getByRole('button', { name: 'New profile' }).click();
      await page.getByLabel('Profile name').fill(name);
      await fillCustomer(page, { age: 41, income: 95, spending: 75, frequency: 18, sex: 'Male' });
      await page.getByLabel('Notes (optional)').fill('Saved by the e2e test');
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText(`Saved “${name}”.`).waitFor();
      const card = page.getByTestId('profile-card').filter({ hasText: name });
      await card.getByRole('button', { name: `Predict ${name}` }).click();
      await page.getByTestId('explanation-summary').waitFor();
      await page.getByText(`Prediction for “${name}”`).waitFor();
      const token = await tokenOf(page);
      const res = await apiFetch('/history?limit=5', { token });
      assert(res.status === 200, `GET /history -> ${res.status}`);
      assert(
        res.json.history.some((h) => h.profile_id),
        'the prediction is in history with its profile id',
      );
      await screenshots(page, 'profiles');
    },
  },
  {
    name: 'score a CSV and download the results',
    needs: ['log out and log in'],
    async run({ ctx }) {
      const page = ctx.userPage;
      const csv = join(ARTIFACTS, 'batch-input.csv');
      writeFileSync(
        csv,
        'Gender,Age,Annual Income (k$),Spending Score (1-100),Purchase_Frequency\n' +
          'Female,23,28,85,40\nMale,45,120,20,6\nFemale,35,75,55,24\nMale,150,40,30,10\nFemale,61,40,30,10\n',
      );
      const token = await tokenOf(page);
      const batchesBefore = await apiFetch('/history?limit=200', { token });
      assert(batchesBefore.status === 200, `GET /history -> ${batchesBefore.status}`);
      const countBatches = (res) => res.json.history.filter((h) => h.kind === 'batch').length;
      await page.goto('/batch');
      await page.getByLabel('CSV file (up to 5 MB)').setInputFiles(csv);
      await page.getByRole('button', { name: 'Score file' }).click();
      await page.getByTestId('batch-count').waitFor();
      // The batch's history entry (newest first); its id is the batch_id.
      const newest = await apiFetch('/history?limit=1', { token });
      const batchId = newest.json?.history?.[0]?.kind === 'batch' ? newest.json.history[0].id : null;
      assert(batchId, 'the batch is recorded in history');
      // count = every row received (scored + failed); failed = the rows with errors.
      assert((await page.getByTestId('batch-count').textContent())?.trim() === '5', 'five rows counted');
      assert((await page.getByTestId('batch-failed').textContent())?.trim() === '1', 'the bad row is reported');
      assert(
        (await page.getByTestId('batch-summary').locator('div').filter({ hasText: 'Scored' }).locator('dd').textContent())?.trim() === '4',
        'four rows scored',
      );
      await page.getByTestId('batch-errors').getByText(/Row/).first().waitFor();

      // The download fetches the batch's stored results; it does not send the file again.
      const requests = [];
      const onRequest = (r) => requests.push(`${r.method()} ${new URL(r.url()).pathname} ${r.headers().accept ?? ''}`);
      page.on('request', onRequest);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download results (CSV)' }).click()]);
      const out = join(ARTIFACTS, 'batch-results.csv');
      await download.saveAs(out);
      page.off('request', onRequest);
      assert(
        requests.some((r) => r === `GET /history/${batchId} text/csv`),
        `the download asks GET /history/${batchId} for CSV (saw: ${requests.join('; ')})`,
      );
      assert(!requests.some((r) => r.startsWith('POST /predict/batch')), 'the download does not score the file again');
      const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/);
      assert(lines[0] === 'row,cluster,cluster_name,confidence,errors', `the results CSV has the stored columns: ${lines[0]}`);
      assert(lines.length === 6, `the results CSV has a header and 5 rows (got ${lines.length} lines)`);
      assert(lines.filter((l) => /must be|between|invalid/i.test(l)).length === 1, 'the bad row carries its error in the CSV');
      const batchesAfter = await apiFetch('/history?limit=200', { token });
      assert(
        countBatches(batchesAfter) === countBatches(batchesBefore) + 1,
        `one history entry for the batch, none for the download (${countBatches(batchesBefore)} -> ${countBatches(batchesAfter)})`,
      );
      await screenshots(page, 'batch');
    },
  },
  {
    name: 'admin trains and activates a model; the dashboard shows it',
    needs: ['log out and log in'],
    async run({ browser, errors, ctx }) {
      assert(config.adminUsername && config.adminPassword, 'E2E_ADMIN_USERNAME and E2E_ADMIN_PASSWORD are set');
      const admin = await newPage(browser, errors);
      ctx.adminPage = admin;
      await logIn(admin, config.adminUsername, config.adminPassword, '/admin/login');
      await waitForUrl(admin, (u) => u.pathname.startsWith('/admin/') && u.pathname !== '/admin/login');
      await admin.getByRole('link', { name: 'Models' }).first().click();
      await admin.getByRole('heading', { name: 'Models' }).waitFor();
      await admin.getByTestId('model-rows').waitFor();
      const before = await apiFetch('/models', { token: await tokenOf(admin) });
      ctx.previousVersion = before.json?.active_version ?? null;

      await admin.getByLabel('Number of segments (K)').selectOption('fixed');
      await admin.getByLabel('K', { exact: true }).fill('3');
      await admin.getByLabel('Activate the new model when training succeeds').uncheck();
      await admin.getByRole('button', { name: 'Start training' }).click();
      const job = admin.getByTestId('train-job');
      await job.waitFor();
      await eventually(async () => ['succeeded', 'failed'].includes(await job.getAttribute('data-status')), {
        timeout: config.trainTimeoutMs,
        interval: 1000,
        message: 'the training job to finish',
      });
      assert((await job.getAttribute('data-status')) === 'succeeded', `training succeeded (${await job.textContent()})`);
      const version = (await admin.getByTestId('trained-version').textContent())?.trim();
      assert(version && version !== ctx.previousVersion, 'a new version was trained');
      ctx.newVersion = version;
      // The new model's segments (GET /models/{version}, clusters as in GET /clusters) with their averages.
      const detail = admin.getByTestId('model-detail');
      await detail
        .getByText(/customers \([\d.]+%\) · .*Age [\d.]+ · Annual income [\d.]+/)
        .first()
        .waitFor();
      assert((await detail.getByText(/customers \(/).count()) === 3, 'the detail lists the 3 segments of the new model');
      assert(!/ — |NaN|undefined/.test((await detail.getByRole('list').first().textContent()) ?? ''), 'every segment shows its averages');
      await screenshots(admin, 'models');

      const row = admin.locator(`tr[data-version="${version}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: `Activate ${version}` }).click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Activate', exact: true }).click();
      await admin.getByText(`Model ${version} is now active.`).waitFor();

      // The user's dashboard picks the new version up (the API re-reads the pointer within seconds).
      const user = ctx.userPage;
      await eventually(async () => (await activeVersionOnDashboard(user)) === version, {
        timeout: 45_000,
        interval: 2000,
        message: `the dashboard to show ${version}`,
      });
    },
    async cleanup({ ctx }) {
      // Leave the stack with the model it had.
      if (ctx.adminPage && ctx.previousVersion && ctx.newVersion) {
        await activate(ctx.previousVersion, await tokenOf(ctx.adminPage));
      }
    },
  },
  {
    name: 'a role change takes effect',
    needs: ['log out and log in'],
    async run({ browser, errors, ctx }) {
      const admin = await adminPage({ browser, errors, ctx });
      const user = ctx.userPage;
      await user.goto('/models');
      await user.getByText('Not available for your role').waitFor();

      await admin.goto('/admin/users');
      await admin.getByRole('searchbox', { name: 'Search' }).fill(USERNAME);
      const row = admin.locator(`tr[data-username="${USERNAME}"]`);
      await row.waitFor();
      await row.getByLabel(`Role of ${USERNAME}`).selectOption('analyst');
      await admin.getByText(`${USERNAME} is now analyst.`).waitFor();
      await screenshots(admin, 'admin-users');

      await user.reload();
      await user.getByRole('heading', { name: 'Models' }).waitFor();
      await user.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).waitFor();
      assert((await user.getByTestId('nav-role').textContent())?.trim() === 'analyst', 'the nav shows the new role');

      await admin.goto('/admin/stats');
      await admin.getByText('Predictions per day (30 days)').waitFor();
      await screenshots(admin, 'admin-stats');
      await admin.goto('/admin/audit');
      await admin.getByRole('table', { name: 'Audit log' }).waitFor();
      await screenshots(admin, 'admin-audit');
    },
  },
  {
    name: 'an analyst uploads their own data, chooses features, trains; predictions follow the new schema',
    needs: ['a role change takes effect'],
    async run({ ctx }) {
      assert(MALL_CSV, 'the Mall Customers CSV is available');
      const page = ctx.userPage; // an analyst since the role change
      const admin = ctx.adminPage;
      const before = await apiFetch('/models', { token: await tokenOf(admin) });
      ctx.ownDataPreviousVersion = before.json?.active_version ?? null;

      // Upload straight to storage (presigned form POST) with a progress bar, then the profile.
      await page.goto('/data');
      await page.getByLabel('CSV file (up to 5 GB)').setInputFiles(MALL_CSV);
      await page.getByRole('radio', { name: /A customer/ }).check();
      await screenshots(page, 'data');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await waitForUrl(page, (u) => /^\/data\/[^/]+$/.test(u.pathname), 60_000);
      const datasetId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
      await page.getByRole('list', { name: 'Columns' }).waitFor({ timeout: 90_000 });
      assert((await page.getByTestId('dataset-rows-count').textContent())?.trim() === '200', 'the 200 rows are profiled');
      const use = (column) => page.getByLabel(`Use ${column} as`, { exact: true });
      assert((await use('customer_id').inputValue()) === 'id', 'customer_id is profiled as the id');
      assert((await use('gender').inputValue()) === 'categorical', 'gender is profiled as categorical');
      await page
        .getByTestId('column-card')
        .filter({ hasText: 'spending_score' })
        .getByRole('img', { name: /^Histogram of spending_score/ })
        .waitFor();
      await page.getByRole('list', { name: 'Most frequent values of gender' }).waitFor();
      await screenshots(page, 'dataset-profile');

      // Income and spending only, labelled; K chosen automatically.
      await use('gender').selectOption('ignore');
      await use('age').selectOption('ignore');
      const log = page.getByRole('checkbox', { name: /^Log transform annual_income_thousands/ });
      if (await log.isChecked()) await log.uncheck();
      await page.getByLabel('Label for annual_income_thousands (optional)').fill('Annual income');
      await page.getByLabel('Unit of annual_income_thousands (optional)').fill('k$');
      await page.getByLabel('Label for spending_score (optional)').fill('Spending score');
      await page.getByRole('button', { name: 'Train on these columns' }).click();
      const job = page.getByTestId('train-job');
      await job.waitFor();
      await eventually(async () => ['succeeded', 'failed'].includes(await job.getAttribute('data-status')), {
        timeout: config.trainTimeoutMs,
        interval: 1000,
        message: 'training on the uploaded data to finish',
      });
      assert((await job.getAttribute('data-status')) === 'succeeded', `training succeeded (${await job.textContent()})`);
      const version = (await job.getByTestId('trained-version').textContent())?.trim();
      ctx.ownDataVersion = version;
      const model = await apiFetch(`/models/${encodeURIComponent(version)}`, { token: await tokenOf(admin) });
      assert(model.status === 200, `GET /models/${version} -> ${model.status}`);
      assert((model.json.clusters ?? []).length === 5, `income + spending of the Mall table make 5 segments (got ${(model.json.clusters ?? []).length})`);

      // An administrator activates it; the analyst's pages follow the new schema without a reload.
      await page.goto('/dashboard');
      await page.getByLabel(BUNDLED.frequency).waitFor();
      // Without activate's wait the refetch below may reach a process still serving the old model,
      // and the page would follow only with the schema's minute poll.
      await activate(version, await tokenOf(admin));
      // The analyst comes back to the tab (the page refetches the schema when it becomes visible).
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
      await eventually(async () => (await page.getByLabel('Annual income (k$)').count()) === 1, {
        timeout: 20_000,
        interval: 1000,
        message: 'the dashboard form to follow the new schema',
      });
      assert((await page.getByLabel(BUNDLED.frequency).count()) === 0, 'no field of the old schema is left');
      await page.getByLabel('Customer id (optional)').fill('0042');
      await page.getByLabel('Annual income (k$)').fill('88');
      await page.getByLabel('Spending score', { exact: true }).fill('20');
      await page.getByRole('button', { name: 'Predict segment' }).click();
      await page.getByTestId('explanation-summary').waitFor();
      const recent = page.getByRole('table', { name: 'Your last 10 predictions' });
      await recent.getByText('Annual income 88 · Spending score 20').first().waitFor();
      assert(!/undefined|\/yr/.test((await recent.textContent()) ?? ''), 'recent predictions show the schema features');
      await screenshots(page, 'dashboard-own-schema');

      // The batch page's template follows the schema; the whole file is scored by a job.
      await page.goto('/batch');
      await page.getByTestId('batch-columns').getByText('customer_id, annual_income_thousands, spending_score').waitFor();
      await page.goto(`/data/${encodeURIComponent(datasetId)}`);
      await page.getByRole('button', { name: 'Start a scoring job' }).click();
      const scoring = page.getByTestId('scoring-job');
      await eventually(async () => ['succeeded', 'failed'].includes(await scoring.getAttribute('data-status')), {
        timeout: 90_000,
        interval: 1000,
        message: 'the scoring job to finish',
      });
      assert((await scoring.getAttribute('data-status')) === 'succeeded', `the scoring job succeeded (${await scoring.textContent()})`);
      const href = await scoring.getByRole('link', { name: 'Download the scored CSV' }).getAttribute('href');
      const scored = await fetch(href);
      assert(scored.ok, `the download link works (${scored.status})`);
      const lines = (await scored.text()).trim().split(/\r?\n/);
      assert(lines.length === 201 && lines[0].startsWith('customer_id,'), `every row comes back with its customer id (${lines.length} lines; ${lines[0]})`);
      await screenshots(page, 'dataset-scored');
    },
    async cleanup({ ctx }) {
      if (ctx.adminPage && ctx.ownDataPreviousVersion && ctx.ownDataVersion) {
        await activate(ctx.ownDataPreviousVersion, await tokenOf(ctx.adminPage));
      }
    },
  },
  {
    name: 'segment colours are the same on every page and across a retrain',
    async run({ browser, errors, ctx }) {
      const page = await adminPage({ browser, errors, ctx });
      const before = await modelColours(page);
      ctx.coloursPreviousVersion = before.version;
      const predicted = await assertColoursEverywhere(page, before, 'before the retrain');
      await screenshots(page, 'admin-stats-colours');

      // Train again from the Models page on the same data with the first model's options (the
      // bundled dataset's fields, K chosen in 2-10, seed 42) and activate: the matched segments
      // keep their names and colours, in the document and on every page.
      await page.goto('/models');
      const form = page.getByRole('form', { name: 'Train a model' });
      await form.getByLabel('Dataset').selectOption({ value: '' }); // the bundled dataset
      await form.getByLabel('Seed (optional)').fill('42');
      await form.getByLabel('Activate the new model when training succeeds').check();
      await form.getByRole('button', { name: 'Start training' }).click();
      const trainJob = page.getByTestId('train-job');
      await trainJob.waitFor();
      await eventually(async () => ['succeeded', 'failed'].includes(await trainJob.getAttribute('data-status')), {
        timeout: config.trainTimeoutMs,
        interval: 1000,
        message: 'the retrain to finish',
      });
      assert((await trainJob.getAttribute('data-status')) === 'succeeded', `the retrain succeeded (${await trainJob.textContent()})`);
      const job = { model_version: (await trainJob.getByTestId('trained-version').textContent())?.trim() };
      ctx.coloursNewVersion = job.model_version;
      let after = null;
      await eventually(async () => (after = await modelColours(page)).version === job.model_version, {
        timeout: 45_000,
        interval: 2000,
        message: 'the API to serve the retrained model',
      });
      await sleep(MODEL_REFRESH_MS); // one process serves it; the others within a model check
      assert(after.version !== before.version, 'a new version is active');
      const listed = (m) => [...m.colours].map(([n, c]) => `${n} ${c}`).join(', ');
      for (const [name, colour] of before.colours)
        assert(after.colours.get(name) === colour, `${name} keeps its name and colour ${colour} (before: ${listed(before)}; after: ${listed(after)})`);
      const again = await assertColoursEverywhere(page, after, 'after the retrain');
      assert(again === predicted, `the same customer lands in the same segment (${predicted} -> ${again})`);
    },
    async cleanup({ ctx }) {
      if (ctx.adminPage && ctx.coloursPreviousVersion && ctx.coloursNewVersion) {
        await activate(ctx.coloursPreviousVersion, await tokenOf(ctx.adminPage));
      }
    },
  },
  {
    name: 'orders: upload, map the columns on a preview, train, see the RFM grid, export a segment',
    async run({ browser, errors, ctx }) {
      const page = await adminPage({ browser, errors, ctx });
      const { text, truth } = ordersCsv();
      const before = await apiFetch('/models', { token: await tokenOf(page) });

      await page.goto('/data');
      await page.getByLabel('CSV file (up to 5 GB)').setInputFiles({ name: 'orders-2011.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
      await page.getByRole('radio', { name: /An order line/ }).check();
      const preview = page.getByTestId('orders-preview');
      await preview.waitFor();
      assert((await preview.getByRole('row').count()) === 9, 'the preview shows the header and the first 8 rows as parsed');
      const mapping = page.getByTestId('orders-mapping');
      const role = (label) => mapping.getByLabel(label, { exact: true });
      // Found by header variants: Client, Order Date, Qty, Price Each; "Order Ref" is not a known name.
      assert((await role('Customer id').inputValue()) === 'Client', 'Client is the customer id');
      assert((await role('Order date or date-time').inputValue()) === 'Order Date', 'Order Date is the date');
      assert((await role('Quantity').inputValue()) === 'Qty' && (await role('Unit price').inputValue()) === 'Price Each', 'quantity and unit price found');
      assert((await role('Order id (optional)').inputValue()) === '', 'the order id is not guessed');
      await role('Order id (optional)').selectOption('Order Ref');
      await mapping.getByText('Detected from the rows: day first (31/12/2010).').waitFor();
      await role('Dates read').selectOption('day-first');
      await screenshots(page, 'orders-mapping');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await waitForUrl(page, (u) => /^\/data\/[^/]+$/.test(u.pathname), 60_000);
      const datasetId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());

      const form = page.getByRole('form', { name: 'Train on this dataset' });
      await form.waitFor({ timeout: 90_000 });
      assert((await form.getByLabel('Order id (optional)', { exact: true }).inputValue()) === 'Order Ref', 'the mapping chosen at upload is kept');
      assert((await form.getByLabel('Dates read', { exact: true }).inputValue()) === 'day-first', 'the date order chosen at upload is kept');
      await form.getByLabel('Number of segments (K)').selectOption('fixed');
      await form.getByLabel('K', { exact: true }).fill('4');
      await form.getByLabel('Seed (optional)').fill('7');
      await form.getByLabel('Activate the new model when training succeeds').uncheck();
      await form.getByRole('button', { name: 'Train on these orders' }).click();
      const job = form.getByTestId('train-job');
      await job.waitFor();
      await eventually(async () => ['succeeded', 'failed'].includes(await job.getAttribute('data-status')), {
        timeout: config.trainTimeoutMs,
        interval: 1000,
        message: 'training on the orders to finish',
      });
      assert((await job.getAttribute('data-status')) === 'succeeded', `training succeeded (${await job.textContent()})`);
      const version = (await job.getByTestId('trained-version').textContent())?.trim();
      assert(!/selecting_k|_/.test((await job.getByTestId('train-stage').textContent()) ?? ''), 'the stage is in words');

      // Every messy line is counted under its reason; the model is trained on the mapping.
      const model = await apiFetch(`/models/${encodeURIComponent(version)}`, { token: await tokenOf(page) });
      const summary = model.json.transactions;
      assert(
        summary.columns.order === 'Order Ref' && summary.date_order === 'day-first',
        `the mapping and date order are the chosen ones (${JSON.stringify(summary.columns)}, ${summary.date_order})`,
      );
      const report = summary.report;
      assert(
        report.rejected.missing_customer_id === 1 && report.rejected.zero_price === 1 && report.rejected.unparseable_date === 1,
        `rejected lines by reason: ${JSON.stringify(report.rejected)}`,
      );
      assert(
        report.duplicate_lines === 1 && report.cancellation_lines === 1,
        `one repeat and one cancellation (${report.duplicate_lines}, ${report.cancellation_lines})`,
      );
      assert(report.customers === Object.keys(truth).length, `one row per customer (${report.customers})`);
      assert(
        (before.json.active_version ?? null) === ((await apiFetch('/models', { token: await tokenOf(page) })).json.active_version ?? null),
        'the active model is unchanged',
      );

      // The model's page: the RFM grid with the names the behaviours call for.
      await page.getByTestId('trained-model-link').click();
      await waitForUrl(page, (u) => u.pathname === '/models' && u.searchParams.get('version') === version);
      const detail = page.getByTestId('model-detail');
      await detail.getByTestId('rfm-grid').waitFor();
      const named = (await detail.getByTestId('model-dataset').textContent())?.trim();
      assert(named === 'orders-2011.csv', `the model names its dataset by file name (got ${named})`);
      const names = (await detail.getByRole('table', { name: 'RFM segments' }).locator('tbody tr td:first-child').allTextContents()).map((t) => t.trim());
      const has = (options) => names.some((n) => options.includes(n));
      assert(names.length === 4, `four segments (${names.join(', ')})`);
      assert(names.includes('New customers'), `new customers are named so (${names.join(', ')})`);
      assert(has(['Champions', 'Loyal']), `loyal buyers are Champions or Loyal (${names.join(', ')})`);
      assert(has(['At risk', 'Cannot lose them']), `lapsed big spenders are At risk or Cannot lose them (${names.join(', ')})`);
      assert(has(['Hibernating', 'Lost', 'About to sleep']), `one-off buyers are Hibernating, Lost or About to sleep (${names.join(', ')})`);
      await screenshots(page, 'orders-model');

      // Export the new customers: every row is one of them, and every one of them is there.
      const exporter = detail.getByRole('form', { name: "Export a segment's customers" });
      await exporter.getByLabel('Segment').selectOption('New customers');
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 120_000 }),
        exporter.getByRole('button', { name: 'Export its customers (CSV)' }).click(),
      ]);
      const out = join(ARTIFACTS, 'segment-new-customers.csv');
      await download.saveAs(out);
      const [header, ...rows] = readFileSync(out, 'utf8')
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(','));
      assert(
        header[0] === 'customer_id' && header.includes('recency_days') && header.includes('segment_name'),
        `the export has the customer id, the features and the segment (${header.join(',')})`,
      );
      const segmentAt = header.indexOf('segment_name');
      assert(rows.length > 0 && rows.every((r) => r[segmentAt] === 'New customers'), 'every exported row is in the segment');
      const exported = new Set(rows.map((r) => r[0]));
      const generated = Object.keys(truth).filter((id) => truth[id] === 'newcomer');
      assert(
        rows.every((r) => truth[r[0]] === 'newcomer'),
        `every exported customer was generated new (${rows
          .filter((r) => truth[r[0]] !== 'newcomer')
          .map((r) => r[0])
          .join(', ')})`,
      );
      assert(
        generated.every((id) => exported.has(id)),
        `every generated new customer is exported (${exported.size} of ${generated.length})`,
      );
      ctx.ordersDatasetId = datasetId;
    },
  },
  {
    name: 'session expiry returns to login and back',
    needs: ['log out and log in'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.goto('/dashboard');
      await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({ token: 'corrupted.token.value', expiresAt: null })), SESSION_KEY);
      await page.goto('/history?min_confidence=10');
      await waitForUrl(page, (u) => u.pathname === '/login' && u.searchParams.get('expired') === '1');
      const next = new URL(page.url()).searchParams.get('next');
      assert(next === '/history?min_confidence=10', `next points back to the page (${next})`);
      await page.getByText('Your session has expired').waitFor();
      await screenshots(page, 'session-expired');
      await page.getByLabel('Username or email').fill(USERNAME);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await waitForUrl(page, (u) => u.pathname === '/history' && u.searchParams.get('min_confidence') === '10');
      await page.getByRole('heading', { name: 'History' }).waitFor();
    },
  },
  {
    name: 'account page shows statistics',
    needs: ['session expiry returns to login and back'],
    async run({ ctx }) {
      const page = ctx.userPage;
      await page.goto('/account');
      const n = page.getByTestId('account-predictions');
      await n.waitFor();
      assert(Number((await n.textContent())?.replace(/,/g, '')) >= 2, 'the account counts the predictions made');
      await screenshots(page, 'account');
    },
  },
  {
    name: 'forgot password: the mailed link resets it and the new password logs in',
    async run({ browser, errors }) {
      const name = `e2e_reset_${stamp}`;
      const email = `${name}@example.com`;
      const old = 'copper meadow whistles at dawn 17';
      const fresh = 'granite comet sails past noon 64';
      const created = await apiFetch('/auth/register', { method: 'POST', body: { username: name, email, password: old } });
      assert(created.status === 201, `registered the account to recover (${created.status} ${created.text})`);
      const page = await newPage(browser, errors);
      try {
        await page.goto('/login');
        await page.getByRole('link', { name: 'Forgot password?' }).click();
        await waitForUrl(page, (u) => u.pathname === '/forgot-password');
        await page.getByLabel('Email').fill(email);
        await screenshots(page, 'forgot-password');
        await page.getByRole('button', { name: 'Send reset link' }).click();
        await page.getByText('If an account has the address').waitFor();

        // The mail as the local stack captured it (moto's SES), opened and clicked in the browser.
        const mail = await eventually(
          async () => {
            await page.goto('/_local/mail');
            const article = page.locator('article', { hasText: email });
            return (await article.count()) ? article.first() : null;
          },
          { message: `the reset mail to ${email}` },
        );
        assert((await mail.getByRole('heading').textContent())?.includes('Reset your Segmenta password'), 'the mail has the reset subject');
        await mail.getByRole('link').first().click();
        await waitForUrl(page, (u) => u.pathname === '/reset-password');
        await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
        await eventually(async () => new URL(page.url()).hash === '', { message: 'the token to leave the address bar' });
        await page.getByLabel('New password', { exact: true }).fill(fresh);
        await page.getByLabel('Confirm new password').fill(fresh);
        await screenshots(page, 'reset-password');
        await page.getByRole('button', { name: 'Set new password' }).click();
        await waitForUrl(page, (u) => u.pathname === '/dashboard');

        await page.getByRole('button', { name: 'Log out' }).click();
        await waitForUrl(page, (u) => u.pathname === '/login');
        await logIn(page, name, old);
        await page
          .getByRole('alert')
          .filter({ hasText: /invalid/i })
          .first()
          .waitFor();
        await logIn(page, name, fresh);
        await waitForUrl(page, (u) => u.pathname === '/dashboard');
        assert((await page.getByTestId('nav-role').textContent())?.trim() === 'user', 'signed in with the new password');
      } finally {
        await page.context().close();
      }
    },
  },
  {
    name: 'admin hands over a one-time reset link',
    async run({ browser, errors, ctx }) {
      const name = `e2e_link_${stamp}`;
      const fresh = 'silver otter naps by the river 23';
      const created = await apiFetch('/auth/register', {
        method: 'POST',
        body: { username: name, email: `${name}@example.com`, password: 'quartz falcon hums softly 58' },
      });
      assert(created.status === 201, `registered the account (${created.status} ${created.text})`);
      const admin = await adminPage({ browser, errors, ctx });
      await admin.goto('/admin/users');
      await admin.getByRole('searchbox', { name: 'Search' }).fill(name);
      const rows = admin.getByTestId('user-rows').locator('tr');
      await eventually(async () => (await rows.count()) === 1, { message: 'the search to narrow the list' });
      const row = admin.locator(`tr[data-username="${name}"]`);
      await row.getByRole('button', { name: `Password reset link for ${name}` }).click();
      await admin
        .getByRole('dialog', { name: `Reset the password of ${name}?` })
        .getByRole('button', { name: 'Create link' })
        .click();
      const shown = admin.getByRole('dialog', { name: `Reset link for ${name}` });
      const link = await shown.getByTestId('reset-link').inputValue();
      assert(link.includes('/reset-password#token='), `the dialog shows the link (${link})`);
      await screenshots(admin, 'admin-reset-link');
      await shown.getByRole('button', { name: 'Done' }).click();

      const page = await newPage(browser, errors);
      try {
        for (const attempt of ['first', 'second']) {
          await page.goto(link);
          await page.getByLabel('New password', { exact: true }).fill(fresh);
          await page.getByLabel('Confirm new password').fill(fresh);
          await page.getByRole('button', { name: 'Set new password' }).click();
          if (attempt === 'first') {
            await waitForUrl(page, (u) => u.pathname === '/dashboard');
            await page.evaluate((key) => localStorage.removeItem(key), SESSION_KEY);
          } else {
            await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
          }
        }
      } finally {
        await page.context().close();
      }
    },
  },
];
