import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { mallSchemaFixture, schemaFixture } from '@/testing/fixtures';
import { fieldLabel, schemaKey, syncModelVersion } from './schema';

describe('following the active model', () => {
  it('marks the schema stale only when a response names another model', () => {
    const qc = new QueryClient();
    qc.setQueryData(schemaKey, schemaFixture);
    syncModelVersion(qc, schemaFixture.model_version);
    syncModelVersion(qc, null);
    expect(qc.getQueryState(schemaKey)?.isInvalidated).toBe(false);
    syncModelVersion(qc, mallSchemaFixture.model_version);
    expect(qc.getQueryState(schemaKey)?.isInvalidated).toBe(true);
  });

  it('does nothing before the schema is known', () => {
    const qc = new QueryClient();
    syncModelVersion(qc, 'v1');
    expect(qc.getQueryState(schemaKey)).toBeUndefined();
  });
});

describe('field labels', () => {
  it('adds the unit unless the label already says it', () => {
    expect(fieldLabel({ name: 'annual_income', label: 'Annual income', type: 'numeric', unit: 'thousands' })).toBe('Annual income (thousands)');
    expect(fieldLabel({ name: 'x', label: 'Income in k$', type: 'numeric', unit: 'k$' })).toBe('Income in k$');
    expect(fieldLabel({ name: 'tenure_days', label: '', type: 'numeric' })).toBe('Tenure days');
  });
});
