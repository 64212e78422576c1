export function ScheduleEditPage({ scheduleId }: { scheduleId: string | null }) {
  return <h1>{scheduleId ? 'Schedule' : 'New schedule'}</h1>;
}
