import { describe, expect, it } from 'vitest';
import { forField, parseProblem, problemsByField, routePrefix } from './problems';

describe('validation messages', () => {
  const prefix = routePrefix('my.route');

  it('splits a check-config message into its field and what is wrong', () => {
    expect(parseProblem("routes.my.route.groups[0].deployments[1].provider: unknown provider 'nope'", prefix))
      .toEqual({ field: 'groups[0].deployments[1].provider', message: "unknown provider 'nope'",
        text: "routes.my.route.groups[0].deployments[1].provider: unknown provider 'nope'" });
    expect(parseProblem('routes.my.route: expected a mapping', prefix).field).toBe('');
    expect(parseProblem('something else entirely', prefix)).toMatchObject({ field: '',
      message: 'something else entirely' });
  });

  it('groups messages by field and leaves those of shown inputs to them', () => {
    const map = problemsByField([
      'routes.my.route.strategy: unknown strategy \'x\'',
      'routes.my.route.groups[0].deployments[0].provider: unknown provider \'p\'',
      'routes.my.route.groups[0].deployments[0].rpm: expected an integer, got \'a\'',
      'routes.my.route.retry.attempts: must be between 1 and 10, got 0',
    ], prefix);
    expect(map.get('strategy')).toEqual(["unknown strategy 'x'"]);
    expect(forField(map, 'groups[0].deployments[0]', ['provider', 'model', 'weight']))
      .toEqual(["rpm: expected an integer, got 'a'"]);
    expect(forField(map, 'groups[0].deployments[0].provider')).toEqual(["unknown provider 'p'"]);
    expect(forField(map, 'retry')).toEqual(['attempts: must be between 1 and 10, got 0']);
    expect(forField(map, 'groups[1]')).toEqual([]);
    const steps = problemsByField(["routes.my.route.steps[1].provider: unknown provider 'q'"], prefix);
    expect(forField(steps, 'groups[0].deployments[1].provider')).toEqual(["unknown provider 'q'"]);
  });
});
