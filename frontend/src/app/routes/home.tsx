import { Link } from 'react-router';
import { useUser } from '@/lib/auth';

const FEATURES = [
  ['Predict a segment', 'Enter a customer and get their segment, a confidence and an explanation of which traits put them there.'],
  ['Score whole files', 'Upload a CSV of customers and download every row scored, with bad rows reported, never dropped.'],
  ['Keep a history', 'Every prediction is kept: filter by date, segment and confidence, and export it.'],
  ['Train and compare', 'Analysts upload data, train new models, compare versions and see how segments moved.'],
] as const;

export function HomeRoute() {
  const { token } = useUser();
  return (
    <div className="space-y-10">
      <section className="rounded-2xl bg-gradient-to-br from-blue-800 to-blue-950 px-6 py-10 text-white shadow sm:px-10 sm:py-14">
        <h1 className="max-w-2xl text-3xl font-bold tracking-tight sm:text-4xl">Know which customers you have, and why.</h1>
        <p className="mt-4 max-w-2xl text-blue-50">
          Segmenta groups your customers into segments with K-Means on the columns of your own data, and tells you for each customer which segment they belong
          to, how sure it is, and what made the difference.
        </p>
        <div className="mt-6 flex flex-wrap gap-3">
          {token ? (
            <Link to="/dashboard" className="rounded-md bg-amber-300 px-4 py-2 font-semibold text-slate-950 hover:bg-amber-200">
              Open the dashboard
            </Link>
          ) : (
            <>
              <Link to="/register" className="rounded-md bg-amber-300 px-4 py-2 font-semibold text-slate-950 hover:bg-amber-200">
                Sign up
              </Link>
              <Link to="/login" className="rounded-md border border-blue-200 px-4 py-2 font-semibold text-white hover:bg-blue-800">
                Log in
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="what-heading">
        <h2 id="what-heading" className="text-xl font-semibold">
          What you can do
        </h2>
        <ul className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {FEATURES.map(([title, text]) => (
            <li key={title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <h3 className="font-semibold text-slate-900">{title}</h3>
              <p className="mt-1 text-sm text-slate-700">{text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
