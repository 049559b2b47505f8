import { z } from "zod";
import { getDeliveryPayload } from "@/lib/alerts/queries";
import { apiRoute, notFoundResponse, parseInput, requireApiActor } from "@/lib/http/api";

const ZDeliveryId = z
  .string()
  .regex(/^\d{1,18}$/, "must be a delivery id")
  .transform(BigInt);

/** The raw payload exactly as the sender posted it, for digging into what monitoring really saw. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const delivery = await getDeliveryPayload(parseInput(ZDeliveryId, id));
  if (!delivery) return notFoundResponse("Delivery");
  return new Response(delivery.body, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "content-disposition": `inline; filename="delivery-${delivery.id}.json"`,
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    },
  });
});
