/* eslint-disable max-len -- the header quotes the real CLI's output verbatim, one reply per line */
/**
 * A fake Base44 HTTP API (node:http, 127.0.0.1, random port) for driving the REAL base44 CLI 0.1.18
 * in tests. Wire format is snake_case exactly as the CLI's zod schemas expect.
 *
 * Routes (all app routes under `/api/apps/<appId>/`):
 *   GET    external-auth/list                       {integrations:[{integration_type,status,scopes,user_email?}]}
 *   PUT    external-auth/integrations/<type>        body {scopes} -> {redirect_url,connection_id,already_authorized,error,error_message,other_user_email}
 *   DELETE external-auth/integrations/<type>/remove {status:"removed",integration_type}
 *   GET    external-auth/status?integration_type=&connection_id=  {status:"PENDING"|"ACTIVE"|"FAILED"}
 *   GET    external-auth/available-integrations     {integrations:[{integration_type,display_name,description,connection_config_fields}]}
 *   GET    payments/stripe/status                   {stripe_mode:null|"sandbox"|"live",sandbox_claim_url}
 *   POST   payments/stripe/install                  {already_installed,claim_url}
 *   DELETE payments/stripe                          {success:true}
 *   POST   /oauth/token (form, grant_type=refresh_token)  {access_token,token_type,expires_in,refresh_token} | 400 {error:"invalid_grant"}
 *   GET    /oauth/userinfo                          {email,name}   (only the interactive login uses it)
 *   GET    /fake-oauth/<type>?connection_id=        the "provider page": visiting it completes THAT connection only
 *   POST   /fake-control/complete-consent?connection_id=   test control: the user finishes consent for that
 *                                                   connection (same as visiting its page); 409 if superseded
 *
 * Pessimistic OAuth (what the tests must assume of Base44 + Composio): every PUT on a connector that is not
 * authorized with those scopes issues a NEW connection_id and invalidates the earlier pending ones of that
 * type (their status turns FAILED, their pages authorize nothing). Only the connection the user completes
 * turns ACTIVE; `external-auth/status` never activates anything by itself unless `oauthPollsUntilActive`
 * is set (Infinity by default).
 * Auth: `Authorization: Bearer <token>` or header `api_key: b44k_...`; missing, revoked
 * (`state.auth.revokedTokens`) or unknown api key -> 401 `{"message":"Unauthorized"}`.
 *
 * ── What the real CLI 0.1.18 prints with --json (all observed against this fake; the core shapes are
 *    asserted in test/cli/realCli.test.ts). stdout is exactly one JSON
 *    document (pretty-printed for results, one line for errors); logs go to stderr. ──
 * connectors push --yes --json   -> exit 0 even when some results have action "error"
 *   {"results":[{"type":"slack","action":"synced"},
 *               {"type":"gmail","action":"needs_oauth","redirectUrl":"<url>","connectionId":"<id>"},
 *               {"type":"notion","action":"error","error":"Already connected by other@example.com"},
 *               {"type":"hubspot","action":"removed"},
 *               {"type":"stripe","action":"provisioned","claimUrl":"<url>"}],
 *    "oauth":{}}                                   <- always {} in non-interactive mode (never polls status)
 *   Order: local files in directory (globby) order — NOT sorted —, then removals in remote-list
 *   order, then the single stripe entry. Requests: GET list, PUT per local non-stripe type
 *   ({"scopes":[...]}, [] when absent), DELETE .../remove per remote-only type, GET stripe/status,
 *   then POST stripe/install | DELETE payments/stripe as needed.
 *   Stripe: local file + not installed -> "provisioned" (+claimUrl, omitted if null); local file +
 *   installed -> {"type":"stripe","action":"synced"}; no file + installed -> {"type":"stripe","action":"removed"};
 *   stripe/status failing -> "error" entry only if a local stripe file exists, else nothing.
 *   different_user: error = error_message if non-empty, else "Already connected by <other_user_email>".
 *   A PUT failing with HTTP 500 (after ky's retries) -> {"action":"error","error":"Error setting connector: <message>"}.
 *   `connectionId` is omitted when the server sends connection_id null.
 *   Without --yes: {"error":"--yes is required in non-interactive mode","code":"INVALID_INPUT"}, no request.
 *   Validation (all files are read and validated BEFORE any request; first failing file wins):
 *     {"error":"Invalid connector file in <abs path>:\n✖ <zod message>[\n  → at <key>]","code":"SCHEMA_INVALID",
 *      "hints":[{"message":"Fix the schema/data structure errors in <abs path>"}]}
 *       e.g. "✖ Invalid string: must match pattern /^[a-z0-9_-]+$/i\n  → at type" (type "has space"),
 *            "✖ Invalid input" (most union failures, e.g. scopes not an array of strings)
 *     {"error":"File contains invalid JSON: <abs path> (JSON5: invalid end of input at 1:20)","code":"CONFIG_INVALID",
 *      "hints":[{"message":"Check the file at <abs path> for syntax errors"}]}
 *     {"error":"Duplicate connector type \"slack\"","code":"INVALID_INPUT",
 *      "hints":[{"message":"Remove duplicate connectors with type \"slack\" - only one connector per type is allowed"}]}
 * connectors pull --json
 *   {"connectorsDir":"/abs/base44/connectors","pulled":4,"written":["slack","gmail","stripe"],"deleted":["hubspot"]}
 *   Remote connectors of ANY status are pulled. Identical files (deep-equal after zod) are left
 *   untouched (comments kept); changed ones rewritten as JSON.stringify(…, null, 2) (no trailing
 *   newline, comments lost); new ones written as <type>.jsonc; stripe installed -> {"type":"stripe","scopes":[]}.
 *   `--dir D --app-id X`: no project involved, D created (recursively) if missing.
 * connectors initiate --integration-type t [--scopes a b | --scopes a,b] --json
 *   {"integrationType":"t","alreadyAuthorized":false,"redirectUrl":"<url>","connectionId":"<id>"}
 *   {"integrationType":"t","alreadyAuthorized":true,"redirectUrl":null,"connectionId":null}
 *   different_user -> exit 1 {"error":"Could not initiate t: different_user (already authorized by x@y.z)","code":"INVALID_INPUT"}
 *   invalid type   -> exit 1 {"error":"A valid --integration-type is required (e.g. googlecalendar, gmail, slack).","code":"INVALID_INPUT"}
 * connectors list-available --json -> {"integrations":[{integrationType,displayName,description,
 *   connectionConfigFields:[{name,displayName,description,placeholder,required,validationPattern?,validationError?}]}]}
 * whoami --json -> {"output":"Logged in as: dev@example.com"} — NO HTTP call, only reads auth.json;
 *   with BASE44_API_KEY: {"output":"Using workspace API key: b44k_fake_"} (first 10 chars).
 * Errors: exit 1, {"error","code","hints"?,"details"?,"statusCode"?,"requestId"?}
 *   unreachable       {"error":"Error listing connectors: fetch failed","code":"API_ERROR","hints":[{"message":"Check your network connection and try again"}]}
 *                     (GETs/PUTs/DELETEs retried twice by ky: ~1.3 s; `pull` may instead say "Error checking Stripe integration status: fetch failed")
 *   401, refresh fails {"error":"Error listing available integrations: Unauthorized","code":"API_ERROR",
 *                     "hints":[{"message":"Try logging in again","command":"base44 login"}],"statusCode":401}
 *                     and the CLI DELETES ~/.base44/auth/auth.json: the next command starts an
 *                     interactive device login (POST /oauth/device/code; 404 here -> API_ERROR
 *                     "Failed to generate device code: 404 Not Found").
 *   401 with API key   hint "The workspace API key (BASE44_API_KEY) was rejected. Verify it is valid and authorized for this app."; no refresh
 *   401, refresh ok    transparent: POST /oauth/token then the same request once more with the new token; auth.json rewritten
 *   expiresAt past     refresh BEFORE the first request
 *   500 (GET/PUT/DELETE) retried twice (3 attempts); then "Error <doing x>: <body.message|body.detail>", statusCode 500,
 *                     hint "Check your network connection and try again"; a non-JSON body gives
 *                     "Request failed with status code 502 Bad Gateway: GET <url> — <body text>"
 *   403               not retried; hint "You don't have permission to perform this action"
 *   hang              ky timeout 10 s, not retried: "Error <doing x>: Request timed out: GET <url>"
 *   socket destroyed   like unreachable: "Error <doing x>: fetch failed" after 3 attempts
 *   project w/o .app.jsonc {"error":"App not configured. Create a .app.jsonc file or run 'base44 link' to link this project.","code":"CONFIG_INVALID",...}
 *   no project, no --app-id {"error":"No Base44 app ID found. Pass --app-id, set BASE44_APP_ID, or run this command from a linked project with base44/.app.jsonc.","code":"CONFIG_NOT_FOUND",...}
 *   "requestId" appears when the server echoes X-Request-ID (this fake does).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ConnectorStatus = 'active' | 'disconnected' | 'expired';
export interface RemoteConnector {
  status: ConnectorStatus;
  scopes: string[];
  user_email?: string;
}
/**
 * What `PUT external-auth/integrations/<type>` answers:
 * - 'authorized': already_authorized true (connector becomes active with the sent scopes)
 * - 'needs_oauth': redirect_url + connection_id (connector stored as disconnected until authorized)
 * - 'different_user': error "different_user" + other_user_email (nothing stored)
 * - 'auto' (default): 'authorized' if the type is active remotely and every sent scope is already
 *   granted, else 'needs_oauth'.
 */
