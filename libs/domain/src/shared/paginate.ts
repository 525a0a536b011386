/** A page of a list, the shape every list of the contract answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Rows to skip for a 1-based page. */
export const offsetOf = (page: number, pageSize: number): number => (page - 1) * pageSize;

export function paginate<T>(items: T[], total: number | string, page: number, pageSize: number): Page<T> {
  return { items, total: Number(total), page, pageSize };
}
