import "server-only";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getTranslator } from "@/lib/i18n/server";
import type { TActionState } from "./action-state";

/** Parses form fields with a zod schema; the error names each invalid field. */
export function parseForm<TSchema extends z.ZodType>(schema: TSchema, fields: unknown): z.infer<TSchema> {
  const result = schema.safeParse(fields);
  if (result.success) return result.data;
  throw new DomainError(400, "invalid_request", result.error.issues.map((issue) => `${issue.path.join(".") || "form"}: ${issue.message}`).join("; "));
}

/** Runs a server action's work, turning expected failures into a message for the form. */
export async function runAction(work: () => Promise<TActionState | void>): Promise<TActionState> {
  try {
    return (await work()) ?? { ok: true };
  } catch (error) {
    if (error instanceof DomainError) return { error: error.localized ? error.localized((await getTranslator()).t) : error.message, code: error.code };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return { error: "That conflicts with an existing record" };
    console.error("[action] failed", error);
    return { error: "Something went wrong on the server; it has been logged" };
  }
}
