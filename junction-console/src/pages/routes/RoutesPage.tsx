import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function RoutesPage() {
  return <PageHeader title="Routes" description="Not built yet." />;
}