export type PutBehaviour = 'auto' | 'authorized' | 'needs_oauth' | 'different_user';

export interface AvailableIntegration {
  integration_type: string;
  display_name: string;
  description: string;
  connection_config_fields: Array<{
    name: string;
    display_name: string;
    description: string;
    placeholder: string;
    required: boolean;
    validation_pattern?: string | null;
    validation_error?: string | null;
  }>;
}

export interface PendingOAuth {
  type: string;
  connectionId: string;
  scopes: string[];
  polls: number;
  status: 'PENDING' | 'ACTIVE' | 'FAILED';
}

export interface FakeState {
  appId: string | undefined; // undefined: any app id accepted
  connectors: Map<string, RemoteConnector>;
  stripe: { mode: null | 'sandbox' | 'live'; claimUrl: string | null };
  available: AvailableIntegration[];
  putBehaviour: Map<string, PutBehaviour>;
  defaultPutBehaviour: PutBehaviour;
  /** For 'different_user'. */
  otherUserEmail: string;
  /** For 'different_user': error_message sent (null -> CLI builds "Already connected by <email>"). */
  differentUserMessage: string | null;
  /** Email recorded on connectors authorized through this fake. */
  userEmail: string;
  /** `external-auth/status` answers PENDING this many times, then ACTIVE (default Infinity: only consent does). */
  oauthPollsUntilActive: number;
  pendingOAuth: Map<string, PendingOAuth>; // by connection id
  auth: {
    /** Bearer tokens answered with 401. */
    revokedTokens: Set<string>;
    /** Accepted api keys (header api_key); undefined: any key starting with b44k_. */
    apiKeys: Set<string> | undefined;
    /** POST /oauth/token with grant_type=refresh_token. */
    refresh: 'ok' | 'fail';
    /** Tokens issued by refreshes, in order. */
    issuedTokens: string[];
  };
}

