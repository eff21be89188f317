import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function RequestsPage() {
  return <PageHeader title="Requests" description="Not built yet." />;
}
