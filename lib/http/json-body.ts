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
 * it may hold a NUL character, which PostgreSQL cannot store in text.
 */
export function parseJsonBody(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) throw new JsonBodyError(`The body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JsonBodyError("The body is not valid JSON");
  }
  const path = pathToNul(value, []);
  if (path) {
    const field = { path: path.join(".") || "(body)", message: "must not contain a NUL character (\\u0000)" };
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

/** The path of the first key or string value holding a NUL character, or null. The depth is already capped. */
function pathToNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === "string") return value.includes("\0") ? path : null;
  if (typeof value !== "object" || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\0")) return [...path, key.replaceAll("\0", "\\u0000")];
    const found = pathToNul(item, [...path, key]);
    if (found) return found;
  }
  return null;
}
