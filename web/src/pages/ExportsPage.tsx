export function ExportsPage() {
  return <h1>Exports</h1>;
}
