import { describe, expect, it } from 'vitest';
import { exportName } from './export-name.js';

describe('exportName', () => {
  it('marks an export once, however often it is exported again', () => {
    expect(exportName('demo')).toBe('demo-export');
    expect(exportName(exportName('demo'))).toBe('demo-export');
  });

  it('cuts a long name to fit the schema limit of 200 code points, without splitting a character', () => {
    const long = '😀'.repeat(200);
    const name = exportName(long);
    expect(Array.from(name)).toHaveLength(200);
    expect(name).toBe(`${'😀'.repeat(193)}-export`);
    expect(exportName('a'.repeat(193))).toBe(`${'a'.repeat(193)}-export`);
  });
});
