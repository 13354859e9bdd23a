export { DocsPage as DocsRoute } from '@/features/docs/components/docs-page';
