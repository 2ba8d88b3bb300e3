import { describe, expect, it } from 'vitest';
import { NO_FAULTS, validateFaults } from './faults.js';

const known = (operationId: string): boolean => operationId === 'getSession';

describe('validateFaults', () => {
  it('accepts "*" and known operations, and an empty object as no faults', () => {
    const settings = { latency: { minMs: 5, maxMs: 5 }, errors: [{ operationId: '*', status: 500, rate: 0 }, { operationId: 'getSession', status: 503, rate: 1 }] };
    expect(validateFaults(settings, known)).toEqual({ ok: true, value: settings });
    expect(validateFaults({}, known)).toEqual({ ok: true, value: NO_FAULTS });
  });

  it('refuses an unknown operationId, pointing at it', () => {
    expect(validateFaults({ errors: [{ operationId: 'getSesion', status: 503, rate: 1 }] }, known)).toEqual({
      ok: false,
      pointer: '/errors/0/operationId',
      message: 'errors[0].operationId "getSesion" is not an operation of the contract; use "*" or an operationId from contract/openapi.yaml',
    });
  });

  it('refuses members it does not know at every level, pointing at them', () => {
    expect(validateFaults({ errors: [{ operationId: '*', status: 503, rate: 1, 'a/b': 1 }] }, known)).toMatchObject({ ok: false, pointer: '/errors/0/a~1b' });
    expect(validateFaults({ latency: { minMs: 1, maxMs: 1, extra: true } }, known)).toMatchObject({ ok: false, pointer: '/latency/extra' });
    expect(validateFaults({ errors: [], latncy: null }, known)).toMatchObject({ ok: false, pointer: '/latncy' });
  });

  it.each([
    [[], ''],
    [{ latency: { minMs: 3, maxMs: 2 } }, '/latency'],
    [{ latency: 5 }, '/latency'],
    [{ errors: {} }, '/errors'],
    [{ errors: [null] }, '/errors/0'],
    [{ errors: [{ operationId: '*', status: 200, rate: 1 }] }, '/errors/0'],
    [{ errors: [{ operationId: '*', status: 503, rate: 2 }] }, '/errors/0'],
  ])('refuses %j', (value, pointer) => {
    expect(validateFaults(value, known)).toMatchObject({ ok: false, pointer });
  });
});
