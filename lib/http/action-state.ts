/** What a server action tells the form that called it. */
export type TActionState = { ok?: boolean; error?: string; code?: string; secret?: string } | null;
