import { describe, expect, it } from 'vitest';
import { displayValue, isMasked, orderedSections, sectionRows } from './settings';

describe('settings display', () => {
  it('shows masked secrets as hidden, never as a value', () => {
    expect(displayValue('password', '***')).toEqual({ key: 'password', text: 'hidden', masked: true });
    expect(displayValue('url', 'redis://:***@redis:6379')).toEqual({ key: 'url', text: 'redis://:***@redis:6379',
      masked: true });
    expect(isMasked('redis://redis:6379')).toBe(false);
  });

  it('flattens sections, with sizes, booleans, lists and keys by name', () => {
    const rows = sectionRows({ enabled: true, max_body_size: 33554432, delivery: { retries: 3 }, headers: {},
      admin_keys: [{ name: 'ops', key: '***' }], trusted_proxies: [] });
    expect(sectionRows({ media: { max_size: 20971520 } })).toEqual([{ key: 'media.max_size', text: '20MB',
      masked: false }]);
    expect(rows).toEqual([
      { key: 'enabled', text: 'yes', masked: false },
      { key: 'max_body_size', text: '32MB', masked: false },
      { key: 'delivery.retries', text: '3', masked: false },
      { key: 'headers', text: 'none', masked: false },
      { key: 'admin_keys', text: 'name ops, key hidden', masked: true },
      { key: 'trusted_proxies', text: 'none', masked: false },
    ]);
  });

  it('orders the sections and keeps unknown ones', () => {
    const ids = orderedSections({ store: {}, listeners: [], config_file: 'x', extra: 1 }).map((s) => s.id);
    expect(ids).toEqual(['listeners', 'store', 'extra']);
  });
});
