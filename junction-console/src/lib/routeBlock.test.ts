import { describe, expect, it } from 'vitest';
import { blockToForm, formToBlock, parseBlock } from './routeBlock';

describe('route block ↔ form', () => {
  it('reads the long form and writes it back with every key it does not show', () => {
    const block = {
      strategy: 'weighted',
      aliases: ['chat-latest'],
      groups: [
        { name: 'primary', deployments: [
          { provider: 'openai', model: 'gpt-4o-mini', weight: 5, rpm: 500, id: 'oai' },
          { provider: 'anthropic', model: 'claude-haiku-4-5' }] },
        { use: 'backup-pool' },
      ],
      retry: { attempts: 4 },
      fallback: { statuses: [400] },
    };
    const form = blockToForm(block);
    expect(form.strategy).toBe('weighted');
    expect(form.groups[0].deployments[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', weight: '5',
      extra: { rpm: 500, id: 'oai' } });
    expect(form.groups[1].use).toBe('backup-pool');
    expect(form.extra).toEqual({ retry: { attempts: 4 }, fallback: { statuses: [400] } });
    expect(formToBlock(form)).toEqual(block);
  });

  it('shows the short form (steps) as one group and keeps it while the form fits it', () => {
    const steps = { steps: [{ provider: 'a', model: 'x' }, { provider: 'b', model: 'y', params: { drop: ['seed'] } }] };
    const form = blockToForm(steps);
    expect(form.groups).toHaveLength(1);
    expect(formToBlock(form)).toEqual(steps);
    form.groups[0].deployments[0].weight = '2';
    expect(formToBlock(form)).toEqual({ groups: [{ deployments: [{ provider: 'a', model: 'x', weight: 2 },
      { provider: 'b', model: 'y', params: { drop: ['seed'] } }] }] });
  });

  it('sends whole-number weights as numbers and anything else as typed, for the gateway to name', () => {
    const form = blockToForm({ groups: [{ deployments: [{ provider: 'a', model: 'x' }] }] });
    form.groups[0].deployments[0].weight = '3';
    expect(formToBlock(form)).toMatchObject({ groups: [{ deployments: [{ weight: 3 }] }] });
    form.groups[0].deployments[0].weight = 'heavy';
    expect(formToBlock(form)).toMatchObject({ groups: [{ deployments: [{ weight: 'heavy' }] }] });
    form.strategy = '  ';
    expect(formToBlock(form)).not.toHaveProperty('strategy');
  });

  it('parses the editor text or says why it is not a block', () => {
    expect(parseBlock('{"groups": []}')).toEqual({ block: { groups: [] } });
    expect(parseBlock('[1]')).toHaveProperty('error');
    expect('error' in parseBlock('{groups:')).toBe(true);
  });
});
