import { FanOutRegistry } from './fan-out.registry.js';

describe('endorser fan-out registry', () => {
  const source = { page: async () => [], unsubscribeWithin: async () => undefined };
  const message = async () => ({ template: 'proposal.qualified' as const, key: 'k', params: { title: 't', url: 'u' } });

  it('names every missing part, so the worker refuses to start without it', () => {
    const r = new FanOutRegistry();
    expect(r.problems()).toEqual([
      'the endorser fan-out has no subscriber source',
      'the endorser fan-out has no resolver for "qualified"',
      'the endorser fan-out has no resolver for "responded"',
      'the endorser fan-out has no resolver for "decided"',
      'the endorser fan-out has no resolver for "decision_concluded"',
    ]);
    r.useSource(source);
    r.on('qualified', message);
    r.on('responded', message);
    r.on('decided', message);
    expect(r.problems()).toEqual(['the endorser fan-out has no resolver for "decision_concluded"']);
    r.on('decision_concluded', message);
    expect(r.problems()).toEqual([]);
  });

  it('refuses a second resolver for one event', () => {
    const r = new FanOutRegistry();
    r.on('qualified', message);
    expect(() => r.on('qualified', message)).toThrow('"qualified" has two resolvers');
  });
});
