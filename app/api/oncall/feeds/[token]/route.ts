import { apiRoute, notFoundResponse } from "@/lib/http/api";
import { publicUrl } from "@/lib/http/public-url";
import { calendarForToken } from "@/lib/oncall/feeds";

/**
 * An iCalendar feed. No session: calendar apps cannot sign in, so the secret token in the URL is
 * the credential (only its hash is stored; regenerating it retires the old URL).
 */
export const GET = apiRoute<{ token: string }>(async (_request, { token }) => {
  const text = await calendarForToken(token.replace(/\.ics$/, ""), new Date(), new URL(publicUrl("/")).host);
  if (text === null) return notFoundResponse("Calendar feed");
  return new Response(text, { headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, max-age=300" } });
});
