import { PageHeader } from '@/components/ui/card';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import { env } from '@/config/env';
import { useOpenApi } from '@/features/docs/api/openapi';
import { OpenApiView } from '@/features/docs/components/openapi-view';

export function DocsPage() {
  const doc = useOpenApi();
  return (
    <div>
      <PageHeader
        title="API documentation"
        description={
          <>
            Every endpoint of the API at <code>{env.API_URL}</code>, from its{' '}
            <a className="text-blue-800 underline" href={`${env.API_URL}/openapi.json`}>
              OpenAPI document
            </a>
            .
          </>
        }
      />
      {doc.isLoading ? (
        <LoadingState label="Loading the API description" />
      ) : doc.error ? (
        <ErrorState error={doc.error} onRetry={() => void doc.refetch()} />
      ) : doc.data && Object.keys(doc.data.paths ?? {}).length ? (
        <OpenApiView doc={doc.data} />
      ) : (
        <EmptyState title="The API describes no endpoints" />
      )}
    </div>
  );
}
