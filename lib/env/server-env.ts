import { z } from "zod";
import { InvalidClockError, parseClockSetting } from "@/lib/clock/shifted-clock";

const optionalText = z.string().trim().min(1).optional();

/** A whole number of days from 0 (keep forever) to ten years. */
const retentionDays = (fallback: number) => z.coerce.number().int().min(0, "must be 0 (keep forever) or more days").max(3650).default(fallback);

/**
 * What is kept and how fast senders may deliver (README, "Retention and intake limits"). Parsed on
 * its own too: the retention job and the receivers read it without the rest of the environment.
 */
export const ZRetentionEnv = z.object({
  /** rejected alert deliveries (row and payload) are deleted after this many days */
  FIREBREAK_RETAIN_REJECTED_DAYS: retentionDays(7),
  /** accepted deliveries' raw payloads are emptied after this many days, unless an alert of theirs belongs to an incident with a postmortem */
  FIREBREAK_RETAIN_PAYLOAD_DAYS: retentionDays(90),
  /** SLI minute buckets are kept for this many of their SLO's windows (never less than the sprint review reads); hourly sums stay */
  FIREBREAK_RETAIN_SLI_MINUTE_WINDOWS: z.coerce.number().int().min(2, "must be at least 2").max(120).default(2),
  /** deliveries one integration may send per minute; more get 429 (0: no limit) */
  FIREBREAK_INTAKE_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
});
export type TRetentionEnv = z.infer<typeof ZRetentionEnv>;

export const ZServerEnv = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().trim().min(1).default("0.0.0.0"),
    DATABASE_URL: z
      .url({ message: "must be a URL such as postgresql://user:password@host:5432/firebreak" })
      .refine((url) => /^postgres(ql)?:\/\//.test(url), "must start with postgresql://")
      .optional(),
    FIREBREAK_DATA_DIR: z.string().trim().min(1).default(".data"),
    FIREBREAK_DEMO: z.enum(["auto", "true", "false"]).default("auto"),
    FIREBREAK_ADMIN_EMAIL: z.email().optional(),
    FIREBREAK_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_NAME: z.string().trim().min(1).default("Single sign-on"),
    GITHUB_CLIENT_ID: optionalText,
    GITHUB_CLIENT_SECRET: optionalText,
    FIREBREAK_SSO_DEFAULT_ROLE: z.enum(["viewer", "responder"]).default("viewer"),
    /** the organisation's default postmortem template language; each document can still choose */
    FIREBREAK_POSTMORTEM_LANGUAGE: z.enum(["en", "ja"]).default("en"),
    FIREBREAK_STREAM_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    ...ZRetentionEnv.shape,
    /** behind a reverse proxy that appends the client's address to X-Forwarded-For */
    FIREBREAK_TRUST_PROXY: z
      .enum(["true", "false"])
      .default("false")
      .transform((value) => value === "true"),
    /** tests only: run the whole process on another date (lib/clock/shifted-clock.ts) */
    FIREBREAK_CLOCK: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          if (value) parseClockSetting(value, 0);
        } catch (error) {
          if (!(error instanceof InvalidClockError)) throw error;
          ctx.addIssue({ code: "custom", message: error.message.replace(/^FIREBREAK_CLOCK /, "") });
        }
      }),
  })
  .superRefine((env, ctx) => {
    // With an external database Firebreak is a real deployment: secrets are not generated.
    if (env.DATABASE_URL) {
      if (!env.NEXTAUTH_SECRET) ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required when DATABASE_URL is set" });
      if (!env.NEXTAUTH_URL)
        ctx.addIssue({
          code: "custom",
          path: ["NEXTAUTH_URL"],
          message: "is required when DATABASE_URL is set (the public URL, e.g. https://firebreak.example.com)",
        });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: "custom", path: ["OIDC_ISSUER"], message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together" });
    }
    if (Boolean(env.GITHUB_CLIENT_ID) !== Boolean(env.GITHUB_CLIENT_SECRET)) {
      ctx.addIssue({ code: "custom", path: ["GITHUB_CLIENT_ID"], message: "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET go together" });
    }
    if (Boolean(env.FIREBREAK_ADMIN_EMAIL) !== Boolean(env.FIREBREAK_ADMIN_PASSWORD)) {
      ctx.addIssue({ code: "custom", path: ["FIREBREAK_ADMIN_EMAIL"], message: "FIREBREAK_ADMIN_EMAIL and FIREBREAK_ADMIN_PASSWORD go together" });
    }
  });

export type TServerEnv = z.infer<typeof ZServerEnv>;

export class InvalidEnvironmentError extends Error {}

function parseEnvWith<TSchema extends z.ZodType>(schema: TSchema, source: Record<string, string | undefined>): z.infer<TSchema> {
  const blankless = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(blankless);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new InvalidEnvironmentError(`Firebreak cannot start, the environment is invalid:\n${lines.join("\n")}`);
}

/** Parses the environment once; the message names every bad variable and what is wrong with it. */
export function parseServerEnv(source: Record<string, string | undefined>): TServerEnv {
  return parseEnvWith(ZServerEnv, source);
}

/** The retention and intake settings alone (the launcher has already checked the whole environment). */
export function parseRetentionEnv(source: Record<string, string | undefined>): TRetentionEnv {
  return parseEnvWith(ZRetentionEnv, source);
}
