import { z } from "zod";

/** An IANA zone the runtime knows, e.g. Asia/Tokyo (checked against Intl's own list of zones). */
export const ZTimeZone = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return zone.length > 0;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Asia/Tokyo");
