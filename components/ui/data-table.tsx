import type { ReactNode } from "react";

/** The app's list table: a header row of column names, then the rows the page renders. */
export function DataTable({ headers, testId, children }: { headers: ReactNode[]; testId?: string; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((header, index) => (
              <th key={index}>{header}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
