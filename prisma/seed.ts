import { randomBytes } from "node:crypto";
import type { TActor } from "@/lib/auth/permissions";
import { createService } from "@/lib/catalog/service";
import { addIncidentNote, assignIncidentRole, declareIncident, updateIncident } from "@/lib/incidents/service";
import { insertUser } from "@/lib/users/service";

export type TDemoSignIn = { password: string; users: { email: string; role: string }[] };

const minutes = (n: number) => n * 60_000;

/**
 * A realistic demo: five people, three services, a resolved SEV2 from three days ago with its full
 * timeline, and a SEV1 in progress. Everything goes through the domain services, so the timelines
 * are exactly what the product would have recorded.
 */
export async function seedDemo(now = new Date()): Promise<TDemoSignIn> {
  const password = randomBytes(9).toString("base64url");
  const people = [
    { email: "aiko.tanaka@example.com", name: "Aiko Tanaka", role: "admin" },
    { email: "ben.carter@example.com", name: "Ben Carter", role: "responder" },
    { email: "chen.wei@example.com", name: "Chen Wei", role: "responder" },
    { email: "dana.okafor@example.com", name: "Dana Okafor", role: "responder" },
    { email: "emma.lopez@example.com", name: "Emma Lopez", role: "viewer" },
  ] as const;
  const [aiko, ben, chen, dana] = (await Promise.all(people.map((person) => insertUser({ ...person, password })))) as TActor[];
  if (!aiko || !ben || !chen || !dana) throw new Error("demo users were not created");

  const checkout = await createService(aiko, { name: "Checkout API", slug: "checkout-api", ownerTeam: "Payments", description: "Carts, payment authorisation and order placement." });
  const search = await createService(aiko, { name: "Search", slug: "search", ownerTeam: "Discovery", description: "Product search and suggestions (Elasticsearch)." });
  await createService(aiko, { name: "Notifications", slug: "notifications", ownerTeam: "Platform", description: "Email, push and SMS delivery." });

  const at = (offset: number) => new Date(now.getTime() - offset);

  // The resolved SEV2, three days ago.
  const t0 = minutes(3 * 24 * 60);
  const past = await declareIncident(
    chen,
    { title: "Search returns no results for Japanese queries", severity: "SEV3", serviceIds: [search.id], summary: "", startedAt: at(t0 + minutes(22)), detectedAt: at(t0 + minutes(4)) },
    at(t0),
  );
  await updateIncident(chen, past.id, { status: "investigating" }, at(t0 - minutes(1)));
  await assignIncidentRole(chen, past.id, { role: "operations", userId: dana.id }, at(t0 - minutes(2)));
  await assignIncidentRole(chen, past.id, { role: "communications", userId: ben.id }, at(t0 - minutes(3)));
  await addIncidentNote(dana, past.id, "Zero-result rate for ja-JP went from 2% to 61% at 09:18 UTC. English queries unaffected.", at(t0 - minutes(6)));
  await updateIncident(chen, past.id, { severity: "SEV2" }, at(t0 - minutes(8)));
  await addIncidentNote(ben, past.id, "Posted first stakeholder update in #status: Japanese storefront search degraded, checkout unaffected.", at(t0 - minutes(10)));
  await addIncidentNote(dana, past.id, "The 09:15 index rebuild ran with the new analyzer config; kuromoji tokenizer missing from the mapping.", at(t0 - minutes(19)));
  await updateIncident(chen, past.id, { status: "identified" }, at(t0 - minutes(20)));
  await assignIncidentRole(chen, past.id, { role: "planning", userId: aiko.id }, at(t0 - minutes(24)));
  await addIncidentNote(dana, past.id, "Switched the search alias back to yesterday's index. Zero-result rate dropping.", at(t0 - minutes(31)));
  await updateIncident(chen, past.id, { status: "monitoring" }, at(t0 - minutes(32)));
  await assignIncidentRole(chen, past.id, { role: "commander", userId: aiko.id }, at(t0 - minutes(45)));
  await addIncidentNote(aiko, past.id, "Took over as commander for the end of Chen's shift. Zero-result rate back to 2.1% for 20 minutes.", at(t0 - minutes(46)));
  await updateIncident(
    aiko,
    past.id,
    {
      status: "resolved",
      summary: "An index rebuild shipped without the Japanese tokenizer, so most ja-JP queries returned nothing for about an hour. Rolled back to the previous index; a mapping check now gates the rebuild.",
    },
    at(t0 - minutes(62)),
  );

  // The SEV1 in progress right now.
  const live = await declareIncident(
    ben,
    { title: "Checkout failing for card payments (HTTP 502)", severity: "SEV1", serviceIds: [checkout.id], summary: "Card payments fail at the authorisation step; PayPal unaffected.", startedAt: at(minutes(31)), detectedAt: at(minutes(27)) },
    at(minutes(25)),
  );
  await updateIncident(ben, live.id, { status: "investigating" }, at(minutes(24)));
  await assignIncidentRole(ben, live.id, { role: "operations", userId: chen.id }, at(minutes(23)));
  await assignIncidentRole(ben, live.id, { role: "communications", userId: dana.id }, at(minutes(21)));
  await addIncidentNote(chen, live.id, "502s come from the payment-gateway sidecar; upstream connect timeouts to the acquirer since 10:02.", at(minutes(15)));
  await addIncidentNote(dana, live.id, "First stakeholder update sent. Next update in 30 minutes.", at(minutes(12)));

  return { password, users: people.map(({ email, role }) => ({ email, role })) };
}
