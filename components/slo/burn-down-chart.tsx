"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayTicks, formatDay, formatInstant } from "@/lib/clock/format-time";
import { formatPercent } from "@/lib/slo/format";
import { useTimeContext } from "@/components/ui/time-context";

export type TBurnDownChartPoint = { at: string; remaining: number; ideal: number };

/**
 * Error budget remaining through the SLO window, against the line that would spend it evenly. The
 * table beside it (rendered by the server) carries the same numbers for screen readers and print.
 * The axis has one tick per day in the reader's zone; hovering shows the hour's figures.
 */
export function BurnDownChart({
  points,
  locale,
  labels,
}: {
  points: TBurnDownChartPoint[];
  locale: string;
  labels: { remaining: string; ideal: string; title: string };
}) {
  const context = useTimeContext(locale);
  const data = points.map((point) => ({ ...point, time: new Date(point.at).getTime() }));
  const lowest = Math.min(0, ...data.map((point) => point.remaining));
  const ticks = dayTicks(
    data.map((point) => point.time),
    context.timeZone,
    8,
  );
  return (
    <figure className="chart" aria-label={labels.title} data-testid="burn-down-chart">
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={ticks}
            tickFormatter={(time: number) => formatDay(new Date(time), context)}
            fontSize={12}
          />
          <YAxis domain={[Math.floor(lowest * 10) / 10, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} width={48} fontSize={12} />
          <ReferenceLine y={0} stroke="#b91c1c" />
          <Tooltip
            labelFormatter={(time) => formatInstant(new Date(Number(time)), context)}
            formatter={(value, name) => [formatPercent(Number(value)), name === "remaining" ? labels.remaining : labels.ideal]}
            isAnimationActive={false}
          />
          <Line type="linear" dataKey="ideal" stroke="#6b7280" strokeDasharray="4 4" dot={false} activeDot={false} isAnimationActive={false} name="ideal" />
          <Line type="linear" dataKey="remaining" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} name="remaining" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
