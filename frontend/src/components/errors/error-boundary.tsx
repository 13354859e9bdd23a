import { Component, type ErrorInfo, type ReactNode } from 'react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

function Fallback({ title, message, onReset }: { title: string; message: string; onReset?: () => void }) {
  return (
    <div role="alert" className="mx-auto my-10 max-w-lg rounded-xl border border-red-300 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold text-red-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-800">{message}</p>
      <div className="mt-4 flex gap-3 text-sm">
        {onReset && (
          <button type="button" className="rounded-md bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800" onClick={onReset}>
            Try again
          </button>
        )}
        <a className="rounded-md border border-slate-300 px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-100" href="/">
          Go to the home page
        </a>
      </div>
    </div>
  );
}

/** Catches render errors anywhere below: the app never shows a blank page or a stack trace. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept in the console for developers; never shown to users.
    console.error('Unhandled UI error', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <Fallback
          title="Something went wrong"
          message="This part of the app failed to display. Try again, or go back to the home page."
          onReset={() => this.setState({ error: null })}
        />
      );
    }
    return this.props.children;
  }
}

/** The router's error element (a failed lazy chunk, a render error in a route, an unknown URL). */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return <NotFound />;
  }
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
  return (
    <Fallback
      title={chunkFailed ? 'This page could not be loaded' : 'Something went wrong'}
      message={
        chunkFailed
          ? 'A newer version of the app may have been deployed, or the connection dropped. Reload the page.'
          : 'This page failed to display. Try again, or go back to the home page.'
      }
      onReset={() => window.location.reload()}
    />
  );
}

export function NotFound() {
  return (
    <div className="mx-auto my-10 max-w-lg rounded-xl border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-700">There is nothing at this address.</p>
      <Link to="/" className="mt-4 inline-block rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800">
        Go home
      </Link>
    </div>
  );
}
