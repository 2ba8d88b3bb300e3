// Traces and curl scripts carry file bodies byte for byte: binary, empty, and no body at all.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { ApiRequest, Exchange } from '../http/exchange.js';
import { curlScript } from './curl-script.js';
import { traceScenario } from './trace-scenario.js';

const OWNER = { token: 'demo-bea', principalId: 'usr_bea', tenantId: 'acme' };

function exchange(request: Omit<ApiRequest, 'token'>, status = 201): Exchange {
  return { request: { ...request, token: OWNER.token }, response: { status, headers: {}, bytes: new Uint8Array(), json: undefined, contentType: null }, operationId: 'putFile', durationMs: 1 };
}

const binary = Uint8Array.of(0xff, 0xfe, 0x00, 0x80, 0x41);
const path = `/v1/sessions/ses_1/files/${encodeURIComponent('dir with space/naïve café.txt')}`;
const exchanges = [
  exchange({ method: 'PUT', path, bytes: binary }),
  exchange({ method: 'PUT', path, bytes: new Uint8Array(0) }, 200),
  exchange({ method: 'PUT', path }, 200),
];

describe('trace scenario of file bodies', () => {
  const scenario = traceScenario('bodies', 'binary, empty and no body', exchanges, [OWNER], null);

  it('keeps binary bodies as canonical base64, an empty body as "", and no body as none', () => {
    expect(scenario.steps.map((s) => s.base64)).toEqual(['//4AgEE=', '', undefined]);
    expect(scenario.steps.map((s) => s.contentType)).toEqual(['application/octet-stream', 'application/octet-stream', undefined]);
    const schema = JSON.parse(readFileSync('fixtures/scenario.schema.json', 'utf8')) as object;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(scenario), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes a curl script whose bodies decode to the same bytes', () => {
    const script = curlScript(scenario, 'http://127.0.0.1:1');
    const dir = mkdtempSync(join(tmpdir(), 'curl-bodies-'));
    try {
      // Run only the body-preparing lines of the script, each into its own file.
      const prepares = script.split('\n').filter((line) => line.startsWith('printf '));
      expect(prepares).toHaveLength(2);
      prepares.forEach((line, i) => writeFileSync(join(dir, `p${i}.sh`), line.replace('/tmp/conformance-body.bin', join(dir, `b${i}.bin`))));
      for (let i = 0; i < prepares.length; i += 1) execFileSync('bash', [join(dir, `p${i}.sh`)]);
      expect(readFileSync(join(dir, 'b0.bin')).equals(Buffer.from(binary))).toBe(true);
      expect(readFileSync(join(dir, 'b1.bin')).length).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(script).toContain(`'${path}'`);
  });
});
