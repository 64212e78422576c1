import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AuthProvider } from './auth';
import { App } from './App';
import './styles.css';

// The web fonts' stylesheet (~100 kB gzipped, mostly CJK unicode ranges) loads beside the app, not
// before it: the first render uses the system font, and text swaps to the web font when it arrives.
void import('./fonts');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <App />
    </AuthProvider>
  </StrictMode>,
);
