import { LONGEST_SHIFT_MS, shiftsBetween, type TOverrideDef, type TScheduleDef } from "./rules";

/** A change of who is on call: at `at`, `outgoingIds` stop and `incomingIds` start, until `until` (null: beyond the look-ahead). */
export type THandoff = { at: Date; outgoingIds: string[]; incomingIds: string[]; until: Date | null };

/** A person coming on call at `at` who was not on call just before. */
export type TIncoming = { at: Date; userId: string; until: Date | null };

const samePeople = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * Every instant in (from, to] at which the people on call change: a rotation hand-off, a layer's
 * restriction window starting or ending, an override starting or ending. A change that leaves the
 * same people on call (a one-person rotation handing over to itself, another layer with the same
 * person) is none. The overrides must cover [from, to + lookaheadMs).
 */
export function handoffsIn(schedule: TScheduleDef, overrides: readonly TOverrideDef[], from: Date, to: Date, lookaheadMs = LONGEST_SHIFT_MS): THandoff[] {
  if (to.getTime() <= from.getTime()) return [];
  const spans: { start: Date; end: Date; userIds: string[] }[] = [];
  for (const piece of shiftsBetween(schedule, overrides, from, new Date(to.getTime() + lookaheadMs))) {
    const last = spans.at(-1);
    if (last && samePeople(last.userIds, piece.userIds)) last.end = piece.end;
    else spans.push({ start: piece.start, end: piece.end, userIds: piece.userIds });
  }
  const handoffs: THandoff[] = [];
  for (let i = 1; i < spans.length && spans[i]!.start.getTime() <= to.getTime(); i += 1) {
    const span = spans[i]!;
    handoffs.push({ at: span.start, outgoingIds: spans[i - 1]!.userIds, incomingIds: span.userIds, until: i + 1 < spans.length ? span.end : null });
  }
  return handoffs;
}

/**
 * The people to remind in (from, to] when each is reminded `leadMs` before coming on call: those
 * coming on at an instant in (from + lead, to + lead] who were not on call just before it.
 */
export function incomingIn(schedule: TScheduleDef, overrides: readonly TOverrideDef[], from: Date, to: Date, leadMs: number, lookaheadMs = LONGEST_SHIFT_MS): TIncoming[] {
  const handoffs = handoffsIn(schedule, overrides, new Date(from.getTime() + leadMs), new Date(to.getTime() + leadMs), lookaheadMs);
  return handoffs.flatMap((handoff) => handoff.incomingIds.filter((id) => !handoff.outgoingIds.includes(id)).map((userId) => ({ at: handoff.at, userId, until: handoff.until })));
}