export type Fault =
  | number // HTTP status with a JSON body {"message": "Fake <status>"}
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | 'hang' // never answers (until close())
  | 'close'; // destroys the socket without a response

export interface FaultMatch {
  method?: string;
  /** Substring of (or RegExp on) the request path, query included. */
  path?: string | RegExp;
}

export interface RecordedRequest {
  method: string;
  /** pathname + search, e.g. /api/apps/app-1/external-auth/list */
  path: string;
  pathname: string;
  query: Record<string, string>;
  /** Lower-cased header names; authorization / api_key / cookie values redacted. */
  headers: Record<string, string>;
  /** 'bearer:<token>' | 'api_key:<key>' | 'none' (full value, for assertions on refresh). */
  auth: string;
  /** Parsed JSON, or an object for form bodies, or the raw string, or undefined when empty. */
  body: unknown;
  /** What the fake answered (status) or the fault applied. */
  outcome?: number | 'hang' | 'close';
}

export interface FakeApi {
  url: string;
  port: number;
  state: FakeState;
  requests: RecordedRequest[];
  /** Requests whose path contains `fragment` (and method if given). */
  requestsTo(fragment: string, method?: string): RecordedRequest[];
  /** Shorthand list of "METHOD /path-after-app-prefix" (e.g. "GET external-auth/list"). */
  calls(): string[];
  /** Apply `fault` to the next `times` requests matching `match` (default: any request, once). */
  failNext(fault: Fault, match?: FaultMatch, times?: number): void;
  /** Apply `fault` to every matching request until clearFaults(). */
  failAlways(fault: Fault, match?: FaultMatch): void;
  clearFaults(): void;
  /**
   * Finish an OAuth flow as if the user approved it on the provider page: the NEWEST pending connection of
   * that type (the one a real user could still complete). False when there is none.
   */
  completeOAuth(type: string): boolean;
  /**
   * The user completes consent for this connection id (the page they have open). True when it turned
   * ACTIVE; false when it was superseded by a later PUT, unknown or already finished.
   */
  completeConsent(connectionId: string): boolean;
  /** Connection ids issued for `type`, oldest first, with their status. */
  connectionsOf(type: string): PendingOAuth[];
  /** Make the default fake login expire: the token gets 401 and the refresh fails. */
  expireLogin(token?: string): void;
  /** Back to the default state (plus `initial`); clears the request log, faults and id counter. */
  reset(initial?: Partial<FakeState>): void;
  close(): Promise<void>;
}

