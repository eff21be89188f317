import { PageHeader } from '../../components/PageHeader';

// PLACEHOLDER: replaced by the real page.
export default function OverviewPage() {
  return <PageHeader title="Overview" description="Not built yet." />;
}
