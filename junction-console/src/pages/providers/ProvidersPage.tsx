import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function ProvidersPage() {
  return <PageHeader title="Providers" description="Not built yet." />;
}
