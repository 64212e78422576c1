/**
 * ClickHouse identifier quoting for catalog names (databases, tables, columns). Only names the
 * catalog could hold pass: a plain identifier, so no user text can reach SQL through a name.
 */
export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `\`${name}\``;
}
