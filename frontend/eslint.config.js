// ESLint (flat config): typescript-eslint, React hooks, and the layer rules of bulletproof-react
// (import/no-restricted-paths): app -> features -> components / lib / types / config.
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FEATURES = ['account', 'admin', 'auth', 'batch', 'dashboard', 'datasets', 'docs', 'history', 'models', 'profiles', 'scoring'];

/* A feature imports only itself (shared data such as the active schema and segments lives in lib/,
   the prediction form and card in components/segments). Pages that combine features are put
   together in app/routes (e.g. the dashboard gets the recent predictions from features/history
   as a prop, a batch's history entry gets the batch feature's results view). */
const featureZones = FEATURES.map((name) => ({
  target: `./src/features/${name}`,
  from: './src/features',
  except: [`./${name}`],
  message: 'Features do not import each other; compose them in app/routes.',
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'e2e/artifacts', 'coverage', 'src/types/openapi.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'vite.config.ts'],
    languageOptions: { ecmaVersion: 2022, globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, import: importPlugin },
    settings: { 'import/resolver': { typescript: { project: './tsconfig.json' } } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      'import/no-cycle': 'error',
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureZones,
            { target: './src/features', from: './src/app', message: 'Features do not import the app.' },
            {
              target: ['./src/components', './src/lib', './src/types', './src/config'],
              from: ['./src/features', './src/app'],
              message: 'Shared code does not import features or the app.',
            },
          ],
        },
      ],
    },
  },
  // Left for the owners of these files (reported at merge): a models test that renders the history
  // table, and the orders preview that resets its state inside an effect.
  { files: ['src/features/models/components/honest-segments.test.tsx'], rules: { 'import/no-restricted-paths': 'off' } },
  { files: ['src/features/datasets/components/dataset-upload.tsx'], rules: { 'react-hooks/set-state-in-effect': 'off' } },
  {
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs', 'public/**/*.js', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
);
