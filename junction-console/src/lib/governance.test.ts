import type { VirtualKey } from '../api/governance';
import {
  budgetFields, budgetStatus, changedFields, emptyKeyForm, emptyPartyForm, expiryFields, fieldOfMessage, filterKeys,
  keyCreateBody, keyFormOf, keyPatchBody, keyStatus, matchesSearch, parseLimit, partyCreateBody, partyFields,
} from './governance';

const NOW = new Date('2026-12-07T12:00:00Z');

function key(over: Partial<VirtualKey> = {}): VirtualKey {
  return { id: 'key_1', user_id: 'usr_1', name: 'laptop', prefix: 'jk-AbCd…wXyZ', allowed_models: ['openai/*'],
    ip_allow: [], tags: ['ci'], metadata: {}, rpm: 60, tpm: null, max_concurrent: null, expires_at: null,
    enabled: true, capture_bodies: false, created_at: '2026-12-01T00:00:00Z', updated_at: '2026-12-01T00:00:00Z', revoked_at: null,
    ...over };
}

describe('parseLimit', () => {
  it('reads empty as no limit and whole numbers as themselves', () => {
    expect(parseLimit('RPM', '')).toBeNull();
    expect(parseLimit('RPM', '  ')).toBeNull();
    expect(parseLimit('RPM', 60)).toBe(60);
    expect(parseLimit('RPM', '120')).toBe(120);
  });
  it('refuses zero, fractions and words with the field named', () => {
    expect(() => parseLimit('RPM', 0)).toThrow(/RPM must be a whole number/);
    expect(() => parseLimit('RPM', '1.5')).toThrow(/RPM/);
    expect(() => parseLimit('RPM', 'lots')).toThrow(/RPM/);
  });
});

describe('expiryFields', () => {
  it('sends a preset as expires_in', () => {
    expect(expiryFields('30d', '', 'create', NOW)).toEqual({ expires_in: '30d' });
  });
  it('sends nothing for never on create, and clears with null on edit', () => {
    expect(expiryFields('never', '', 'create', NOW)).toEqual({});
    expect(expiryFields('never', '', 'edit', NOW)).toEqual({ expires_at: null });
    expect(expiryFields('keep', '', 'edit', NOW)).toEqual({});
  });
  it('sends a custom date as an RFC 3339 expires_at, and refuses a past one', () => {
    expect(expiryFields('custom', '2027-01-01T00:00:00Z', 'create', NOW)).toEqual({ expires_at: '2027-01-01T00:00:00.000Z' });
    expect(() => expiryFields('custom', '2026-01-01T00:00:00Z', 'create', NOW)).toThrow(/future/);
    expect(() => expiryFields('custom', '', 'create', NOW)).toThrow(/Pick/);
  });
});

describe('keyCreateBody', () => {
  it('leaves unset limits out and carries budgets made in the same call', () => {
    const body = keyCreateBody({ ...emptyKeyForm('usr_1'), name: ' laptop ', allowed_models: ['openai/*', ' ', 'openai/*'],
      rpm: 60, expiry: '30d', budgets: [{ amount: 10, period: 'monthly', time_zone: '' }] }, NOW);
    expect(body).toEqual({ user_id: 'usr_1', name: 'laptop', allowed_models: ['openai/*'], ip_allow: [], tags: [],
      rpm: 60, capture_bodies: false, expires_in: '30d',
      budgets: [{ amount_usd: 10, period: 'monthly', time_zone: 'UTC' }] });
  });
  it('needs a user and at most one budget per period', () => {
    expect(() => keyCreateBody({ ...emptyKeyForm(), name: 'x' })).toThrow(/user/);
    expect(() => keyCreateBody({ ...emptyKeyForm('usr_1'), name: 'x', budgets: [
      { amount: 1, period: 'daily', time_zone: 'UTC' }, { amount: 2, period: 'daily', time_zone: 'UTC' }] }))
      .toThrow(/one budget per period/);
  });
});

describe('keyPatchBody', () => {
  it('sends only what changed, null for a cleared limit', () => {
    const before = key();
    const form = { ...keyFormOf(before), rpm: '', tags: ['ci', 'prod'] };
    expect(keyPatchBody(before, form, NOW)).toEqual({ rpm: null, tags: ['ci', 'prod'] });
  });
  it('sends nothing when nothing changed', () => {
    expect(keyPatchBody(key(), keyFormOf(key()), NOW)).toEqual({});
  });
  it('clears the expiry with never', () => {
    const before = key({ expires_at: '2027-01-01T00:00:00Z' });
    expect(keyPatchBody(before, { ...keyFormOf(before), expiry: 'never' }, NOW)).toEqual({ expires_at: null });
  });
});

