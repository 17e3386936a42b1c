/**
 * Base44: Push Connectors. Shows first what will happen (including the connectors Base44 will
 * REMOVE), asks, pushes with `--yes --json`, summarizes, and offers to authorize what needs OAuth.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isSafeRedirectUrl, otherUserOf } from '../cli/authorization';
import type { ConnectorsCli } from '../cli/connectorsCli';
import { isBusy } from '../cliService';
import type { Project } from '../projects';
import { PushPlan, previewPush, pushPlanIsBlocked } from '../sync/pushPlan';
import { PushSummary, summarizePush } from '../sync/pushSummary';
import { withCliProgress } from '../ui/cliProgress';
import { showCliError } from '../ui/showCliError';
import { plainText } from '../ui/untrustedText';
import { AuthorizeOutcome, completeInBrowser } from './authorize';
import { plural, prepareSync, Services } from './common';

export async function pushCommand(s: Services, arg?: unknown): Promise<void> {
  const ready = await prepareSync(s, arg, 'Push', (project) => pushCommand(s, { project }));
  if (!ready) return;
  const { project, appId, cli } = ready;
  const retry = () => pushCommand(s, { project });

  const result = await s.cli.exclusive(project, 'Push', async () => {
    const previewed = await withCliProgress(`Base44: Checking the connectors of app ${appId}…`, (signal) =>
      previewPush(cli, { root: project.root, appId, connectorsDir: project.connectorsDir }, signal),
    );
    if (!previewed.ok) return showCliError(previewed.error, { retry, cwd: project.root });
    const { plan, remote } = previewed.value;
    s.projects.setRemoteConnectors(project, remote);
    if (pushPlanIsBlocked(plan)) return explainBlocked(plan);
    if (!(await confirmPush(plan, appId))) return;

    let cancelled = false;
    const pushed = await withCliProgress(`Base44: Pushing connectors to app ${appId}…`, (signal) => {
      signal.addEventListener('abort', () => (cancelled = true));
      return cli.push(project.root, signal);
    });
    if (!pushed.ok) {
      if (cancelled) {
        void vscode.window.showWarningMessage(
          'Base44: push stopped. Some connectors may already have been changed on Base44; push again to finish.',
        );
        return;
      }
      return showCliError(pushed.error, { retry, cwd: project.root });
    }
    const summary = summarizePush(
      pushed.value,
      plan.toAdd.map((c) => c.type),
    );
    s.log.info(`Push to ${appId}: ${summary.headline}`);
    const failedTypes = new Set(summary.failed.map((f) => f.type));
    const local = [...plan.toAdd, ...plan.toUpdate, ...plan.unchanged].filter((c) => !failedTypes.has(c.type));
    s.projects.setRemoteConnectors(project, [
      ...local.map(({ type, scopes }) => ({ type, scopes })),
      ...remote.filter((r) => failedTypes.has(r.type)),
    ]);
    recordPushAnswers(s, project, summary, [...plan.toAdd, ...plan.toUpdate, ...plan.unchanged]);
    return summary;
  });
  if (isBusy(result)) await showCliError(result.busy);
  else if (result) await report(s, cli, project, result);
}

async function confirmPush(plan: PushPlan, appId: string): Promise<boolean> {
  const lines: string[] = [];
  if (plan.toAdd.length) lines.push(`Add: ${plan.toAdd.map((c) => c.type).join(', ')}`);
  for (const u of plan.toUpdate) {
    const diff = [...u.addedScopes.map((x) => `+${x}`), ...u.removedScopes.map((x) => `−${x}`)];
    lines.push(`Change scopes of ${u.type}: ${diff.length ? diff.join(' ') : 'new order'}`);
  }
  if (plan.unchanged.length) lines.push(`Unchanged (re-checked): ${plan.unchanged.map((c) => c.type).join(', ')}`);
  if (plan.toRemove.length) {
    lines.push('');
    lines.push(`⚠ REMOVE from Base44 (no local file): ${plan.toRemove.map((c) => c.type).join(', ')}`);
    lines.push('Their authorizations are deleted; backend functions using them stop working. Pull first to keep them.');
  }
  if (!lines.length) lines.push('There are no connectors locally or on Base44.');
  const action = plan.toRemove.length ? `Push and Remove ${plan.toRemove.length}` : 'Push';
  const count = plan.toAdd.length + plan.toUpdate.length + plan.unchanged.length;
  const choice = await vscode.window.showWarningMessage(
    plainText(`Push ${plural(count, 'connector')} to Base44 app ${appId}?`),
    { modal: true, detail: plainText(lines.join('\n'), { keepLineBreaks: true, max: 5000 }) },
    action,
  );
  return choice === action;
}

function explainBlocked(plan: PushPlan): void {
  const first = plan.invalidFiles[0];
  const reasons = [
    ...plan.invalidFiles.map((f) => `${path.basename(f.file)}: ${f.problem}`),
    ...plan.duplicateTypes.map((t) => `type "${t}" is used by more than one file`),
  ];
  void vscode.window
    // File names and problems are the repository's text: no link may be planted in the notification.
    .showErrorMessage(
      plainText(`Base44: nothing was pushed — fix these first: ${reasons.join('; ')}.`, { max: 1500 }),
      ...(first ? ['Open File'] : []),
    )
    .then((c) => {
      if (c && first) void vscode.window.showTextDocument(vscode.Uri.file(first.file));
    });
}

async function report(s: Services, cli: ConnectorsCli, project: Project, summary: PushSummary): Promise<void> {
  const details = [
    ...summary.failed.map((f) => `${f.type} failed: ${f.error}`),
    ...summary.provisioned.filter((p) => p.claimUrl).map((p) => `${p.type}: sandbox provisioned`),
  ];
  const headline = `Base44: pushed — ${summary.headline}.${details.length ? ' ' + details.join('. ') + '.' : ''}`;
  const auth = summary.needsAuthorization;
  const buttons = [
    ...(auth.length === 1
      ? [`Authorize ${plainText(auth[0].type, { max: 100 })}`]
      : auth.length > 1
        ? ['Authorize All…']
        : []),
    ...summary.provisioned.filter((p) => p.claimUrl).map(() => 'Claim Stripe Sandbox'),
    ...(summary.failed.length ? ['Show Output'] : []),
  ];
  const show = summary.failed.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const choice = await show(plainText(headline, { max: 1500 }), ...buttons);
  if (!choice) return;
  if (choice === 'Show Output') return s.log.show();
  if (choice === 'Claim Stripe Sandbox') {
    const url = summary.provisioned.find((p) => p.claimUrl)?.claimUrl;
    if (url && isSafeRedirectUrl(url)) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    else if (url) {
      s.log.warn(`Refused to open a non-https Stripe claim URL: ${url}`);
      void vscode.window.showErrorMessage(
        'Base44: the Stripe claim link is not an https address, so it was not opened.',
      );
    }
    return;
  }
  // Like the CLI's own flow: one connector after another, each with the link push just got (no new
  // initiate before the wait); cancelling one skips to the next.
  const authorized = await s.cli.exclusive(project, 'Authorize', async () => {
    const outcomes: [string, AuthorizeOutcome][] = [];
    for (const [i, n] of auth.entries()) {
      const scopes = project.summary.connectors.find((c) => c.type === n.type)?.scopes.map((x) => x.scope) ?? [];
      const step = auth.length > 1 ? `${i + 1} of ${auth.length}` : undefined;
      outcomes.push([
        n.type,
        await completeInBrowser(s, cli, project, n.type, scopes, n.redirectUrl, { via: 'push', step }),
      ]);
    }
    return outcomes;
  });
  if (isBusy(authorized)) return showCliError(authorized.busy);
  if (authorized.length > 1) {
    const done = authorized.filter(([, o]) => o === 'authorized').map(([t]) => t);
    const open = authorized.filter(([, o]) => o !== 'authorized').map(([t]) => t);
    const text = [
      done.length ? `authorized: ${done.join(', ')}` : '',
      open.length ? `not authorized yet: ${open.join(', ')}` : '',
    ].filter(Boolean);
    const show = open.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    void show(plainText(`Base44: ${text.join('; ')}.`, { max: 1500 }));
  }
}

/** What push told about each connector's authorization (see sync/authorizationState). */
function recordPushAnswers(
  s: Services,
  project: Project,
  summary: PushSummary,
  local: readonly { type: string; scopes: readonly string[] }[],
): void {
  const at = Date.now();
  const scopesOf = (type: string) => local.find((c) => c.type === type)?.scopes ?? [];
  for (const n of summary.needsAuthorization) {
    s.projects.recordAuthorization(project, n.type, {
      status: 'notAuthorized',
      via: 'push',
      at,
      scopes: scopesOf(n.type),
    });
  }
  for (const t of [...summary.synced, ...summary.added].filter((x) => x !== 'stripe')) {
    s.projects.recordAuthorization(project, t, { status: 'authorized', via: 'push', at, scopes: scopesOf(t) });
  }
  for (const f of summary.failed) {
    const otherUser = otherUserOf(f.error);
    if (otherUser || /already connected/i.test(f.error)) {
      s.projects.recordAuthorization(project, f.type, {
        status: 'differentUser',
        via: 'push',
        at,
        scopes: scopesOf(f.type),
        otherUser,
      });
    }
  }
}
