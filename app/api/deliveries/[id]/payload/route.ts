import { z } from "zod";
import { getDeliveryPayload } from "@/lib/alerts/queries";
import { can } from "@/lib/auth/permissions";
import { apiRoute, notFoundResponse, parseInput, requireApiActor } from "@/lib/http/api";
import { requestLocale } from "@/lib/i18n/request-locale";
import { translator } from "@/lib/i18n/translate";

const ZDeliveryId = z
  .string()
  .regex(/^\d{1,18}$/, "must be a delivery id")
  .transform(BigInt);

/**
 * The raw payload as the sender posted it (credentials redacted), for digging into what monitoring
 * really saw. A rejected delivery never became an alert anyone needs to read: only admins, who
 * manage the integrations, see those. A payload that retention removed answers 410 Gone, saying so
 * in the reader's language.
 */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "incident:read");
  const delivery = await getDeliveryPayload(parseInput(ZDeliveryId, id));
  if (!delivery || (!delivery.accepted && !can(actor.role, "integration:manage"))) return notFoundResponse("Delivery");
  if (delivery.bodyRemovedAt) {
    const date = `${delivery.bodyRemovedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    return new Response(translator(requestLocale(request))("payload.removed", { date }), {
      status: 410,
      headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", "cache-control": "no-store" },
    });
  }
  return new Response(delivery.body, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `inline; filename="delivery-${delivery.id}.json"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
});
