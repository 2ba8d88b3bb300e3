/**
 * A ready-to-run bash script (curl + jq) that replays a trace scenario against `$BASE_URL`.
 */
import type { Scenario } from './trace-scenario.js';

const q = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function jqPath(pointer: string): string {
  return pointer.split('/').slice(1).map((t) => (/^\d+$/.test(t) ? `[${t}]` : `.${JSON.stringify(t)}`)).join('') || '.';
}

function shellVars(text: string): string {
  return text.replace(/\{\{(v\d+)\}\}/g, '${$1}');
}

/** The script text. */
export function curlScript(scenario: Scenario, baseUrl: string): string {
  const lines = [
    '#!/usr/bin/env bash',
    `# ${scenario.name}: replays the failing trace. Needs curl and jq.`,
    'set -euo pipefail',
    `BASE_URL="\${BASE_URL:-${baseUrl}}"`,
    '',
  ];
  scenario.steps.forEach((step, index) => {
    const token = step.as === undefined ? scenario.defaultToken : step.as;
    const args = [`-sS -X ${step.method}`, `"$BASE_URL"${shellVars(q(step.path))}`];
    if (token !== null) args.push(`-H ${q(`Authorization: Bearer ${token}`)}`);
    for (const [name, value] of Object.entries(step.headers ?? {})) args.push(`-H ${shellVars(q(`${name}: ${value}`))}`);
    let pre = '';
    if (step.json !== undefined) args.push(`-H 'Content-Type: application/json' --data-binary ${shellVars(q(JSON.stringify(step.json)))}`);
    if (step.base64 !== undefined) {
      pre = `printf '%s' ${q(step.base64)} | base64 -d > /tmp/conformance-body.bin\n`;
      args.push(`-H ${q(`Content-Type: ${step.contentType ?? 'application/octet-stream'}`)} --data-binary @/tmp/conformance-body.bin`);
    }
    lines.push(`# step ${index}${step.note ? `: ${step.note}` : ''} (expect ${step.expectStatus ?? '2xx'}, observed ${step.observed?.status ?? '?'})`);
    lines.push(`${pre}body=$(curl ${args.join(' ')} -w '\\n%{http_code}')`);
    lines.push('echo "step ' + String(index) + ': $(tail -n1 <<<"$body")"; body=$(sed \'$d\' <<<"$body")');
    for (const [name, pointer] of Object.entries(step.save ?? {})) lines.push(`${name}=$(jq -r ${q(jqPath(pointer))} <<<"$body")`);
    lines.push('');
  });
  return `${lines.join('\n')}\n`;
}
