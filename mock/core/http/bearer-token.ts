/** The token of an `Authorization: Bearer <token>` header (scheme in any case); `undefined` otherwise. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
}
