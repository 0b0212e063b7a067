import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from './feedback';
import { Layout } from './layout';
import { Pager } from './pager';

export interface Column<T> {
  /** The column's heading, also each cell's label when the table stacks on a narrow screen. */
  header: string;
  cell: (row: T) => ReactNode;
  /** The column that names the row (a row header for screen readers). */
  rowHeader?: boolean;
}

export interface TableProps<T> {
  rows: T[];
  columns: Array<Column<T>>;
  rowKey: (row: T) => string | number;
  caption: string;
  /** Shown above the table; else only screen readers hear it. */
  captionVisible?: boolean;
  className?: string;
  rowClass?: (row: T) => string | undefined;
}

/** A table of rows that stacks into labelled cards on a narrow screen. */
export function DataTable<T>({ rows, columns, rowKey, caption, captionVisible, className, rowClass }: TableProps<T>) {
  return (
    <div className="table-wrap">
      <table className={className ? `responsive ${className}` : 'responsive'}>
        <caption className={captionVisible ? undefined : 'sr-only'}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" data-label={c.header} key={c.header}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td data-label={c.header} key={c.header}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface ListPageProps<T> extends TableProps<T> {
  title: string;
  /** What comes above the list: the introduction, actions, filters. */
  children?: ReactNode;
  /** The list's query: its error is shown, and a loading note until its first answer. */
  query: { error: unknown; isPending: boolean };
  /** Said instead of an empty table, when given. */
  empty?: string;
  /** Previous / next when the list comes a page at a time. */
  page?: { offset: number; size: number; total: number; onOffset: (offset: number) => void };
}

/** A page that lists things: its heading, what comes above, the list's error or loading note, the table, the pager. */
export function ListPage<T>({ title, children, query, empty, page, ...table }: ListPageProps<T>) {
  return (
    <Layout title={title}>
      {children}
      <ErrorMessage error={query.error} />
      {query.isPending ? <Loading /> : empty && !table.rows.length ? <p className="empty">{empty}</p> : <DataTable {...table} />}
      {page && <Pager {...page} />}
    </Layout>
  );
}
