/** What the collaboration server (Hocuspocus) reports; server.ts hands it over once it is attached. */
export type TCollaborationCounts = { getDocumentsCount(): number; getConnectionsCount(): number };

const globalForCollaboration = globalThis as unknown as { firebreakCollaborationCounts?: TCollaborationCounts };

/** The collaboration server whose documents and connections the metrics report (on globalThis: server.ts sets it, Next's bundle reads it). */
export function observeCollaboration(server: TCollaborationCounts): void {
  globalForCollaboration.firebreakCollaborationCounts = server;
}

export function collaborationCounts(): { documents: number; connections: number } {
  const server = globalForCollaboration.firebreakCollaborationCounts;
  return { documents: server?.getDocumentsCount() ?? 0, connections: server?.getConnectionsCount() ?? 0 };
}
