// The base styles come first: every component's and page's own CSS, imported by it, builds on them.
import './styles.css';
// The theme is applied before the first paint (and on the login page too).
import './modules/appearance/useTheme';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedListener } from './api/client';
import { AppShell } from './components/AppShell';
import { FleetPage } from './pages/FleetPage/FleetPage';
import { LoginPage } from './pages/LoginPage/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage/NotFoundPage';
import { Loading } from './components/StateViews';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not heal by retrying; a network blip may.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: true,
    },
  },
});

/** Shown while a lazily loaded page's code arrives on the first load (React Router warns without one). */
const pageLoading = <Loading what="the page" />;

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    // The pop-out window: the terminal alone, without the app's frame.
    path: '/sessions/:id/terminal-only',
    hydrateFallbackElement: pageLoading,
    lazy: async () => ({ Component: (await import('./pages/TerminalOnlyPage/TerminalOnlyPage')).TerminalOnlyPage }),
  },
  {
    element: <AppShell />,
    children: [
      { index: true, element: <FleetPage /> },
      {
        path: 'sessions/:id',
        hydrateFallbackElement: pageLoading,
        // xterm.js is most of the bundle: load it only where a terminal is shown.
        lazy: async () => ({ Component: (await import('./pages/SessionPage/SessionPage')).SessionPage }),
      },
      {
        path: 'hosts/:id/projects',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/ProjectsPage/ProjectsPage')).ProjectsPage }),
      },
      {
        path: 'inbox',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/InboxPage/InboxPage')).InboxPage }),
      },
      {
        path: 'people',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/PeoplePage/PeoplePage')).PeoplePage }),
      },
      {
        path: 'account',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/AccountPage/AccountPage')).AccountPage }),
      },
      {
        path: 'audit',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/AuditPage/AuditPage')).AuditPage }),
      },
      {
        path: 'spend',
        hydrateFallbackElement: pageLoading,
        // The chart library (uPlot) loads only with this page.
        lazy: async () => ({ Component: (await import('./pages/SpendPage/SpendPage')).SpendPage }),
      },
      {
        path: 'conversations',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/ConversationsPage/ConversationsPage')).ConversationsPage }),
      },
      {
        path: 'conversations/:id',
        hydrateFallbackElement: pageLoading,
        // The markdown renderer loads only with a conversation.
        lazy: async () => ({ Component: (await import('./pages/ConversationPage/ConversationPage')).ConversationPage }),
      },
      {
        path: 'sessions/:id/transcript',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({
          Component: (await import('./pages/SessionTranscriptPage/SessionTranscriptPage')).SessionTranscriptPage,
        }),
      },
      {
        path: 'terminals',
        hydrateFallbackElement: pageLoading,
        lazy: async () => ({ Component: (await import('./pages/WorkspacePage/WorkspacePage')).WorkspacePage }),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

setUnauthorizedListener(() => {
  const { pathname, search } = window.location;
  if (pathname.startsWith('/login')) return;
  queryClient.clear();
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
