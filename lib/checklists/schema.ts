import { z } from "zod";
import { ZIncidentRole } from "@/lib/incidents/schema";

export const ZChecklistTemplateItemCreate = z
  .object({
    role: ZIncidentRole,
    textEn: z.string().trim().min(1, "write the item in English").max(300),
    textJa: z.string().trim().min(1, "write the item in Japanese").max(300),
  })
  .strict();
export type TChecklistTemplateItemCreate = z.infer<typeof ZChecklistTemplateItemCreate>;
