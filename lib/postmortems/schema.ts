import { z } from "zod";
import { isSafeHref } from "./safe-href";
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, REVIEW_GOALS } from "./rules";

export const ZPostmortemCreate = z.object({ language: z.enum(["en", "ja"]) }).strict();

export const ZPostmortemStatusChange = z
  .object({
    to: z.enum(["draft", "in_review", "approved", "published"]),
    checklist: z.partialRecord(z.enum(REVIEW_GOALS), z.boolean()).optional(),
    comment: z.string().trim().max(5_000).optional(),
  })
  .strict();
export type TPostmortemStatusChange = z.infer<typeof ZPostmortemStatusChange>;

const ZDueDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-12-01")
  .transform((value) => new Date(`${value}T00:00:00Z`));

const actionItemFields = {
  title: z.string().trim().min(3, "must be at least 3 characters").max(300),
  ownerId: z.string().min(1).nullable(),
  priority: z.enum(ACTION_ITEM_PRIORITIES),
  dueDate: ZDueDate.nullable(),
  status: z.enum(ACTION_ITEM_STATUSES),
  trackerUrl: z
    .url()
    .max(1_000)
    .refine((url) => /^https?:/.test(url) && isSafeHref(url), "must be an http(s) link")
    .nullable(),
};

export const ZActionItemCreate = z
  .object({
    ...actionItemFields,
    ownerId: actionItemFields.ownerId.default(null),
    priority: actionItemFields.priority.default("P2"),
    dueDate: actionItemFields.dueDate.default(null),
    status: actionItemFields.status.default("open"),
    trackerUrl: actionItemFields.trackerUrl.default(null),
  })
  .strict();
export type TActionItemCreate = z.infer<typeof ZActionItemCreate>;

export const ZActionItemUpdate = z
  .object(actionItemFields)
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, "send at least one field");
export type TActionItemUpdate = z.infer<typeof ZActionItemUpdate>;

export const ZPostmortemComment = z
  .object({ quote: z.string().trim().max(2_000).default(""), body: z.string().trim().min(1, "must not be empty").max(5_000) })
  .strict();
export const ZPostmortemVersion = z.object({ label: z.string().trim().min(1, "must not be empty").max(200) }).strict();

export const ZPostmortemListFilter = z.strictObject({
  q: z.string().trim().max(200).optional(),
  status: z.enum(["draft", "in_review", "approved", "published"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const ZActionItemListFilter = z.strictObject({
  status: z.enum(ACTION_ITEM_STATUSES).optional(),
  priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
  ownerId: z.string().min(1).optional(),
  overdue: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
