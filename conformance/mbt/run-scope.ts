/**
 * One run's view of the HTTP client. Runs play concurrently over one client, so each run sends
 * through its own scope: the scope keeps that run's exchanges (the trace of a failure) apart
 * from the other runs' while every exchange still passes the client's contract checks.
 */
import type { Exchange, ApiRequest } from '../http/exchange.js';
import type { ExchangeSender, HttpClient } from '../http/http-client.js';
import type { KnownPrincipal, SuiteContext } from './suite-context.js';

/** A sender that records what it sent, in order. */
export class RunScope implements ExchangeSender {
  readonly exchanges: Exchange[] = [];

  constructor(private readonly client: HttpClient) {}

  send(req: ApiRequest): Promise<Exchange> {
    return this.client.send(req, (exchange) => this.exchanges.push(exchange));
  }

  /** The context with every principal's API sending through this scope. */
  bind(ctx: SuiteContext): SuiteContext {
    const rebind = (known: KnownPrincipal): KnownPrincipal => ({ ...known, api: known.api.via(this) });
    return {
      ...ctx,
      owner: rebind(ctx.owner),
      viewer: ctx.viewer && rebind(ctx.viewer),
      stranger: ctx.stranger && rebind(ctx.stranger),
      anonymous: ctx.anonymous.via(this),
    };
  }
}
