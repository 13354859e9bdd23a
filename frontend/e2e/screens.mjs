// Every page as every role (anonymous, user, analyst, admin), at 1280 px and 375 px, in the light
// and the dark colour scheme (prefers-color-scheme, emulated): no sideways scrolling, no table
// cell or button cut off, no serious/critical axe-core violation, and a screenshot of each in
// e2e/artifacts/screens/<role>-<page>-<width>-<scheme>.png. Then the behaviours of issue 14 that
// only a browser shows (Escape closes the phone menu, the theme switch is kept, ...).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiFetch,
  ARTIFACTS,
  assert,
  checkAccessibility,
  checkCutOff,
  checkOverflow,
  config,
  eventually,
  sampleCustomer,
  SESSION_KEY,
  waitForUrl,
} from './lib.mjs';

const SCREENS = join(ARTIFACTS, 'screens');
mkdirSync(SCREENS, { recursive: true });

const stamp = Date.now().toString(36);
const PASSWORD = 'harbour lights glow at dusk 31';
const WIDTHS = [
  [1280, 900],
  [375, 812],
];
const SCHEMES = ['light', 'dark'];

/** Pages a visitor may open (anonymous) and the ones behind a sign-in, by the least role. */
const PUBLIC = ['/', '/about', '/docs', '/login', '/register', '/admin/login', '/forgot-password', '/reset-password', '/no-such-page'];
const SIGNED_IN = [
  ['/dashboard', 'user'],
  ['/batch', 'user'],
  ['/history', 'user'],
  ['/history/:single', 'user'],
  ['/history/:batch', 'user'],
  ['/profiles', 'user'],
  ['/account', 'user'],
  ['/data', 'user'],
  ['/data/:dataset', 'user'],
  ['/models', 'analyst'],
  ['/admin/users', 'admin'],
  ['/admin/stats', 'admin'],
  ['/admin/audit', 'admin'],
];
const RANK = { anonymous: -1, user: 0, analyst: 1, admin: 2 };
/* The user's pages look the same to an analyst or an admin but for the navigation: those two see
   the dashboard (their menu) and the pages their role adds, the user sees every user page. */
const pagesOf = (role) => SIGNED_IN.filter(([, least]) => RANK[role] >= RANK[least] && (role === 'user' || least !== 'user')).map(([p]) => p);

async function ok(res, what, status = 200) {
  assert(res.status === status, `${what} -> ${res.status}: ${res.text.slice(0, 200)}`);
  return res.json;
}

/** The accounts and data the pages show: a user with predictions, a 120-row batch and profiles
 * (one with a long unbroken note), an analyst, and the administrator. */
async function seed(ctx) {
  const admin = await ok(
    await apiFetch('/auth/login', { method: 'POST', body: { username: config.adminUsername, password: config.adminPassword } }),
    'admin login',
  );
  const accounts = { admin: admin.access_token };
  for (const role of ['user', 'analyst']) {
    const username = `scr_${role}_${stamp}`;
    const created = await ok(
      await apiFetch('/auth/register', {
        method: 'POST',
        body: { username, email: `${username}@example.com`, password: PASSWORD, full_name: `Screens ${role}` },
      }),
      `register ${role}`,
      201,
    );
    if (role === 'analyst')
      await ok(await apiFetch(`/admin/users/${created.id}/role`, { method: 'PUT', token: accounts.admin, body: { role: 'analyst' } }), 'make analyst');
    accounts[role] = (await ok(await apiFetch('/auth/login', { method: 'POST', body: { username, password: PASSWORD } }), `login ${role}`)).access_token;
    ctx[`${role}Name`] = username;
  }
  const schema = await ok(await apiFetch('/schema', { token: accounts.user }), 'schema');
  ctx.ids = {};
  for (const role of ['user', 'analyst', 'admin']) {
    const token = accounts[role];
    for (let i = 0; i < 3; i += 1) await ok(await apiFetch('/predict', { method: 'POST', token, body: sampleCustomer(schema, i) }), 'predict');
    await ok(
      await apiFetch('/predict/batch', { method: 'POST', token, body: { customers: Array.from({ length: 120 }, (_, i) => sampleCustomer(schema, i + 3)) } }),
      'batch',
    );
    for (const [name, notes] of [
      ['Dup', null],
      ['Long note', 'n'.repeat(600)],
    ]) {
      await ok(await apiFetch('/profiles', { method: 'POST', token, body: { name, features: sampleCustomer(schema, 5), notes } }), 'profile', 201);
    }
    // History entries are own-only: each role opens its own.
    const mine = await ok(await apiFetch('/history?limit=50', { token }), 'history');
    ctx.ids[role] = {
      single: mine.history.find((h) => h.kind === 'single').id,
      batch: mine.history.find((h) => h.kind === 'batch').id,
      dataset: (await ok(await apiFetch('/datasets', { token }), 'datasets')).datasets[0]?.dataset_id ?? null,
    };
  }
  ctx.tokens = accounts;
  ctx.schema = schema;
  return accounts;
}

