export function BuilderPage({ reportId }: { reportId: string | null }) {
  return <h1>{reportId ? 'Report' : 'New report'}</h1>;
}
