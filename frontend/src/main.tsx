import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { env } from '@/config/env';
import { App } from '@/app';
import { applyTheme } from '@/lib/theme';
import './index.css';

applyTheme();
const root = createRoot(document.getElementById('root')!);

if (env.configError) {
  root.render(
    <div role="alert" style={{ maxWidth: 560, margin: '3rem auto', fontFamily: 'system-ui', padding: '1rem' }}>
      <h1>The app is misconfigured</h1>
      <p>{env.configError}</p>
    </div>,
  );
} else {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
