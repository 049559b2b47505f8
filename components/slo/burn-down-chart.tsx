"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "@/lib/slo/format";

export type TBurnDownChartPoint = { at: string; remaining: number; ideal: number };

/**
 * Error budget remaining through the SLO window, against the line that would spend it evenly. The
 * table beside it (rendered by the server) carries the same numbers for screen readers and print.
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
  const data = points.map((point) => ({ ...point, time: new Date(point.at).getTime() }));
  const day = new Intl.DateTimeFormat(locale, { month: "short", day: "numeric" });
  const moment = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const lowest = Math.min(0, ...data.map((point) => point.remaining));
  return (
    <figure className="chart" aria-label={labels.title}>
      <ResponsiveContainer width="100%" height={200}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis
            dataKey="time"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(time: number) => day.format(time)}
            minTickGap={32}
            fontSize={12}
          />
          <YAxis domain={[Math.floor(lowest * 10) / 10, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} width={48} fontSize={12} />
          <ReferenceLine y={0} stroke="#b91c1c" />
          <Tooltip
            labelFormatter={(time) => moment.format(Number(time))}
            formatter={(value, name) => [formatPercent(Number(value)), name === "remaining" ? labels.remaining : labels.ideal]}
          />
          <Line type="linear" dataKey="ideal" stroke="#9ca3af" strokeDasharray="4 4" dot={false} isAnimationActive={false} name="ideal" />
          <Line type="linear" dataKey="remaining" stroke="#2563eb" strokeWidth={2} dot={false} isAnimationActive={false} name="remaining" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
