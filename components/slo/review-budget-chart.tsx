"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_CEILING, CHART_FLOOR, type TBudgetBar } from "@/lib/slo/review-chart";

const TICKS = [-1, -0.5, 0, 0.25, 0.5, 1];

/**
 * Budget left at the start and the end of the sprint for the SLOs at risk, least left first, on a
 * −100%…100% scale: a bar beyond it stops at the edge and says its real figure. The SLO table below
 * carries every SLO's numbers.
 */
export function ReviewBudgetChart({ bars, labels }: { bars: TBudgetBar[]; labels: { atStart: string; atEnd: string; title: string; overflow: string } }) {
  const overflowLabel = (value: unknown) => (typeof value === "string" && value ? labels.overflow.replace("{value}", value) : "");
  return (
    <figure className="chart" aria-label={labels.title} data-testid="budget-chart">
      <ResponsiveContainer width="100%" height={Math.max(160, 70 + bars.length * 48)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={2}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={false} />
          <XAxis
            type="number"
            domain={[CHART_FLOOR, CHART_CEILING]}
            ticks={TICKS}
            allowDataOverflow
            tickFormatter={(value: number) => `${Math.round(value * 100)}%`}
            fontSize={12}
          />
          <YAxis type="category" dataKey="slo" width={240} fontSize={12} />
          <ReferenceLine x={0.25} stroke="#d97706" strokeDasharray="4 4" />
          <ReferenceLine x={0} stroke="#b91c1c" />
          <Tooltip
            formatter={(_value, name, item) => {
              const bar = item.payload as TBudgetBar;
              return [name === labels.atStart ? bar.atStartText : bar.atEndText, name];
            }}
          />
          <Legend />
          <Bar dataKey="atStart" name={labels.atStart} fill="#93c5fd" isAnimationActive={false} minPointSize={2}>
            <LabelList dataKey="atStartOverflow" position="insideLeft" formatter={overflowLabel} fill="#1e3a8a" fontSize={11} />
          </Bar>
          <Bar dataKey="atEnd" name={labels.atEnd} fill="#2563eb" isAnimationActive={false} minPointSize={2}>
            <LabelList dataKey="atEndOverflow" position="insideLeft" formatter={overflowLabel} fill="#ffffff" fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
