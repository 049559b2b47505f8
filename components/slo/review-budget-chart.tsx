"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatPercent } from "@/lib/slo/format";

export type TReviewBudgetBar = { slo: string; atStart: number | null; atEnd: number | null };

/** Budget left per SLO at the start and the end of the sprint; the SLO table below carries the same numbers. */
export function ReviewBudgetChart({ bars, labels }: { bars: TReviewBudgetBar[]; labels: { atStart: string; atEnd: string; title: string } }) {
  const lowest = Math.min(0, ...bars.flatMap((bar) => [bar.atStart ?? 0, bar.atEnd ?? 0]));
  return (
    <figure className="chart" aria-label={labels.title}>
      <ResponsiveContainer width="100%" height={Math.max(160, 60 + bars.length * 44)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis type="number" domain={[Math.floor(lowest * 10) / 10, 1]} tickFormatter={(value: number) => `${Math.round(value * 100)}%`} fontSize={12} />
          <YAxis type="category" dataKey="slo" width={220} fontSize={12} />
          <ReferenceLine x={0.25} stroke="#d97706" strokeDasharray="4 4" />
          <ReferenceLine x={0} stroke="#b91c1c" />
          <Tooltip formatter={(value) => formatPercent(Number(value))} />
          <Legend />
          <Bar dataKey="atStart" name={labels.atStart} fill="#93c5fd" isAnimationActive={false} />
          <Bar dataKey="atEnd" name={labels.atEnd} fill="#2563eb" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
