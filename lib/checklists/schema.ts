import { z } from "zod";
import { IncidentRole } from "@/lib/generated/prisma/enums";

export const ZChecklistTemplateItemCreate = z
  .object({
    role: z.enum(IncidentRole),
    textEn: z.string().trim().min(1, "write the item in English").max(300),
    textJa: z.string().trim().min(1, "write the item in Japanese").max(300),
  })
  .strict();
export type TChecklistTemplateItemCreate = z.infer<typeof ZChecklistTemplateItemCreate>;
