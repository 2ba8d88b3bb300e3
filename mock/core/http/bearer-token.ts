/** The token of an `Authorization: Bearer <token>` header (scheme in any case); `undefined` otherwise. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}

/**
 * {@link bearerToken} with the usual `Bearer <token>` spelling of each known token looked up first:
 * no regex on the common path.
 */
export function tokenReader(knownTokens: Iterable<string>): (authorization: string | undefined) => string | undefined {
  const byHeader = new Map([...knownTokens].map((token) => [`Bearer ${token}`, token]));
  return (authorization) => (authorization === undefined ? undefined : byHeader.get(authorization)) ?? bearerToken(authorization);
}
