// Size caps of collaborative documents, and the reasons the server gives an editor it refuses: shared by
// the server that enforces them and the pages that explain them.

/**
 * The largest a postmortem's document may grow (its encoded Yjs state): room for a long postmortem
 * with a big timeline table, while an open document, which takes several times its encoded size in
 * server memory, stays bounded whatever one editor sends.
 */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** The largest single change an editor may send: a paste of a long log, not a whole dump. */
export const MAX_UPDATE_BYTES = 256 * 1024;
/**
 * The largest WebSocket message read at all: a little over the update cap still reaches the check
 * that explains the refusal; beyond this the socket is closed with 1009 (message too big).
 */
export const MAX_MESSAGE_BYTES = 4 * MAX_UPDATE_BYTES;

/** The close reason an editor receives when its change was refused for its size (it shows why). */
export const UPDATE_TOO_LARGE = "update-too-large";

/** The reason an editor receives when another app process has the document open and no Redis relays between them. */
export const DOCUMENT_OPEN_ELSEWHERE = "document-open-elsewhere";
