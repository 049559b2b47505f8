import { DateTime } from "luxon";

/**
 * A rotation as the resolver needs it. Hand-offs keep their wall-clock time in `timeZone`: the k-th
 * hand-off is the first one plus k × shiftHours *local* hours, so a weekly shift that spans a DST
 * change lasts 167 or 169 real hours and the next one starts at the usual local time again.
 */
export type TRotationDef = {
  id: string;
  timeZone: string;
  /** local date of the first hand-off, YYYY-MM-DD */
  startDate: string;
  /** local time of every hand-off, HH:MM */
  handoffTime: string;
  shiftHours: number;
  /** user ids in shift order; the same person may appear more than once */
  memberIds: readonly string[];
};

export type TRotationShift = { index: number; userId: string; start: Date; end: Date };

const HOUR_MS = 3_600_000;

/** The instant of the k-th hand-off (k may be negative: before the rotation starts). */
export function handoffAt(rotation: TRotationDef, k: number): Date {
  const firstWall = DateTime.fromISO(`${rotation.startDate}T${rotation.handoffTime}`, { zone: "UTC" });
  const wall = firstWall.plus({ milliseconds: k * rotation.shiftHours * HOUR_MS });
  // A hand-off time that falls in a spring-forward gap moves to the first instant after it.
  return wall.setZone(rotation.timeZone, { keepLocalTime: true }).toJSDate();
}

/** Index of the shift holding `at`: the last hand-off at or before it. */
export function shiftIndexAt(rotation: TRotationDef, at: Date): number {
  const firstWall = DateTime.fromISO(`${rotation.startDate}T${rotation.handoffTime}`, { zone: "UTC" }).toMillis();
  const atWall = DateTime.fromJSDate(at, { zone: rotation.timeZone }).setZone("UTC", { keepLocalTime: true }).toMillis();
  let k = Math.floor((atWall - firstWall) / (rotation.shiftHours * HOUR_MS));
  // Wall time repeats an hour when clocks go back: settle on real instants.
  while (handoffAt(rotation, k + 1).getTime() <= at.getTime()) k += 1;
  while (handoffAt(rotation, k).getTime() > at.getTime()) k -= 1;
  return k;
}

/** The rotation's shift at `at`, or null before its first hand-off or when it has no members. */
export function rotationShiftAt(rotation: TRotationDef, at: Date): TRotationShift | null {
  if (rotation.memberIds.length === 0) return null;
  const index = shiftIndexAt(rotation, at);
  if (index < 0) return null;
  const userId = rotation.memberIds[index % rotation.memberIds.length]!;
  return { index, userId, start: handoffAt(rotation, index), end: handoffAt(rotation, index + 1) };
}

/** Hand-off instants strictly inside (from, to). */
export function handoffsBetween(rotation: TRotationDef, from: Date, to: Date): Date[] {
  const instants: Date[] = [];
  for (let k = Math.max(shiftIndexAt(rotation, from) + 1, 0); ; k += 1) {
    const instant = handoffAt(rotation, k);
    if (instant.getTime() >= to.getTime()) return instants;
    if (instant.getTime() > from.getTime()) instants.push(instant);
  }
}
