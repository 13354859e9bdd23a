// The SPA's API types, generated from the API's OpenAPI document (docs/openapi.json, written by
// `make docs` from the route declarations) with openapi-typescript.
//   node scripts/api-types.mjs          writes src/types/openapi.gen.ts
//   node scripts/api-types.mjs --check  fails when that file is not what the document generates
// `npm run build` runs the check, so a stale file fails the build (and `make test`).
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';

const DOCUMENT = new URL('../../docs/openapi.json', import.meta.url);
const TARGET = new URL('../src/types/openapi.gen.ts', import.meta.url);
const HEADER = '// Generated from docs/openapi.json by `npm run gen:api` (openapi-typescript); do not edit.\n\n';

const generated = HEADER + astToString(await openapiTS(DOCUMENT, { defaultNonNullable: false }));

if (process.argv.includes('--check')) {
  const current = await readFile(TARGET, 'utf8').catch(() => '');
  if (current !== generated) {
    console.error('src/types/openapi.gen.ts is stale: run `make docs` (or `npm run gen:api`).');
    process.exit(1);
  }
} else {
  await writeFile(TARGET, generated);
  console.log('wrote src/types/openapi.gen.ts');
}