describe('parties', () => {
  it('builds a user body with the tenant, leaving empty fields out on create', () => {
    expect(partyCreateBody('user', { ...emptyPartyForm(), name: 'alice', tenant_id: 'ten_1', email: ' ' }))
      .toEqual({ name: 'alice', allowed_models: [], tenant_id: 'ten_1' });
  });
  it('sends null to remove a user from their team on edit', () => {
    const before = { name: 'alice', email: 'a@x', team_id: 'team_1', rpm: null, tpm: null, max_concurrent: null,
      allowed_models: [] };
    const after = partyFields('user', { ...emptyPartyForm(), name: 'alice', email: 'a@x', team_id: null });
    expect(changedFields(before, after)).toEqual({ team_id: null });
  });
  it('refuses a markup out of range', () => {
    expect(() => partyFields('tenant', { ...emptyPartyForm(), name: 't', markup: 200 })).toThrow(/Markup/);
    expect(partyFields('tenant', { ...emptyPartyForm(), name: 't', markup: 0.2 }).markup).toBe(0.2);
  });
  it('finds the field an API message names', () => {
    expect(fieldOfMessage("'team_id': there is no team 'team_x' in tenant 'ten_1'.")).toBe('team_id');
    expect(fieldOfMessage('A tenant with that name exists.')).toBeNull();
  });
});

describe('budgets', () => {
  it('needs a positive amount', () => {
    expect(() => budgetFields({ amount: '', period: 'monthly', time_zone: 'UTC' })).toThrow(/positive/);
    expect(() => budgetFields({ amount: 0, period: 'monthly', time_zone: 'UTC' })).toThrow(/positive/);
    expect(budgetFields({ amount: '12.5', period: 'weekly', time_zone: 'Europe/Berlin' }))
      .toEqual({ amount_usd: 12.5, period: 'weekly', time_zone: 'Europe/Berlin' });
  });
  it('colours by how much is spent and reserved', () => {
    expect(budgetStatus({ amount_usd: 100, spent_usd: 10, reserved_usd: 0 })).toEqual({ ratio: 0.1, color: 'teal', unknown: false });
    expect(budgetStatus({ amount_usd: 100, spent_usd: 70, reserved_usd: 5 }).color).toBe('yellow');
    expect(budgetStatus({ amount_usd: 100, spent_usd: 90, reserved_usd: 0 }).color).toBe('orange');
    expect(budgetStatus({ amount_usd: 100, spent_usd: 99, reserved_usd: 2 }).color).toBe('red');
    expect(budgetStatus({ amount_usd: 100 })).toMatchObject({ color: 'gray', unknown: true });
  });
});

describe('key status and search', () => {
  it('says expired past the expiry, else enabled or disabled', () => {
    expect(keyStatus(key(), NOW)).toBe('enabled');
    expect(keyStatus(key({ enabled: false }), NOW)).toBe('disabled');
    expect(keyStatus(key({ enabled: false, revoked_at: '2026-12-01T00:00:00Z' }), NOW)).toBe('revoked');
    expect(keyStatus(key({ enabled: false, revoked_at: '2026-12-01T00:00:00Z', expires_at: '2026-12-01T00:00:00Z' }),
      NOW)).toBe('revoked');
    expect(keyStatus(key({ expires_at: '2026-12-01T00:00:00Z' }), NOW)).toBe('expired');
  });
  it('matches every word in any field, case-insensitively', () => {
    expect(matchesSearch('Lap CI', 'laptop', 'ci')).toBe(true);
    expect(matchesSearch('lap prod', 'laptop', 'ci')).toBe(false);
    expect(matchesSearch('', 'x')).toBe(true);
  });
  it('filters keys by name, prefix, owner and status', () => {
    const all = [key(), key({ id: 'key_2', name: 'server', prefix: 'jk-ZZZZ…', user_id: 'usr_2', enabled: false })];
    const names = (id: string) => ({ usr_1: 'alice', usr_2: 'bob' })[id];
    expect(filterKeys(all, 'bob', 'all', names, NOW).map((k) => k.id)).toEqual(['key_2']);
    expect(filterKeys(all, 'jk-abcd', 'all', names, NOW).map((k) => k.id)).toEqual(['key_1']);
    expect(filterKeys(all, '', 'disabled', names, NOW).map((k) => k.id)).toEqual(['key_2']);
  });
});
