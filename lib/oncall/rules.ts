import { restrictionEdgesBetween, restrictionsApply, type TRestriction } from "./restrictions";
import { handoffsBetween, rotationShiftAt, type TRotationDef } from "./rotation";

/** One layer of a schedule: a rotation, applying only where its restrictions say. */
export type TLayerDef = {
  id: string;
  /** higher wins where it applies */
  position: number;
  rotation: TRotationDef;
  restrictionZone: string;
  restrictions: readonly TRestriction[];
};

export type TScheduleDef = { id: string; layers: readonly TLayerDef[] };

/**
 * Someone covering a span: `add` puts `userId` on call beside whoever is; `remove` takes
 * `replacesUserId` off; `replace` puts `userId` in `replacesUserId`'s place (only while that
 * person is on call). Later overrides apply on top of earlier ones.
 */
export type TOverrideDef = {
  id: string;
  kind: "add" | "remove" | "replace";
  userId: string | null;
  replacesUserId: string | null;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
};

export type TOnCall = {
  userIds: string[];
  /** the layer that answered (null: none applies, a gap) */
  layerId: string | null;
  /** the rotation shift of that layer, so that a shift stays one piece in calendars */
  shiftIndex: number | null;
  overrideIds: string[];
};

export type TShift = TOnCall & { start: Date; end: Date };

const covers = (override: TOverrideDef, at: Date) => override.startsAt.getTime() <= at.getTime() && at.getTime() < override.endsAt.getTime();

function fromLayers(schedule: TScheduleDef, at: Date): Omit<TOnCall, "overrideIds"> {
  const layers = [...schedule.layers].sort((a, b) => b.position - a.position);
  for (const layer of layers) {
    if (!restrictionsApply(layer.restrictions, layer.restrictionZone, at)) continue;
    const shift = rotationShiftAt(layer.rotation, at);
    if (shift) return { userIds: [shift.userId], layerId: layer.id, shiftIndex: shift.index };
  }
  return { userIds: [], layerId: null, shiftIndex: null };
}

/** Who is on call on `schedule` at the instant `at`, overrides applied. */
export function whoIsOnCallAt(schedule: TScheduleDef, overrides: readonly TOverrideDef[], at: Date): TOnCall {
  const base = fromLayers(schedule, at);
  let userIds = base.userIds;
  const overrideIds: string[] = [];
  const active = overrides.filter((override) => covers(override, at)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const override of active) {
    const before = userIds;
    if (override.kind === "add" && override.userId) userIds = [...userIds, override.userId];
    if (override.kind === "remove") userIds = userIds.filter((id) => id !== override.replacesUserId);
    if (override.kind === "replace" && override.userId) userIds = userIds.map((id) => (id === override.replacesUserId ? override.userId! : id));
    userIds = [...new Set(userIds)];
    if (before.join() !== userIds.join() || override.kind === "add") overrideIds.push(override.id);
  }
  return { ...base, userIds, overrideIds };
}

function sameOnCall(a: TOnCall, b: TOnCall): boolean {
  return a.layerId === b.layerId && a.shiftIndex === b.shiftIndex && a.userIds.join() === b.userIds.join() && a.overrideIds.join() === b.overrideIds.join();
}

/**
 * The schedule over [from, to) as consecutive pieces, each with one answer. A rotation shift is
 * one piece however many midnights or DST changes it spans; pieces break only where a hand-off,
 * a layer's restriction or an override changes the answer. Gaps come back with no users.
 */
export function shiftsBetween(schedule: TScheduleDef, overrides: readonly TOverrideDef[], from: Date, to: Date): TShift[] {
  if (to.getTime() <= from.getTime()) return [];
  const edges = new Set<number>([from.getTime(), to.getTime()]);
  for (const layer of schedule.layers) {
    for (const instant of handoffsBetween(layer.rotation, from, to)) edges.add(instant.getTime());
    for (const instant of restrictionEdgesBetween(layer.restrictions, layer.restrictionZone, from, to)) edges.add(instant.getTime());
  }
  for (const override of overrides) {
    for (const instant of [override.startsAt, override.endsAt]) if (instant > from && instant < to) edges.add(instant.getTime());
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const shifts: TShift[] = [];
  for (let i = 0; i < sorted.length - 1; i += 1) {
    const start = new Date(sorted[i]!);
    const onCall = whoIsOnCallAt(schedule, overrides, start);
    const previous = shifts.at(-1);
    if (previous && sameOnCall(previous, onCall)) previous.end = new Date(sorted[i + 1]!);
    else shifts.push({ ...onCall, start, end: new Date(sorted[i + 1]!) });
  }
  return shifts;
}

/** The first piece after the one holding `at` whose people differ (null if none within `horizon`). */
export function nextOnCall(schedule: TScheduleDef, overrides: readonly TOverrideDef[], at: Date, horizon: Date): TShift | null {
  const shifts = shiftsBetween(schedule, overrides, at, horizon);
  const current = shifts[0]?.userIds.join();
  return shifts.find((shift) => shift.userIds.length > 0 && shift.userIds.join() !== current) ?? null;
}

/** When `userId` is next on call (the piece holding `at` if they are on call now). */
export function nextShiftOf(userId: string, shifts: readonly TShift[], at: Date): TShift | null {
  return shifts.find((shift) => shift.end.getTime() > at.getTime() && shift.userIds.includes(userId)) ?? null;
}

/** The longest a rotation shift may be (ZRotationCreate): how far outside a range a piece can reach. */
export const LONGEST_SHIFT_MS = 28 * 86_400_000;

/**
 * The pieces that overlap [from, to), each whole: one that started before `from` (or ends after
 * `to`) keeps its real start and end, so calendars and feeds show the same shift the same way
 * whatever range was asked for. The overrides must cover the range widened by LONGEST_SHIFT_MS.
 */
export function wholeShiftsOverlapping(schedule: TScheduleDef, overrides: readonly TOverrideDef[], from: Date, to: Date): TShift[] {
  const reach = Math.max(0, ...schedule.layers.map((layer) => layer.rotation.shiftHours * 3_600_000));
  const pieces = shiftsBetween(schedule, overrides, new Date(from.getTime() - reach), new Date(to.getTime() + reach));
  return pieces.filter((piece) => piece.end.getTime() > from.getTime() && piece.start.getTime() < to.getTime());
}
