/**
 * Nesting deeper than this is refused before the body is parsed. Nobody's payload needs more
 * (Ruby's JSON stops at the same depth), and what walks a parsed body recursively — zod,
 * JSON.stringify, PostgreSQL's jsonb — runs out of stack long before a 256 KiB body runs out of
 * brackets.
 */
export const MAX_JSON_DEPTH = 100;

/** Why a body is not JSON Firebreak can take; `field` names the field at fault when there is one. */
export class JsonBodyError extends Error {
  constructor(
    message: string,
    readonly field?: { path: string; message: string },
  ) {
    super(message);
    this.name = "JsonBodyError";
  }
}

/**
 * Parses a request body as JSON: its nesting is measured first, without recursion, and no string in
 * it may hold what PostgreSQL cannot store in text (NUL, or half a surrogate pair).
 */
export function parseJsonBody(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new JsonBodyError(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonBodyError("The body is not valid JSON");
  }
  const found = unstorableText(value, []);
  if (found) {
    const field = { path: found.path.join(".") || "(body)", message: found.message };
    throw new JsonBodyError(`${field.path}: ${field.message}`, field);
  }
  return value;
}

/** The deepest nesting of arrays and objects, brackets inside strings not counted. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") deepest = Math.max(deepest, ++depth);
    else if (char === "]" || char === "}") depth--;
  }
  return deepest;
}

// Text PostgreSQL refuses: NUL anywhere, and UTF-16 surrogates that are not in a pair (JSON's
// "\ud800" parses, but is no Unicode character, and jsonb refuses it).
const SUSPECT = /[\0\uD800-\uDFFF]/;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function whyUnstorable(text: string): string | null {
  if (!SUSPECT.test(text)) return null;
  if (text.includes("\0")) return "must not contain a NUL character (\\u0000)";
  return UNPAIRED_SURROGATE.test(text) ? "must be valid Unicode: it holds half of a surrogate pair (such as \\ud800) alone" : null;
}

/** The path of the first key or string value PostgreSQL could not store, and why; null when there is none. The depth is already capped. */
function unstorableText(value: unknown, path: string[]): { path: string[]; message: string } | null {
  if (typeof value === "string") {
    const message = whyUnstorable(value);
    return message ? { path, message } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    const keyMessage = whyUnstorable(key);
    if (keyMessage) return { path: [...path, JSON.stringify(key).slice(1, -1)], message: keyMessage };
    const found = unstorableText(item, [...path, key]);
    if (found) return found;
  }
  return null;
}
