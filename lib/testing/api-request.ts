/** A request to a route handler as an API client sends it: JSON body, Bearer token when given. */
export function apiRequest(method: string, path: string, token: string | null, body?: unknown, rawBody?: string): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Request(`http://localhost${path}`, { method, headers, body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)) });
}

/** Route handler params, as Next passes them. */
export const routeParams = <T>(value: T) => ({ params: Promise.resolve(value) });
