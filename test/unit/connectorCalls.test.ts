/**
 * The function-code scanner: the call shapes people write are found, with the literal type and its exact
 * range; nothing inside comments, strings, templates or regular expressions is; dynamic arguments are left alone.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findConnectorCalls } from '../../server/src/functions/connectorCalls';

/** `[method, type]` of every call with a literal type; ranges checked against the text. */
function literals(text: string): [string, string][] {
  return findConnectorCalls(text)
    .filter((call) => call.literal)
    .map((call) => {
      const { start, end, value, quote } = call.literal!;
      assert.equal(text[start], quote);
      assert.equal(text[end - 1], quote);
      assert.equal(text.slice(start + 1, end - 1), value);
      return [call.method, value];
    });
}

describe('connector call scanner', () => {
  // The cases are a table (code in, the literal calls found out): alike in shape by design.
  test('finds the SDK call shapes', () => {
    const code = `
      import { createClientFromRequest } from "npm:@base44/sdk";
      Deno.serve(async (req) => {
        const base44 = createClientFromRequest(req);
        const { accessToken } = await base44.asServiceRole.connectors.getConnection("googlecalendar");
        const token = base44.asServiceRole.connectors.getAccessToken('slack');
        const res = await base44.asServiceRole.connectors.callApi(\`notion\`, { path: '/v1/users' });
        const x = base44?.asServiceRole?.connectors?.getConnection("gmail");
      });`;
    assert.deepEqual(literals(code), [
      ['getConnection', 'googlecalendar'],
      ['getAccessToken', 'slack'],
      ['callApi', 'notion'],
      ['getConnection', 'gmail'],
    ]);
  });

  test('follows a destructured or aliased connectors object and destructured methods', () => {
    const code = `
      const { connectors } = base44.asServiceRole;
      await connectors.getConnection("a");
      const { connectors: c } = base44.asServiceRole;
      c.getConnection("b");
      const conn = base44.asServiceRole.connectors;
      conn.callApi("c", {});
      const { getConnection, getAccessToken: token } = base44.asServiceRole.connectors;
      getConnection("d");
      token("e");
      other.getConnection("nope");
      db.c.getConnection("nope2");`;
    assert.deepEqual(literals(code), [
      ['getConnection', 'a'],
      ['getConnection', 'b'],
      ['callApi', 'c'],
      ['getConnection', 'd'],
      ['getAccessToken', 'e'],
    ]);
  });

  test('never reports inside comments, strings, templates or regular expressions', () => {
    const code = `
      // connectors.getConnection("comment")
      /* connectors.getConnection("block") */
      const s = 'connectors.getConnection("in a string")';
      const t = \`connectors.getConnection("in a template")\`;
      const r = /connectors.getConnection("in a regex")/g;
      const ok = a / connectors.getConnection("after division") / 2;
      const u = \`\${connectors.getConnection("inside a substitution")} and \${ {a: 1}.a }\`;
      connectors.getConnection("last");`;
    assert.deepEqual(
      literals(code).map(([, type]) => type),
      ['after division', 'inside a substitution', 'last'],
    );
  });

  test('leaves dynamic arguments alone but still reports the call', () => {
    const code = `
      connectors.getConnection(type);
      connectors.getConnection("a" + b);
      connectors.getConnection(\`x\${y}\`);
      connectors.getConnection();`;
    const calls = findConnectorCalls(code);
    assert.equal(calls.length, 4);
    assert.ok(calls.every((call) => call.literal === undefined));
  });

  test('marks an unterminated string (being typed) as partial', () => {
    const code = 'connectors.getConnection("sla\nfoo()';
    const [call] = findConnectorCalls(code);
    assert.equal(call.literal, undefined);
    assert.equal(call.partial?.value, 'sla');
    assert.equal(call.partial?.closed, false);
  });

  test('ID methods are recognised apart from type methods', () => {
    const calls = findConnectorCalls(
      'connectors.getWorkspaceConnection("slack"); connectors.getCurrentAppUserConnection(id);',
    );
    assert.deepEqual(
      calls.map((c) => [c.method, c.literal?.value]),
      [
        ['getWorkspaceConnection', 'slack'],
        ['getCurrentAppUserConnection', undefined],
      ],
    );
  });
});
