import { z } from "zod";
import { IncidentRole } from "@/lib/generated/prisma/enums";

export const ZChecklistTemplateItemCreate = z
  .object({
    // The database's enum rather than incidents' schema: incidents open checklists, so checklists do not import incidents.
    role: z.enum(IncidentRole),
    textEn: z.string().trim().min(1, "write the item in English").max(300),
    textJa: z.string().trim().min(1, "write the item in Japanese").max(300),
  })
  .strict();
export type TChecklistTemplateItemCreate = z.infer<typeof ZChecklistTemplateItemCreate>;