export const DEFAULT_AVAILABLE: AvailableIntegration[] = [
  {
    integration_type: 'googlecalendar',
    display_name: 'Google Calendar',
    description: 'Read and manage calendar events',
    connection_config_fields: [],
  },
  {
    integration_type: 'slack',
    display_name: 'Slack',
    description: 'Post messages to Slack channels',
    connection_config_fields: [],
  },
  {
    integration_type: 'zendesk',
    display_name: 'Zendesk',
    description: 'Support tickets',
    connection_config_fields: [
      {
        name: 'subdomain',
        display_name: 'Subdomain',
        description: 'Your Zendesk subdomain',
        placeholder: 'mycompany',
        required: true,
        validation_pattern: '^[a-z0-9-]+$',
        validation_error: 'Only lowercase letters, digits and dashes',
      },
    ],
  },
];

function defaultState(): FakeState {
  return {
    appId: undefined,
    connectors: new Map(),
    stripe: { mode: null, claimUrl: null },
    available: DEFAULT_AVAILABLE.map((a) => JSON.parse(JSON.stringify(a))),
    putBehaviour: new Map(),
    defaultPutBehaviour: 'auto',
    otherUserEmail: 'other@example.com',
    differentUserMessage: null,
    userEmail: 'dev@example.com',
    oauthPollsUntilActive: Infinity,
    pendingOAuth: new Map(),
    auth: { revokedTokens: new Set(), apiKeys: undefined, refresh: 'ok', issuedTokens: [] },
  };
}

function redactHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v.join(', ') : v;
    if (k === 'authorization' || k === 'api_key' || k === 'cookie' || k === 'x-api-key') {
      out[k] = '<redacted>';
    } else {
      out[k] = value;
    }
  }
  return out;
}

function describeAuth(headers: IncomingMessage['headers']): string {
  const apiKey = headers['api_key'] ?? headers['api-key'];
  if (typeof apiKey === 'string' && apiKey) return `api_key:${apiKey}`;
  const authz = headers.authorization;
  if (typeof authz === 'string' && /^Bearer\s+/i.test(authz)) return `bearer:${authz.replace(/^Bearer\s+/i, '')}`;
  return 'none';
}

interface FaultEntry {
  fault: Fault;
  match: FaultMatch;
  remaining: number;
}

