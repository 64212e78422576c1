/**
 * The app shell: sign-in when there is no session, otherwise the navigation and the page the
 * hash route names.
 */
import { lazy, Suspense, useMemo } from 'react';
import { ApolloProvider } from '@apollo/client/react';
import { useAuth } from './auth';
import { makeClient } from './graphql/client';
import { href, useRoute } from './router';
import { SignIn } from './pages/SignIn';
import { ReportsPage } from './pages/ReportsPage';

// Every page but the first one people land on is its own chunk, fetched when its route is opened,
// so the first page stays small (the builder brings its chart code, ECharts a chunk of its own).
const BuilderPage = lazy(() => import('./pages/BuilderPage').then((m) => ({ default: m.BuilderPage })));
const ExportsPage = lazy(() => import('./pages/ExportsPage').then((m) => ({ default: m.ExportsPage })));
const SchedulesPage = lazy(() => import('./pages/SchedulesPage').then((m) => ({ default: m.SchedulesPage })));
const AuditPage = lazy(() => import('./pages/AuditPage').then((m) => ({ default: m.AuditPage })));
const DashboardsPage = lazy(() => import('./pages/DashboardsPage').then((m) => ({ default: m.DashboardsPage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const SuppressionsPage = lazy(() => import('./pages/SuppressionsPage').then((m) => ({ default: m.SuppressionsPage })));
const ScheduleEditPage = lazy(() => import('./pages/ScheduleEditPage').then((m) => ({ default: m.ScheduleEditPage })));

function Page() {
  const { segments } = useRoute();
  const [section, id] = segments;
  switch (section) {
    case 'reports':
      return id ? <BuilderPage reportId={id === 'new' ? null : id} /> : <ReportsPage />;
    case 'dashboards':
      return id ? <DashboardPage key={id} dashboardId={id} /> : <DashboardsPage />;
    case 'exports':
      return <ExportsPage />;
    case 'schedules':
      return id ? <ScheduleEditPage scheduleId={id === 'new' ? null : id} /> : <SchedulesPage />;
    case 'audit':
      return <AuditPage />;
    case 'suppressions':
      return <SuppressionsPage />;
    default:
      return <ReportsPage />;
  }
}

export function App() {
  const { session, signOut } = useAuth();
  const { segments } = useRoute();
  const client = useMemo(() => (session ? makeClient(session.token) : null), [session]);
  if (!session || !client) return <SignIn />;
  const section = segments[0] ?? 'reports';
  return (
    <ApolloProvider client={client}>
      {/* Hash routing owns the fragment, so the skip link moves focus itself instead of linking to #main. */}
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
      <header className="topbar">
        <a className="brand" href={href('/reports')}>Reportcast</a>
        <nav aria-label="main">
          {/* The audit explorer is for admins: the server refuses anyone else, and the link is not shown to them. */}
          {[['reports', 'Reports'], ['dashboards', 'Dashboards'], ['exports', 'Exports'], ['schedules', 'Schedules'], ...(session.role === 'admin' ? [['audit', 'Audit'], ['suppressions', 'Suppressions']] : [])].map(([key, label]) => (
            <a key={key} href={href(`/${key}`)} aria-current={section === key ? 'page' : undefined}>{label}</a>
          ))}
        </nav>
        <span className="who" data-testid="who">{session.user} · {session.tenant} · {session.role}</span>
        <button onClick={signOut}>Sign out</button>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        <Suspense fallback={<p className="muted" role="status">Loading…</p>}>
          <Page />
        </Suspense>
      </main>
    </ApolloProvider>
  );
}
