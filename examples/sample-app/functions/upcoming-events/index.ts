// A Base44 backend function that uses the Google Calendar connector (base44/connectors/googlecalendar.jsonc).
import { createClientFromRequest } from "npm:@base44/sdk";

Deno.serve(async (req) => {
  const base44 = createClientFromRequest(req);
  const { accessToken } = await base44.asServiceRole.connectors.getConnection("googlecalendar");

  const timeMin = new Date().toISOString();
  const url =
    `https://www.googleapis.com/calendar/v3/calendars/primary/events` +
    `?maxResults=10&orderBy=startTime&singleEvents=true&timeMin=${timeMin}`;
  const response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } });
  return Response.json(await response.json());
});
