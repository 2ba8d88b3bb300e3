#!/usr/bin/env node
/**
 * `session-mock`: serves the stateful Session API mock. A thin shell over `createMockServer`:
 * parse flags, start, print where it listens and the demo tokens, stop cleanly on Ctrl-C.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { formatLogLine } from './app/request-log.js';
import { checkFlags } from './cli-flags.js';
import { createMockServer } from './server/create-mock-server.js';
import { stopWithParent } from './stop-with-parent.js';

async function main(): Promise<number> {
  const argv = await yargs(hideBin(process.argv))
    .scriptName('session-mock')
    .usage('$0 [options]\n\nServes a stateful mock of the Session API.')
    // No yargs defaults for the checked flags: with one, a flag given without a value silently
    // takes the default. checkFlags applies them.
    .option('port', { type: 'string', defaultDescription: '4010', describe: 'Port to listen on (0 picks a free one)' })
    .option('host', { type: 'string', defaultDescription: '127.0.0.1', describe: 'Interface to listen on' })
    .option('fixtures', { type: 'string', describe: 'Fixture directory with scenario.json (default: the demo fixtures), or "none"' })
    .option('auth', { choices: ['on', 'off'] as const, default: 'on' as const, describe: 'off: every request acts as the fixtures\' default principal' })
    .option('cors', { type: 'string', defaultDescription: 'localhost', describe: 'Allowed browser origins: localhost, *, off, or a comma-separated list of origins' })
    .option('allowed-hosts', { type: 'string', describe: 'Host names answered besides localhost/127.0.0.1/[::1] (comma-separated), or * for any (DNS-rebinding guard)' })
    .option('admin', { type: 'string', defaultDescription: 'on', describe: 'on | off: off removes /__admin (required off the loopback unless --admin-token)' })
    .option('admin-token', { type: 'string', describe: 'Secret (16+ characters) that /__admin requests must send as "Authorization: Bearer <secret>"' })
    .option('state-dir', { type: 'string', describe: 'Keep the state in this directory: every change is on disk before it is answered, and a restart comes back to it' })
    .option('latency', { type: 'string', describe: 'Added latency in ms: "200" or a range "50-300"' })
    .option('log', { type: 'boolean', default: false, describe: 'Print one line per request' })
    .option('stop-with-parent', { type: 'boolean', default: false, describe: 'Stop when the parent process exits (npm start sets it: sh does not pass SIGTERM on)' })
    .strict()
    .help()
    // One line on stderr and exit 2 (below), not the usage text: the message names the flag.
    .fail((message: string | null, error: Error | undefined) => {
      throw error ?? new Error(message ?? 'bad arguments');
    })
    .parseAsync();
  const flags = checkFlags(argv);

  const server = await createMockServer({
    ...flags,
    fixtures: argv.fixtures === 'none' ? null : argv.fixtures,
    auth: argv.auth === 'on',
    onRequest: argv.log ? (entry) => console.log(formatLogLine(entry)) : undefined,
  });
  // Listen for Ctrl-C before the banner says to press it: a script that signals as soon as it
  // reads the banner must find the handler there, not kill the process mid-start.
  const stopped = new Promise<void>((resolve) => {
    let unwatch = (): void => undefined;
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      unwatch();
      server.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (argv.stopWithParent) unwatch = stopWithParent(stop);
  });
  console.log(`Session API mock listening on ${server.url}`);
  if (server.stateDir) {
    const { path, restoredChanges, notes } = server.stateDir;
    for (const note of notes) console.log(`State: ${note}`);
    console.log(`State: journaled to ${path}${restoredChanges > 0 ? `, ${restoredChanges} changes restored` : ''} (POST /__admin/reset goes back to the fixtures)`);
  }
  if (flags.admin.kind === 'off') console.log('Admin API: off (--admin off)');
  else console.log(`Admin API: ${server.adminUrl}   (reset, state export/import, faults, request log)${flags.admin.kind === 'token' ? '; needs the --admin-token as a Bearer token' : ''}`);
  // With a token the page takes it from the URL fragment, which the browser never sends: the banner
  // shows where it goes, never the token itself.
  if (flags.admin.kind !== 'off') console.log(`Admin UI:  ${server.adminUrl}/ui${flags.admin.kind === 'token' ? '#token=<your admin token>' : ''}   (sessions, lineage graph, files and diffs, request log, faults)`);
  const tokens = server.core.tokens();
  const describe = (t: (typeof tokens)[number]): string => `${t.principalId} (tenant ${t.tenantId}${t.admin ? ', admin' : ''})`;
  if (argv.auth === 'on') {
    console.log('Auth: on. Demo tokens (Authorization: Bearer <token>):');
    for (const t of tokens) console.log(`  ${t.token.padEnd(18)} ${describe(t)}`);
  } else {
    const fallback = tokens.find((t) => t.default);
    console.log(`Auth: off. Every request acts as ${fallback ? describe(fallback) : 'the default principal'}, whatever token it sends.`);
    console.log(`  To act as someone else, restart with --auth on and send one of: ${tokens.map((t) => t.token).join(', ')}`);
  }
  console.log('Press Ctrl-C to stop.');

  await stopped;
  console.log('Stopped.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') console.error(`session-mock: port in use (${err.message}). Try --port 0 or another port.`);
    // One line: yargs words some of its messages over several.
    else console.error(`session-mock: ${(err.message ?? String(error)).replace(/\s*\n\s*/g, ' ')}`);
    process.exit(2);
  },
);
