/** The part of a team channel's target a person recognises (a channel ID, a room, a topic), or "" for kinds with none. */
export function describeChannelTarget(target: unknown): string {
  const value = (target ?? {}) as Record<string, unknown>;
  for (const field of ["conversation", "roomId", "topic"]) if (typeof value[field] === "string" && value[field]) return value[field];
  return "";
}