/** A context whose pages start signed in (the token is put where the SPA keeps it). */
async function roleContext(browser, errors, token) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: config.webUrl });
  if (token) {
    await context.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem('screens.seeded')) {
          localStorage.setItem(key, value);
          sessionStorage.setItem('screens.seeded', '1');
        }
      },
      [SESSION_KEY, JSON.stringify({ token, expiresAt: Date.now() + 25 * 60_000 })],
    );
  }
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (err) => errors.push(`${page.url()}: ${err.message}`));
  return page;
}

function resolvePath(path, ids) {
  return path
    .replace(':single', ids.single)
    .replace(':batch', ids.batch)
    .replace(':dataset', ids.dataset ?? 'none');
}

/** Waits until the page has its heading and nothing is loading any more. */
async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await eventually(async () => (await page.getByText(/^(Loading|Checking your session)/).count()) === 0, {
    timeout: 15_000,
    message: 'the page to finish loading',
  }).catch(() => undefined);
}

/** Both widths and both schemes of the page as it is now; checks and screenshots. */
async function everyView(page, name) {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await eventually(async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === scheme, {
      timeout: 5_000,
      message: `the ${scheme} scheme`,
    });
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(200); // charts re-measure
      const label = `${name} (${scheme})`;
      await checkOverflow(page, label, width);
      await checkCutOff(page, label, width);
      // axe-core once per scheme (colour contrast is what the scheme changes), on the desktop layout.
      if (width === 1280) await checkAccessibility(page, label);
      await page.screenshot({ path: join(SCREENS, `${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

function slug(path) {
  return path === '/' ? 'home' : path.replace(/^\//, '').replace(/[/:]+/g, '-');
}

async function visitAll({ browser, errors, ctx }, role) {
  const page = await roleContext(browser, errors, ctx.tokens?.[role]);
  try {
    const ids = ctx.ids?.[role] ?? {};
    const paths =
      role === 'anonymous' ? PUBLIC : [...(role === 'user' ? [] : ['/dashboard']), ...pagesOf(role)].filter((p) => p !== '/data/:dataset' || ids.dataset);
    for (const path of paths) {
      await page.goto(resolvePath(path, ids));
      await settle(page);
      if (role !== 'anonymous') assert(!/^\/login/.test(new URL(page.url()).pathname), `${role} stays signed in on ${path}`);
      await everyView(page, `${role}-${slug(path)}`);
    }
  } finally {
    await page.context().close();
  }
}

export const screenScenarios = [
  {
    name: 'screens: seed a user, an analyst and the admin with data',
    async run({ ctx }) {
      assert(config.adminUsername && config.adminPassword, 'E2E_ADMIN_USERNAME and E2E_ADMIN_PASSWORD are set');
      ctx.screens = {};
      await seed(ctx.screens);
    },
  },
  ...['anonymous', 'user', 'analyst', 'admin'].map((role) => ({
    name: `screens: ${role === 'anonymous' || role === 'user' ? `every page as ${role}` : `the pages the ${role} adds, as ${role}`}, 1280 and 375 px, light and dark`,
    needs: role === 'anonymous' ? [] : ['screens: seed a user, an analyst and the admin with data'],
    run: ({ browser, errors, ctx }) => visitAll({ browser, errors, ctx: ctx.screens ?? {} }, role),
  })),
  {
    name: 'screens: a signed-out visit says why, the admin login offers no account',
    async run({ browser, errors }) {
      const page = await roleContext(browser, errors, null);
      try {
        await page.goto('/dashboard');
        await waitForUrl(page, (u) => u.pathname === '/login' && u.searchParams.get('next') === '/dashboard');
        await page.getByTestId('login-reason').getByText('Please log in to see that page.').waitFor();
        await page.goto('/admin/login');
        await page.getByRole('heading', { name: 'Administrator log in' }).waitFor();
        assert((await page.getByRole('link', { name: 'Create one' }).count()) === 0, 'the admin login does not offer "Create one"');
      } finally {
        await page.context().close();
      }
    },
  },
  {
    name: 'screens: Escape closes the phone menu; the theme switch overrides the OS and is kept',
    needs: ['screens: seed a user, an analyst and the admin with data'],
    async run({ browser, errors, ctx }) {
      const page = await roleContext(browser, errors, ctx.screens.tokens.user);
      try {
        await page.setViewportSize({ width: 375, height: 812 });
        await page.goto('/dashboard');
        await settle(page);
        const toggle = page.getByRole('button', { name: 'Menu' });
        await toggle.click();
        const history = page.getByRole('link', { name: 'History', exact: true });
        await history.waitFor();
        await history.focus();
        await page.keyboard.press('Escape');
        assert((await page.getByRole('button', { name: 'Menu' }).getAttribute('aria-expanded')) === 'false', 'Escape closes the menu');
        assert(await page.getByRole('button', { name: 'Menu' }).evaluate((el) => el === document.activeElement), 'focus returns to the menu button');
        assert(!(await history.isVisible()), 'the menu links are hidden again');

        await page.emulateMedia({ colorScheme: 'dark' });
        await eventually(async () => (await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', {
          message: 'the OS dark scheme to be followed',
        });
        await toggle.click();
        await page.getByTestId('theme-switch').selectOption('light');
        await page.reload();
        await settle(page);
        assert(
          (await page.evaluate(() => document.documentElement.dataset.theme)) === 'light',
          'the chosen light scheme is kept over the dark OS setting after a reload',
        );
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByTestId('theme-switch').selectOption('system');
        assert((await page.evaluate(() => document.documentElement.dataset.theme)) === 'dark', '"System" follows the OS again');
        const bodyColour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const lightness = /oklch\(([\d.]+)(%?)/.exec(bodyColour);
        const dark = lightness
          ? Number(lightness[1]) / (lightness[2] ? 100 : 1) < 0.4
          : /rgb\((\d+), (\d+), (\d+)\)/
              .exec(bodyColour)
              ?.slice(1)
              .every((v) => Number(v) < 80);
        assert(dark, `the dark page has a dark background (${bodyColour})`);
      } finally {
        await page.context().close();
      }
    },
  },
  {
    name: 'screens: history detail explains a prediction and pages a 120-row batch',
    needs: ['screens: seed a user, an analyst and the admin with data'],
    async run({ browser, errors, ctx }) {
      const page = await roleContext(browser, errors, ctx.screens.tokens.user);
      try {
        await page.goto(`/history/${ctx.screens.ids.user.single}`);
        await page.getByTestId('explanation-summary').waitFor();
        await page.getByRole('list', { name: 'Probability per segment' }).waitFor();
        await page.goto(`/history/${ctx.screens.ids.user.batch}`);
        await page.getByTestId('batch-count').getByText('120').waitFor();
        assert((await page.getByText(/^More/).count()) === 0, 'no raw "More" block');
        assert((await page.getByText('Segment', { exact: true }).locator('xpath=ancestor::dl').count()) === 0, 'no "Segment —" card for a batch');
        const confidences = await page.getByTestId('batch-result-rows').locator('td.tabular-nums').allTextContents();
        assert(
          confidences.length === 50 && confidences.every((c) => /^\d{1,3}\.\d%$/.test(c.trim())),
          `every confidence reads as a percentage with one decimal (${confidences.slice(0, 5).join(', ')})`,
        );
        await page.getByTestId('result-page').getByText('Page 1 of 3').waitFor();
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByRole('button', { name: 'Next' }).click();
        await page.getByTestId('result-page').getByText('Page 3 of 3').waitFor();
        assert((await page.getByTestId('batch-result-rows').locator('tr').count()) === 20, 'the last page holds rows 101-120');
      } finally {
        await page.context().close();
      }
    },
  },
  {
    name: 'screens: errors name fields in words; deactivation asks first; a duplicate profile name is pointed out',
    needs: ['screens: seed a user, an analyst and the admin with data'],
    async run({ browser, errors, ctx }) {
      const page = await roleContext(browser, errors, ctx.screens.tokens.user);
      try {
        await page.goto('/account');
        await page.getByLabel('Current password').fill('not my password at all 1');
        await page.getByLabel('New password', { exact: true }).fill('a completely new passphrase 77');
        await page.getByLabel('Confirm new password').fill('a completely new passphrase 77');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page
          .getByText(/Current password is incorrect|current password is not right/i)
          .first()
          .waitFor();
        assert((await page.getByText('current_password').count()) === 0, 'no raw field name on the page');
        await page.goto('/profiles');
        await page.getByRole('button', { name: 'New profile' }).click();
        await page.getByLabel('Profile name').fill('dup');
        await page
          .getByTestId('duplicate-name')
          .getByText(/You already have a profile named “Dup”/)
          .waitFor();
      } finally {
        await page.context().close();
      }
      const admin = await roleContext(browser, errors, ctx.screens.tokens.admin);
      try {
        await admin.goto('/admin/users');
        await admin.getByRole('searchbox', { name: 'Search' }).fill(ctx.screens.analystName);
        const rows = admin.getByTestId('user-rows').locator('tr');
        await eventually(async () => (await rows.count()) === 1, { message: 'the search to narrow the list' });
        await admin.getByRole('button', { name: `Deactivate ${ctx.screens.analystName}` }).click();
        const dialog = admin.getByRole('dialog', { name: `Deactivate ${ctx.screens.analystName}?` });
        await dialog.waitFor();
        await dialog.getByRole('button', { name: 'Cancel' }).click();
        await admin.getByTestId('user-rows').getByText('active', { exact: true }).waitFor();
      } finally {
        await admin.context().close();
      }
    },
  },
];
