import type { ConnectorCall, StringLiteral } from './connectorCalls';

/** The connector call whose string argument holds `offset` (between its quotes), if any. */
export function literalAt(
  calls: readonly ConnectorCall[],
  offset: number,
): { call: ConnectorCall; literal: StringLiteral } | undefined {
  for (const call of calls) {
    const literal = call.literal ?? call.partial;
    if (!literal) continue;
    const inside = literal.closed
      ? offset > literal.start && offset < literal.end
      : offset > literal.start && offset <= literal.end;
    if (inside) return { call, literal };
  }
  return undefined;
}

/** The call whose argument list is still empty at `offset` (`getConnection(|)`), for completion. */
export function emptyArgumentAt(
  text: string,
  calls: readonly ConnectorCall[],
  offset: number,
): ConnectorCall | undefined {
  for (const call of calls) {
    if (call.literal || call.partial || offset < call.argsStart) continue;
    if (!/^\s*$/.test(text.slice(call.argsStart, offset))) continue;
    const rest = text.slice(offset).trimStart();
    if (rest === '' || rest.startsWith(')')) return call;
  }
  return undefined;
}