function matches(f: FaultMatch, method: string, path: string): boolean {
  if (f.method && f.method.toUpperCase() !== method) return false;
  if (f.path !== undefined) {
    if (typeof f.path === 'string' ? !path.includes(f.path) : !f.path.test(path)) return false;
  }
  return true;
}

export async function startFakeApi(initial?: Partial<FakeState>): Promise<FakeApi> {
  const state: FakeState = { ...defaultState(), ...(initial ?? {}) };
  const requests: RecordedRequest[] = [];
  let faults: FaultEntry[] = [];
  const sockets = new Set<Socket>();
  const hung = new Set<ServerResponse>();
  let counter = 0;
  let baseUrl = '';

  function send(
    res: ServerResponse,
    rec: RecordedRequest,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    rec.outcome = status;
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const requestId = rec.headers['x-request-id'];
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
      'content-length': Buffer.byteLength(text),
      // Echoed so CLI error envelopes carry "requestId" (the CLI reads it from the response headers).
      ...(requestId ? { 'x-request-id': requestId } : {}),
      ...headers,
    });
    res.end(text);
  }

  function authorize(type: string, scopes?: string[]) {
    const existing = state.connectors.get(type);
    state.connectors.set(type, {
      status: 'active',
      scopes: scopes ?? existing?.scopes ?? [],
      user_email: state.userEmail,
    });
  }

  function completeConsent(connectionId: string): boolean {
    const p = state.pendingOAuth.get(connectionId);
    if (!p || p.status !== 'PENDING') return false;
    p.status = 'ACTIVE';
    authorize(p.type, p.scopes);
    return true;
  }

  function completeOAuth(type: string): boolean {
    const newest = [...state.pendingOAuth.values()].filter((p) => p.type === type && p.status === 'PENDING').pop();
    return newest ? completeConsent(newest.connectionId) : false;
  }

  function isAuthorized(rec: RecordedRequest): boolean {
    if (rec.auth.startsWith('api_key:')) {
      const key = rec.auth.slice('api_key:'.length);
      return state.auth.apiKeys ? state.auth.apiKeys.has(key) : key.startsWith('b44k_');
    }
    if (rec.auth.startsWith('bearer:')) {
      const token = rec.auth.slice('bearer:'.length);
      return token.length > 0 && !state.auth.revokedTokens.has(token);
    }
    return false;
  }

  function handleApp(appPath: string, rec: RecordedRequest, res: ServerResponse) {
    const m = rec.method;
    const body = (rec.body ?? {}) as any;
    let r: RegExpMatchArray | null;
    if (m === 'GET' && appPath === 'external-auth/list') {
      return send(res, rec, 200, {
        integrations: [...state.connectors.entries()].map(([type, c]) => ({
          integration_type: type,
          status: c.status,
          scopes: c.scopes,
          ...(c.user_email !== undefined ? { user_email: c.user_email } : {}),
        })),
      });
    }
    if (m === 'PUT' && (r = appPath.match(/^external-auth\/integrations\/([^/]+)$/))) {
      const type = decodeURIComponent(r[1]);
      const scopes: string[] = Array.isArray(body.scopes) ? body.scopes : [];
      let behaviour = state.putBehaviour.get(type) ?? state.defaultPutBehaviour;
      if (behaviour === 'auto') {
        const c = state.connectors.get(type);
        behaviour =
          c && c.status === 'active' && scopes.every((s) => c.scopes.includes(s)) ? 'authorized' : 'needs_oauth';
      }
      if (behaviour === 'different_user') {
        return send(res, rec, 200, {
          redirect_url: null,
          connection_id: null,
          already_authorized: false,
          error: 'different_user',
          error_message: state.differentUserMessage,
          other_user_email: state.otherUserEmail,
        });
      }
      if (behaviour === 'authorized') {
        authorize(type, scopes);
        return send(res, rec, 200, {
          redirect_url: null,
          connection_id: null,
          already_authorized: true,
          error: null,
          error_message: null,
          other_user_email: null,
        });
      }
      const connectionId = `conn-${type}-${++counter}`;
      // Pessimistic: a new connection request supersedes the earlier ones the user may still have open.
      for (const p of state.pendingOAuth.values()) if (p.type === type && p.status === 'PENDING') p.status = 'FAILED';
      state.pendingOAuth.set(connectionId, { type, connectionId, scopes, polls: 0, status: 'PENDING' });
      const prev = state.connectors.get(type);
      state.connectors.set(type, {
        status: prev?.status === 'active' ? 'active' : 'disconnected',
        scopes,
        ...(prev?.user_email ? { user_email: prev.user_email } : {}),
      });
      return send(res, rec, 200, {
        redirect_url: `${baseUrl}/fake-oauth/${encodeURIComponent(type)}?connection_id=${connectionId}`,
        connection_id: connectionId,
        already_authorized: false,
        error: null,
        error_message: null,
        other_user_email: null,
      });
    }
    if (m === 'DELETE' && (r = appPath.match(/^external-auth\/integrations\/([^/]+)\/remove$/))) {
      const type = decodeURIComponent(r[1]);
      state.connectors.delete(type);
      return send(res, rec, 200, { status: 'removed', integration_type: type });
    }
    if (m === 'GET' && appPath === 'external-auth/status') {
      const p = state.pendingOAuth.get(rec.query.connection_id ?? '');
      if (!p || (rec.query.integration_type && p.type !== rec.query.integration_type))
        return send(res, rec, 200, { status: 'FAILED' });
      if (p.status === 'PENDING') {
        p.polls++;
        if (p.polls > state.oauthPollsUntilActive) {
          p.status = 'ACTIVE';
          authorize(p.type, p.scopes);
        }
      }
      return send(res, rec, 200, { status: p.status });
    }
    if (m === 'GET' && appPath === 'external-auth/available-integrations') {
      return send(res, rec, 200, { integrations: state.available });
    }
    if (m === 'GET' && appPath === 'payments/stripe/status') {
      return send(res, rec, 200, {
        stripe_mode: state.stripe.mode,
        sandbox_claim_url: state.stripe.mode ? state.stripe.claimUrl : null,
      });
    }
    if (m === 'POST' && appPath === 'payments/stripe/install') {
      if (state.stripe.mode) return send(res, rec, 200, { already_installed: true, claim_url: null });
      state.stripe = { mode: 'sandbox', claimUrl: `${baseUrl}/fake-stripe/claim` };
      return send(res, rec, 200, { already_installed: false, claim_url: state.stripe.claimUrl });
    }
    if (m === 'DELETE' && appPath === 'payments/stripe') {
      state.stripe = { mode: null, claimUrl: null };
      return send(res, rec, 200, { success: true });
    }
    return send(res, rec, 404, { message: `Fake API: no route ${m} ${appPath}` });
  }

  function handle(rec: RecordedRequest, req: IncomingMessage, res: ServerResponse) {
    const fIndex = faults.findIndex((f) => f.remaining > 0 && matches(f.match, rec.method, rec.path));
    if (fIndex >= 0) {
      const f = faults[fIndex];
      f.remaining--;
      if (f.remaining <= 0) faults.splice(fIndex, 1);
      if (f.fault === 'hang') {
        rec.outcome = 'hang';
        hung.add(res);
        return;
      }
      if (f.fault === 'close') {
        rec.outcome = 'close';
        req.socket.destroy();
        return;
      }
      const spec = typeof f.fault === 'number' ? { status: f.fault } : f.fault;
      return send(res, rec, spec.status, spec.body ?? { message: `Fake ${spec.status}` }, spec.headers);
    }

    const p = rec.pathname;
    let r: RegExpMatchArray | null;
    if (rec.method === 'GET' && (r = p.match(/^\/fake-oauth\/([^/]+)$/))) {
      const type = decodeURIComponent(r[1]);
      const cid = rec.query.connection_id ?? '';
      const pending = state.pendingOAuth.get(cid);
      if (!pending || pending.type !== type || !completeConsent(cid)) {
        return send(
          res,
          rec,
          410,
          `<html><body>Fake provider: this ${type} authorization link is no longer valid.</body></html>`,
        );
      }
      return send(
        res,
        rec,
        200,
        `<html><body>Fake provider: ${type} authorized. You can close this tab.</body></html>`,
      );
    }
    if (rec.method === 'POST' && p === '/fake-control/complete-consent') {
      const ok = completeConsent(rec.query.connection_id ?? '');
      return send(res, rec, ok ? 200 : 409, { completed: ok });
    }
    if (rec.method === 'GET' && p === '/fake-stripe/claim') {
      return send(res, rec, 200, '<html><body>Fake Stripe claim page</body></html>');
    }
    if (rec.method === 'POST' && p === '/oauth/token') {
      const form = (rec.body ?? {}) as Record<string, string>;
      if (form.grant_type !== 'refresh_token') {
        return send(res, rec, 400, {
          error: 'unsupported_grant_type',
          error_description: 'Fake API supports only refresh_token',
        });
      }
      if (state.auth.refresh === 'fail' || !form.refresh_token) {
        return send(res, rec, 400, {
          error: 'invalid_grant',
          error_description: 'Refresh token is invalid or expired',
        });
      }
      const n = ++counter;
      const token = `refreshed-access-token-${n}`;
      state.auth.issuedTokens.push(token);
      return send(res, rec, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: `refreshed-refresh-token-${n}`,
      });
    }
    if (rec.method === 'GET' && p === '/oauth/userinfo') {
      if (!isAuthorized(rec)) return send(res, rec, 401, { message: 'Unauthorized' });
      return send(res, rec, 200, { email: state.userEmail, name: 'Dev Example' });
    }
    const app = p.match(/^\/api\/apps\/([^/]+)\/(.*)$/);
    if (app) {
      if (!isAuthorized(rec)) return send(res, rec, 401, { message: 'Unauthorized' });
      const appId = decodeURIComponent(app[1]);
      if (state.appId !== undefined && appId !== state.appId) {
        return send(res, rec, 404, { message: `App ${appId} not found` });
      }
      return handleApp(app[2], rec, res);
    }
    return send(res, rec, 404, { message: `Fake API: no route ${rec.method} ${p}` });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      if (raw) {
        const ct = String(req.headers['content-type'] ?? '');
        if (ct.includes('application/x-www-form-urlencoded')) {
          body = Object.fromEntries(new URLSearchParams(raw));
        } else {
          try {
            body = JSON.parse(raw);
          } catch {
            body = raw;
          }
        }
      }
      const rec: RecordedRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: url.pathname + url.search,
        pathname: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: redactHeaders(req.headers),
        auth: describeAuth(req.headers),
        body,
      };
      requests.push(rec);
      try {
        handle(rec, req, res);
      } catch (err) {
        send(res, rec, 500, { message: `Fake API crashed: ${(err as Error).message}` });
      }
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const api: FakeApi = {
    url: baseUrl,
    port,
    state,
    requests,
    requestsTo(fragment, method) {
      return requests.filter((r) => r.path.includes(fragment) && (!method || r.method === method.toUpperCase()));
    },
    calls() {
      return requests.map((r) => `${r.method} ${r.path.replace(/^\/api\/apps\/[^/]+\//, '')}`);
    },
    failNext(fault, match = {}, times = 1) {
      faults.push({ fault, match, remaining: times });
    },
    failAlways(fault, match = {}) {
      faults.push({ fault, match, remaining: Infinity });
    },
    clearFaults() {
      faults = [];
    },
    completeOAuth,
    completeConsent,
    connectionsOf(type) {
      return [...state.pendingOAuth.values()].filter((p) => p.type === type);
    },
    expireLogin(token = 'fake-access-token') {
      state.auth.revokedTokens.add(token);
      state.auth.refresh = 'fail';
    },
    reset(init) {
      Object.assign(state, defaultState(), init ?? {});
      requests.length = 0;
      faults = [];
      counter = 0;
    },
    async close() {
      for (const res of hung) {
        try {
          res.socket?.destroy();
        } catch {
          /* ignore */
        }
      }
      hung.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return api;
}
