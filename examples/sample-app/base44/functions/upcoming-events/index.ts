// A Base44 backend function: lists the next events of the app owner's Google Calendar, posts them to Slack and
// logs them to a Google Sheet. Each connectors call names a connector type; the Base44 extension checks it against
// base44/connectors/ (hover it, or F12 to open the connector file).
import { createClientFromRequest } from "npm:@base44/sdk";

Deno.serve(async (req) => {
  const base44 = createClientFromRequest(req);
  const { connectors } = base44.asServiceRole;

  // Declared in base44/connectors/googlecalendar.jsonc.
  const { accessToken } = await connectors.getConnection("googlecalendar");
  const timeMin = new Date().toISOString();
  const url =
    `https://www.googleapis.com/calendar/v3/calendars/primary/events` +
    `?maxResults=10&orderBy=startTime&singleEvents=true&timeMin=${timeMin}`;
  const events = await (await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } })).json();

  // Declared in base44/connectors/slack.jsonc.
  const slack = await connectors.getConnection("slack");
  await fetch("https://slack.com/api/chat.postMessage", {
    method: "POST",
    headers: { Authorization: `Bearer ${slack.accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ channel: "#general", text: `${events.items?.length ?? 0} upcoming events` }),
  });

  // No connector file declares googlesheets yet: the extension warns (push would remove a remote googlesheets
  // connector, and this call would fail at run time) and offers to create base44/connectors/googlesheets.jsonc.
  const sheets = await connectors.getConnection("googlesheets");

  return Response.json({ events: events.items ?? [], logged: Boolean(sheets.accessToken) });
});
