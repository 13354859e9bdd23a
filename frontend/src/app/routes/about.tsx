import { Card, PageHeader } from '@/components/ui/card';

export function AboutRoute() {
  return (
    <div className="max-w-3xl space-y-4">
      <PageHeader title="About Segmenta" description="How the segments are found and how to read the results." />
      <Card title="Segments">
        <p className="text-sm text-slate-800">
          A K-Means model groups customers by the columns an analyst chose from the data (numbers, some on a log scale, and categories), after putting every
          feature on the same scale. The bundled model uses age, annual income (in thousands), spending score (1-100) and purchases per year. Each segment is
          named from its centre relative to the whole population — for instance <em>High-Value Customers</em> have high income and high spending — never from
          its number.
        </p>
      </Card>
      <Card title="Confidence and explanation">
        <p className="text-sm text-slate-800">
          The confidence is the probability of the chosen segment, and the probabilities over all segments add up to 100%. The explanation compares the customer
          with the runner-up segment and shows, in standard deviations, which features pulled the customer towards the chosen segment.
        </p>
      </Card>
      <Card title="Roles">
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-800">
          <li>
            <strong>User</strong>: predict, score files (small ones at once, any size with a scoring job), upload data and see its profile, keep history and
            saved profiles.
          </li>
          <li>
            <strong>Analyst</strong>: also choose features from a dataset's profile, train models and rename segments.
          </li>
          <li>
            <strong>Admin</strong>: also activate models, manage users, and see statistics, drift and the audit log.
          </li>
        </ul>
      </Card>
    </div>
  );
}
