/**
 * Reads a request body as text, stopping once it passes `limit` bytes so that an oversized body
 * never sits whole in memory. The text returned is then longer than `limit` bytes: the caller
 * answers 413.
 */
export async function readBodyCapped(request: Request, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}
