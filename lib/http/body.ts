/**
 * Reads a request body as text, stopping once it passes `limit` bytes so that an oversized body
 * never sits whole in memory; `tooLarge` then says so, and the caller answers 413. The rest is left
 * unread rather than cancelled: cancelling would destroy the connection before the 413 could be
 * sent (the server closes it once the answer is out, lib/http/body-guard.ts).
 */
export async function readBodyCapped(request: Request, limit: number): Promise<{ text: string; tooLarge: boolean }> {
  if (!request.body) return { text: "", tooLarge: false };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size <= limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  reader.releaseLock();
  return { text: Buffer.concat(chunks).toString("utf8"), tooLarge: size > limit };
}
