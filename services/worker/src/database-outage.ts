/**
 * Whether an error means PostgreSQL is unreachable (as opposed to a bad query or a conflict): refused or dropped
 * connections, a server shutting down or starting up, connection-class SQLSTATEs (08xxx, 57P0x).
 */
export function isDatabaseOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (/^08/.test(code) || /^57P0[1-3]$/.test(code))) return true;
    if (
      typeof code === 'string' &&
      ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)
    )
      return true;
    if (name === 'ConnectionException') return true;
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|the database system is (shutting down|starting up)|terminating connection due to administrator command|Client has encountered a connection error/i.test(
        message,
      )
    )
      return true;
  }
  return false;
}
