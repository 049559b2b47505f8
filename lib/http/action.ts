import "server-only";
import { z } from "zod";
import { DomainError, invalidFields } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { getTranslator } from "@/lib/i18n/server";
import type { TActionState } from "./action-state";

/** Parses form fields with a zod schema; the error names each invalid field. */
export function parseForm<TSchema extends z.ZodType>(schema: TSchema, fields: unknown): z.infer<TSchema> {
  // With the input in each issue, a form can tell a field left empty from one given the wrong kind of value.
  const result = schema.safeParse(fields, { reportInput: true });
  if (result.success) return result.data;
  throw invalidFields(result.error.issues);
}

/** Runs a server action's work, turning expected failures into a message for the form, in the reader's language. */
export async function runAction(work: () => Promise<TActionState | void>): Promise<TActionState> {
  try {
    return (await work()) ?? { ok: true };
  } catch (error) {
    const expected = error instanceof DomainError || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002");
    if (!expected) console.error("[action] failed", error);
    const { t } = await getTranslator();
    if (error instanceof DomainError) return { error: error.localized(t), code: error.code };
    return { error: t(expected ? "errors.action.conflict" : "errors.action.failed") };
  }
}
