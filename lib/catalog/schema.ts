import { z } from "zod";

export const ZServiceCreate = z
  .object({
    name: z.string().trim().min(2, "must be at least 2 characters").max(100),
    slug: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "must be lowercase letters, digits and dashes, e.g. checkout-api")
      .optional(),
    ownerTeam: z.string().trim().min(1, "must name the owning team").max(100),
    description: z.string().trim().max(2_000).default(""),
  })
  .strict();
export type TServiceCreate = z.infer<typeof ZServiceCreate>;

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
}
